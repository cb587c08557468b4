import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import type { Response } from 'supertest';
import { applyBatchLimit, loadSpec } from '../../src/http/spec';
import { databaseTargets } from '../support/databases';
import { startHarness } from '../support/harness';
import type { Harness } from '../support/harness';
import { hasUnknownProperty, validBody } from './support/bodies';
import type { Anchor } from './support/bodies';
import { databaseDigest, tableNames } from './support/digest';
import { MUTATION_KINDS, applyMutation, mutationSites } from './support/mutations';
import type { Mutation, MutationKind } from './support/mutations';
import { anchorsOf, orderPool } from './support/order-pool';
import { runSeed, seededRandom } from './support/random';
import { requestOperations } from './support/request-schemas';
import type { RequestOperation } from './support/request-schemas';

// FC_RUNS may raise the count for a longer hunt; below 500 the suite would not do its job.
const RUNS = Math.max(500, Number(process.env.FC_RUNS ?? 500));
const SEED = runSeed();
// A small batch limit keeps "too many items" bodies small; the served spec follows it.
const MAX_BATCH_ITEMS = 12;
// Every so many requests the orders are loaded afresh, so that later requests still find
// deliveries to move; the same seed still replays the same sequence.
const RELOAD_EVERY = 100;

const spec = applyBatchLimit(loadSpec(), MAX_BATCH_ITEMS);
const operations = requestOperations(spec);
const orders = orderPool();
const anchors: readonly Anchor[] = anchorsOf(orders);
const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));

console.log(
  `generated requests: fast-check seed ${SEED}, ${RUNS} runs per property` +
    ` (replay with FC_SEED=${SEED})`,
);

/** A failure message that carries what is needed to understand it. */
function explain(reason: string, body: unknown, res: Response): string {
  const answer = `answer ${res.status}: ${JSON.stringify(res.body)}`;
  return `${reason}\nrequest: ${JSON.stringify(body)}\n${answer}`;
}

function expectThat(condition: boolean, reason: string, body: unknown, res: Response): void {
  if (!condition) {
    throw new Error(explain(reason, body, res));
  }
}

/** The kinds of broken constraint this operation's bodies offer, from a fixed sample. */
function kindsFor(operation: RequestOperation): MutationKind[] {
  const found = new Set<MutationKind>();
  for (let seed = 0; seed < 30; seed += 1) {
    const body = validBody(operation.schema, seed, { anchors, unknownProperties: false });
    mutationSites(operation.schema, body, seededRandom(seed)).forEach((m) => found.add(m.kind));
  }
  return MUTATION_KINDS.filter((kind) => found.has(kind));
}

function tally(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

function describeCounts(counts: Map<string, number>): string {
  return [...counts.entries()].map(([key, n]) => `${key} ${n}`).join(', ');
}

describe.each(databaseTargets())('generated requests on $name', (target) => {
  let h: Harness;
  let tables: string[];
  let sent = 0;

  beforeAll(async () => {
    h = await startHarness(target, { MAX_BATCH_ITEMS: String(MAX_BATCH_ITEMS) });
    tables = await tableNames(h.em(), h.config.database.kind);
  });
  afterAll(async () => {
    await h.close();
  });
  beforeEach(() => {
    sent = 0;
  });

  const digest = () => databaseDigest(h.em(), h.config.database.kind, tables);

  async function reloadNow(): Promise<void> {
    await h.reset();
    await h.load(orders);
  }

  /** Sends the body (checked against the contract by the harness), reloading now and then. */
  async function send(operation: RequestOperation, body: unknown) {
    if (sent % RELOAD_EVERY === 0) {
      await reloadNow();
    }
    sent += 1;
    const before = await digest();
    const res = await h.post(operation.path, body);
    const unchanged = (await digest()) === before;
    return { res, unchanged };
  }

  it('generates requests for both 회수 operations', () => {
    expect(operations.map((o) => o.operationId)).toEqual(
      expect.arrayContaining(['saveWithdrawInstructProcess', 'saveWithdrawStatUpdateProcess']),
    );
  });

  describe.each(operations)('$operationId', (operation) => {
    let validate: ValidateFunction;

    beforeAll(() => {
      validate = ajv.compile(operation.schema);
    });

    it(`answers ${RUNS} valid bodies with 200 or a business 900 that changes nothing`, async () => {
      const statuses = new Map<string, number>();
      const shapes = new Map<string, number>();
      const cases = fc.record({
        seed: fc.noShrink(fc.integer()),
        unknownProperties: fc.boolean(),
      });

      await fc.assert(
        fc.asyncProperty(cases, async ({ seed, unknownProperties }) => {
          const body = validBody(operation.schema, seed, { anchors, unknownProperties });
          if (!validate(body)) {
            throw new Error(`generator made an invalid body: ${JSON.stringify(validate.errors)}`);
          }

          const { res, unchanged } = await send(operation, body);

          tally(shapes, hasUnknownProperty(operation.schema, body) ? 'unknown' : 'known');
          tally(statuses, res.status === 200 ? '200' : `900 ${res.body.code}`);
          expectThat([200, 900].includes(res.status), 'expected 200 or 900', body, res);
          if (res.status === 200 && res.body.payload.processedCount > 0) {
            // Also shows that the digest notices a change at all.
            expectThat(!unchanged, 'a 200 that moved details left no trace', body, res);
          }
          if (res.status === 900) {
            const code = res.body.code as string;
            expectThat(code !== 'VALIDATION_FAILED', 'a valid body was refused', body, res);
            expectThat(unchanged, 'a refused request changed the database', body, res);
          }
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );

      const counts = `${describeCounts(statuses)}; properties ${describeCounts(shapes)}`;
      console.log(`${operation.operationId} on ${target.name}: ${counts}`);
      expect([shapes.get('known'), shapes.get('unknown')]).toEqual([
        expect.any(Number),
        expect.any(Number),
      ]);
      expect(statuses.get('200')).toBeGreaterThan(0);
      expect([...statuses.keys()].some((k) => k.startsWith('900'))).toBe(true);
    });

    it(`refuses ${RUNS} bodies that break one constraint each: 900, no change`, async () => {
      const kinds = kindsFor(operation);
      const used = new Map<string, number>();
      const cases = fc.record({
        seed: fc.noShrink(fc.integer()),
        unknownProperties: fc.boolean(),
        kind: fc.constantFrom(...kinds),
        site: fc.nat(),
      });

      await fc.assert(
        fc.asyncProperty(cases, async ({ seed, unknownProperties, kind, site }) => {
          const valid = validBody(operation.schema, seed, { anchors, unknownProperties });
          const sites = mutationSites(operation.schema, valid, seededRandom(seed)).filter(
            (m) => m.kind === kind,
          );
          fc.pre(sites.length > 0);
          const mutation = sites[site % sites.length] as Mutation;
          const body = applyMutation(valid, mutation);
          if (validate(body)) {
            throw new Error(`${kind} at ${mutation.field} left the body valid`);
          }

          const { res, unchanged } = await send(operation, body);

          tally(used, kind);
          const reason = `${kind} at ${mutation.field}`;
          expectThat(res.status === 900, `${reason}: expected 900`, body, res);
          expectThat(res.body.code === 'VALIDATION_FAILED', `${reason}: code`, body, res);
          const fields = (res.body.errors as Array<{ field: string }>).map((e) => e.field);
          const named = fields.length > 0 && fields.every((f) => f === mutation.field);
          expectThat(named, `${reason}: errors must name only ${mutation.field}`, body, res);
          expectThat(unchanged, `${reason}: the database changed`, body, res);
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );

      console.log(`${operation.operationId} on ${target.name}: ${describeCounts(used)}`);
      expect([...used.keys()].sort()).toEqual([...kinds].sort());
    });
  });
});
