import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import type { JWK, KeyLike } from 'jose';
import { OrderDetail, StatusChange } from '../../src/db/entities';
import { databaseTargets } from '../support/databases';
import { deliNo, orderNo, returnOrder } from '../support/fixtures';
import { INSTRUCT_PATH, startHarness } from '../support/harness';
import type { Harness } from '../support/harness';
import { TEST_SECRET } from '../support/tokens';

const [sqlite] = databaseTargets();
const body = {
  withdrawInstructHandlingSaveInfoList: [{ ordNo: orderNo(1), deliNo: deliNo(1), rtnQty: 2 }],
};

interface SigningKey {
  readonly alg: 'RS256' | 'ES256';
  readonly kid: string;
  readonly privateKey: KeyLike;
  readonly jwk: JWK;
}

async function signingKey(alg: SigningKey['alg'], kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg);
  return { alg, kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

function sign(key: SigningKey, sub: string, kid = key.kid): Promise<string> {
  return new SignJWT({ scope: 'withdrawal:write' })
    .setProtectedHeader({ alg: key.alg, kid })
    .setSubject(sub)
    .setExpirationTime('5m')
    .sign(key.privateKey);
}

/** An HS256 token signed with `secret`: what an attacker holding the public key might try. */
function signHmac(secret: string | Uint8Array, kid: string): Promise<string> {
  const key = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret;
  return new SignJWT({ scope: 'withdrawal:write' })
    .setProtectedHeader({ alg: 'HS256', kid })
    .setSubject('intruder')
    .setExpirationTime('5m')
    .sign(key);
}

/** Runs one instruction with `token` and reports the status and who the history names. */
async function instructWith(h: Harness, token: string) {
  const res = await h.post(INSTRUCT_PATH, body, { Authorization: `Bearer ${token}` });
  const history = await h.em().find(StatusChange, {});
  return { status: res.status, code: res.body.code, actors: history.map((c) => c.changedBy) };
}

describe('RS256 tokens verified with keys from AUTH_JWKS_FILE', () => {
  let h: Harness;
  let key: SigningKey;
  let dir: string;

  beforeAll(async () => {
    key = await signingKey('RS256', 'bo-2026');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jwks-'));
    const file = path.join(dir, 'jwks.json');
    fs.writeFileSync(file, JSON.stringify({ keys: [key.jwk] }));
    h = await startHarness(sqlite!, { AUTH_JWT_SECRET: undefined, AUTH_JWKS_FILE: file });
  });
  afterAll(async () => {
    await h.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await h.reset();
    await h.load([returnOrder(1)]);
  });

  it('accepts a token signed with the listed key and records its subject', async () => {
    expect(await instructWith(h, await sign(key, 'operator-rsa'))).toEqual({
      status: 200,
      code: 'SUCCESS',
      actors: ['operator-rsa'],
    });
  });

  it('refuses a token signed with another key under the same kid', async () => {
    const impostor = await signingKey('RS256', 'bo-2026');

    expect(await instructWith(h, await sign(impostor, 'intruder'))).toEqual({
      status: 901,
      code: 'UNAUTHENTICATED',
      actors: [],
    });
  });

  it('refuses HS256, even keyed with the published public key', async () => {
    const publicKeyAsSecret = new TextEncoder().encode(JSON.stringify(key.jwk));

    for (const secret of [TEST_SECRET, publicKeyAsSecret]) {
      expect(await instructWith(h, await signHmac(secret, key.kid))).toMatchObject({
        status: 901,
        actors: [],
      });
    }
    expect(await h.em().count(OrderDetail, { status: '32' })).toBe(1);
  });
});

describe('ES256 tokens verified with keys fetched from AUTH_JWKS_URL', () => {
  let h: Harness;
  let key: SigningKey;
  let server: http.Server;
  let fetches = 0;

  beforeAll(async () => {
    key = await signingKey('ES256', 'bo-ec-1');
    server = http.createServer((_req, res) => {
      fetches += 1;
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ keys: [key.jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    h = await startHarness(sqlite!, {
      AUTH_JWT_SECRET: undefined,
      AUTH_JWKS_URL: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    });
  });
  afterAll(async () => {
    await h.close();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(async () => {
    await h.reset();
    await h.load([returnOrder(1)]);
  });

  it('fetches the key set and accepts a token signed with its key', async () => {
    expect(await instructWith(h, await sign(key, 'operator-ec'))).toEqual({
      status: 200,
      code: 'SUCCESS',
      actors: ['operator-ec'],
    });
    expect(fetches).toBeGreaterThanOrEqual(1);
  });

  it('refuses a token whose kid the key set does not have', async () => {
    expect(await instructWith(h, await sign(key, 'intruder', 'unknown-kid'))).toMatchObject({
      status: 901,
      actors: [],
    });
  });
});

describe('clock skew', () => {
  let h: Harness;
  const now = () => Math.floor(Date.now() / 1000);

  function expiringAt(exp: number): Promise<string> {
    return new SignJWT({ scope: 'withdrawal:write' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('operator-clock')
      .setExpirationTime(exp)
      .sign(new TextEncoder().encode(TEST_SECRET));
  }

  beforeAll(async () => {
    h = await startHarness(sqlite!, { AUTH_CLOCK_TOLERANCE_SEC: '30' });
  });
  afterAll(async () => {
    await h.close();
  });
  beforeEach(async () => {
    await h.reset();
    await h.load([returnOrder(1)]);
  });

  it('accepts a token that expired within the tolerance', async () => {
    expect((await instructWith(h, await expiringAt(now() - 10))).status).toBe(200);
  });

  it('refuses a token that expired longer ago than the tolerance', async () => {
    expect(await instructWith(h, await expiringAt(now() - 120))).toMatchObject({
      status: 901,
      actors: [],
    });
  });
});
