import { createHash } from 'node:crypto';
import supertest from 'supertest';
import type { Response } from 'supertest';
import { ContractChecker } from '../support/contract';
import { databaseTargets } from '../support/databases';
import { returnOrder, returnOrders } from '../support/fixtures';
import { startHarness } from '../support/harness';
import type { Harness } from '../support/harness';
import { signToken } from '../support/tokens';
import { HOSTILE_CORPUS } from './hostile-corpus';
import type { Credential, HostileCase } from './hostile-corpus';

/** Orders 1–3 in 32 반품접수, 4 in 34 회수지시 (parcel), 5 in 34 (e-coupon). */
const hostileOrders = () => [
  ...returnOrders(3),
  returnOrder(4, { status: '34' }),
  returnOrder(5, { status: '34', deliveryType: 'E_COUPON' }),
];

/** What no answer may reveal: stack frames, SQL, database names, file paths, error classes. */
const LEAKS: readonly RegExp[] = [
  /\bat \S+ \(/,
  /\n\s+at /,
  /\/work\//,
  /node_modules/,
  /\.[jt]s:\d+/,
  /\bselect\s/i,
  /\binsert\s+into\b/i,
  /\bupdate\s+\w+\s+set\b/i,
  /\bdelete\s+from\b/i,
  /sqlite/i,
  /postgres/i,
  /syntax error/i,
  /\b(Type|Range|Syntax|Reference|URI)Error\b/,
];

async function credentials(): Promise<Record<Credential, string | undefined>> {
  const encode = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const exp = Math.floor(Date.now() / 1000) + 600;
  const WRITE = 'withdrawal:write';
  return {
    valid: `Bearer ${await signToken({ expiresIn: '1h' })}`,
    none: undefined,
    expired: `Bearer ${await signToken({ expiresIn: '-1h' })}`,
    readOnly: `Bearer ${await signToken({ scope: 'withdrawal:read', expiresIn: '1h' })}`,
    wrongKey: `Bearer ${await signToken({ secret: 'another-secret-of-at-least-32-characters!' })}`,
    algNone: `Bearer ${encode({ alg: 'none' })}.${encode({ sub: 'x', scope: WRITE, exp })}.`,
    garbage: 'Bearer not.a.jwt',
    basic: `Basic ${Buffer.from('admin:admin').toString('base64')}`,
    huge: `Bearer ${'a'.repeat(10_000)}`,
  };
}

function send(app: Harness['service']['app'], c: HostileCase, authorization?: string) {
  let req = supertest(app)[c.method](c.path);
  if (authorization !== undefined) {
    req = req.set('Authorization', authorization);
  }
  req = req.set(c.headers ?? {});
  if (c.contentType !== null) {
    req = req.set('Content-Type', c.contentType);
  }
  // The bytes go out as they are: superagent would re-encode a Buffer as JSON, and give a bare
  // string a form content type.
  const asIs = (bytes: unknown) => bytes as string;
  return c.body === undefined ? req : req.serialize(asIs).send(Buffer.from(c.body));
}

/** The strings a request carried, which an answer may fairly quote back. */
function quotedInput(c: HostileCase): string[] {
  const found: string[] = [];
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      found.push(value, JSON.stringify(value).slice(1, -1));
    } else if (value !== null && typeof value === 'object') {
      Object.entries(value).forEach(([k, v]) => (found.push(k), visit(v)));
    }
  };
  try {
    visit(JSON.parse(c.body?.toString() ?? 'null'));
  } catch {
    // Not JSON: nothing of it can be quoted as a value.
  }
  return found.filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
}

function leaksIn(c: HostileCase, res: Response): string[] {
  const text = quotedInput(c).reduce((t, s) => t.split(s).join(''), res.text);
  return LEAKS.filter((pattern) => pattern.test(text)).map(String);
}

const digest = (rows: unknown) => createHash('sha256').update(JSON.stringify(rows)).digest('hex');

describe.each(databaseTargets())('hostile input on $name', (target) => {
  let h: Harness;
  let contract: ContractChecker;
  let tokens: Record<Credential, string | undefined>;
  let before: string;

  beforeAll(async () => {
    h = await startHarness(target);
    await h.load(hostileOrders());
    contract = await ContractChecker.create();
    tokens = await credentials();
    before = digest(await h.snapshot());
  });
  afterAll(async () => {
    await h.close();
  });

  it('has a corpus of at least 100 distinctly named cases', () => {
    const names = HOSTILE_CORPUS.map((c) => c.name);
    expect(names.length).toBeGreaterThanOrEqual(100);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(HOSTILE_CORPUS.map((c) => [c.name, c] as const))(
    'answers %s with its documented status, the envelope, and changes nothing',
    async (_name, c) => {
      const res = await send(h.service.app, c, tokens[c.credential]);

      expect({ status: res.status, code: res.body?.code }).toEqual({
        status: c.status,
        code: c.code,
      });
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      contract.check(c.method, c.path.split('?')[0]!, res);
      expect(res.body).toMatchObject({ error: true, isProcess: false });
      expect(res.headers['x-powered-by']).toBeUndefined();
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toContain("default-src 'none'");
      expect(leaksIn(c, res)).toEqual([]);
      expect(digest(await h.snapshot())).toBe(before);
    },
  );

  it('leaves Object.prototype untouched after the whole corpus', () => {
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
