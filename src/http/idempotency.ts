import { createHash } from 'node:crypto';
import type { EntityManager } from '../db/orm';
import { dbTimestamp, runUpdate, selectRows } from '../db/sql';
import { ApiError } from '../errors/api-error';

/** The header both 회수 operations accept (spec: Idempotency-Key). */
export const IDEMPOTENCY_HEADER = 'idempotency-key';

/** A handler's answer, with the headers the adapter should add. */
export interface KeyedAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface IdempotentRequest {
  readonly actor: string;
  readonly key: string;
  readonly operationId: string;
  readonly body: unknown;
  readonly ttlMs: number;
}

interface StoredAnswer {
  readonly operation_id: string;
  readonly request_hash: string;
  readonly response_status: number;
  readonly response_body: string;
}

/** JSON with object keys sorted, so that key order does not change a request's digest. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function requestDigest(operationId: string, body: unknown): string {
  return createHash('sha256')
    .update(operationId)
    .update('\n')
    .update(canonicalJson(body))
    .digest('hex');
}

function replayOrRefuse(stored: StoredAnswer, operationId: string, digest: string): KeyedAnswer {
  if (stored.operation_id !== operationId || stored.request_hash !== digest) {
    throw ApiError.forField(
      'IDEMPOTENCY_KEY_REUSED',
      'Idempotency-Key',
      'this Idempotency-Key was used for a different request; use a new key',
    );
  }
  return {
    status: Number(stored.response_status),
    body: JSON.parse(stored.response_body) as unknown,
    headers: { 'Idempotency-Replayed': 'true' },
  };
}

const WHERE_KEY = 'where actor = ? and idem_key = ?';

/** Inserts the claim unless the key is taken; an expired claim is dropped first. */
async function claimKey(
  tx: EntityManager,
  request: IdempotentRequest,
  digest: string,
  now: Date,
): Promise<boolean> {
  const at = dbTimestamp(tx, now);
  const expires = dbTimestamp(tx, new Date(now.getTime() + request.ttlMs));
  const key = [request.actor, request.key];
  await runUpdate(tx, `delete from idempotency_key ${WHERE_KEY} and expires_at < ?`, [...key, at]);
  const inserted = await runUpdate(
    tx,
    'insert into idempotency_key (actor, idem_key, operation_id, request_hash,' +
      ' response_status, response_body, created_at, expires_at)' +
      ' values (?, ?, ?, ?, 0, ?, ?, ?) on conflict do nothing',
    [...key, request.operationId, digest, '', at, expires],
  );
  return inserted === 1;
}

async function storedAnswer(tx: EntityManager, request: IdempotentRequest): Promise<StoredAnswer> {
  const [stored] = await selectRows<StoredAnswer>(
    tx,
    'select operation_id, request_hash, response_status, response_body' +
      ` from idempotency_key ${WHERE_KEY}`,
    [request.actor, request.key],
  );
  if (!stored) {
    throw new ApiError('CONCURRENT_UPDATE', 'the Idempotency-Key changed hands; retry');
  }
  return stored;
}

/**
 * Claims the key, runs the request and stores its answer, all in one transaction. A second
 * request with the same key waits on the claim's unique key until the first commits, then
 * gets the stored answer; if the first failed, nothing was stored and the second runs itself.
 * Only successful answers are stored: a refused request changed nothing, so repeating it is safe.
 */
export async function runIdempotent(
  em: EntityManager,
  request: IdempotentRequest,
  run: (tx: EntityManager) => Promise<KeyedAnswer>,
): Promise<KeyedAnswer> {
  const digest = requestDigest(request.operationId, request.body);

  return em.transactional(async (tx) => {
    if (!(await claimKey(tx, request, digest, new Date()))) {
      return replayOrRefuse(await storedAnswer(tx, request), request.operationId, digest);
    }

    const answer = await run(tx);
    await runUpdate(
      tx,
      `update idempotency_key set response_status = ?, response_body = ? ${WHERE_KEY}`,
      [answer.status, JSON.stringify(answer.body), request.actor, request.key],
    );
    return answer;
  });
}
