import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import type { Operation } from './wire';
import { PATHS, requestBody } from './wire';

/** Hands out order numbers so that every request moves orders no request moved before. */
export class OrderCursor {
  constructor(
    private next: number,
    private readonly last: number,
  ) {}

  take(count: number): number {
    const first = this.next;
    if (first + count - 1 > this.last) {
      throw new Error(`the fixture is exhausted at order ${first}: make it larger`);
    }
    this.next += count;
    return first;
  }
}

export interface LoadOptions {
  readonly port: number;
  readonly operation: Operation;
  readonly batchSize: number;
  /** This many requests… */
  readonly requests: number;
  /** …unless this time passes first (requests then in flight are not counted). */
  readonly maxSeconds: number;
  readonly connections: number;
  readonly token: string;
  readonly cursor: OrderCursor;
}

/** What the server answered, over the time from the first request to the last answer. */
export interface LoadResult {
  readonly ok: number;
  readonly failed: number;
  readonly seconds: number;
  /** Each successful answer's latency. */
  readonly latenciesMs: readonly number[];
}

function options(o: LoadOptions): autocannon.Options {
  return {
    url: `http://127.0.0.1:${o.port}${PATHS[o.operation]}`,
    method: 'POST',
    connections: o.connections,
    amount: o.requests,
    timeout: 120,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${o.token}` },
    requests: [
      {
        setupRequest: (request) => ({
          ...request,
          body: requestBody(o.operation, o.cursor.take(o.batchSize), o.batchSize),
        }),
      },
    ],
  };
}

/**
 * Drives the server over keep-alive connections. autocannon notices the end of a run only at
 * its next one-second tick, so the run's time is taken from the answers themselves.
 */
export async function drive(o: LoadOptions): Promise<LoadResult> {
  let failed = 0;
  const latenciesMs: number[] = [];
  const started = performance.now();
  let last = started;
  const counting = () => performance.now() - started <= o.maxSeconds * 1000;

  await new Promise<void>((resolve, reject) => {
    const instance = autocannon(options(o), (err: unknown) => {
      clearTimeout(timer);
      if (err) {
        reject(err instanceof Error ? err : new Error('autocannon failed'));
        return;
      }
      resolve();
    });
    const timer = setTimeout(() => instance.stop(), o.maxSeconds * 1000);
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (!counting()) {
        return;
      }
      last = performance.now();
      if (statusCode >= 200 && statusCode < 300) {
        latenciesMs.push(responseTime);
      } else {
        failed += 1;
      }
    });
    instance.on('reqError', () => {
      failed += 1;
    });
  });
  return { ok: latenciesMs.length, failed, seconds: (last - started) / 1000, latenciesMs };
}
