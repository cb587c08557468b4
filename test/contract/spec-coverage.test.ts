import pino from 'pino';
import type { Document } from 'openapi-backend';
import { handlers } from '../../src/http/handlers';
import { createApiRouter } from '../../src/http/openapi';
import type { OperationHandlers } from '../../src/http/operations';
import { loadSpec } from '../../src/http/spec';
import { createService } from '../../src/service';
import { databaseTargets } from '../support/databases';
import { testConfig } from '../support/harness';

const EXTRA_ID = 'operationNobodyImplemented';
const EXTRA_PATH = '/v1/example/operationNobodyImplemented';

const authenticate = () => Promise.resolve({ actor: 'spec-coverage' });

/** The spec with one more operation, as after an edit that nobody has implemented yet. */
function specWithExtraOperation(operation: Record<string, unknown> = {}): Document {
  const spec = loadSpec();
  const post = { operationId: EXTRA_ID, responses: { '200': { description: 'ok' } }, ...operation };
  spec.paths = { ...spec.paths, [EXTRA_PATH]: { post } };
  return spec;
}

/** The handlers with more, as after deleting operations from the spec. */
function handlersWithExtra(ids: readonly string[] = [EXTRA_ID]): OperationHandlers {
  const extra = () => Promise.resolve({ status: 200, body: {} });
  const more = Object.fromEntries(ids.map((id) => [id, extra]));
  // The cast is the point: the type system already refuses this map, start-up must too.
  return { ...handlers, ...more } as unknown as OperationHandlers;
}

function router(spec: Document, map: OperationHandlers = handlers) {
  return createApiRouter({
    spec,
    handlers: map,
    validateResponses: false,
    authenticate,
    idempotencyTtlMs: 60_000,
  });
}

describe('every operationId of the spec has a handler, and every handler an operationId', () => {
  it('starts with the spec and the handler map as they are', async () => {
    const api = await router(loadSpec());

    expect([...api.operationIds].sort()).toEqual(Object.keys(handlers).sort());
  });

  it('refuses to start when an operationId in the spec has no handler, naming it', async () => {
    await expect(router(specWithExtraOperation())).rejects.toThrow(`no handler for [${EXTRA_ID}]`);
  });

  it('refuses to start when a handler has no operationId in the spec, naming it', async () => {
    await expect(router(loadSpec(), handlersWithExtra())).rejects.toThrow(
      `no operation for [${EXTRA_ID}]`,
    );
  });

  it('names every handler without an operation, not only the first', async () => {
    const extra = handlersWithExtra([EXTRA_ID, 'getWithdrawHistory']);

    await expect(router(loadSpec(), extra)).rejects.toThrow(
      `no operation for [${EXTRA_ID}, getWithdrawHistory]`,
    );
  });

  it('refuses an operation that has no operationId at all', async () => {
    const spec = specWithExtraOperation({ operationId: undefined });

    await expect(router(spec)).rejects.toThrow(
      `no handler for [POST ${EXTRA_PATH} (no operationId)]`,
    );
  });

  it('makes the service itself refuse to start', async () => {
    const [sqlite] = databaseTargets();
    const config = testConfig(sqlite!.create());
    const log = pino({ level: 'silent' });

    await expect(createService({ config, log, handlers: handlersWithExtra() })).rejects.toThrow(
      `no operation for [${EXTRA_ID}]`,
    );
  });
});
