import type express from 'express';
import type { Logger } from 'pino';
import type { AppConfig } from './config/config';
import { createOrm, migrate } from './db/orm';
import type { Orm, QueryListener } from './db/orm';
import { createApp } from './http/app';
import { createAuthenticator } from './http/auth';
import { createApiRouter } from './http/openapi';
import type { OperationHandlers } from './http/operations';
import { applyBatchLimit, loadSpec } from './http/spec';

/** A wired service: the express app and what it holds open. */
export interface Service {
  readonly app: express.Express;
  readonly orm: Orm;
  close(): Promise<void>;
}

export interface ServiceOptions {
  readonly config: AppConfig;
  readonly log: Logger;
  readonly validateResponses?: boolean;
  readonly handlers?: OperationHandlers;
  /** Sees every SQL statement (the statement-count test, the benchmark). */
  readonly onQuery?: QueryListener;
}

/** Connects, migrates and wires the service; the caller decides where it listens. */
export async function createService(options: ServiceOptions): Promise<Service> {
  const { config, log } = options;
  const orm = await createOrm(config.database, { onQuery: options.onQuery });
  try {
    if (config.auth.disabled) {
      log.warn('AUTH_DISABLED=true: requests are not authenticated, history records "system"');
    }
    const applied = await migrate(orm);
    if (applied.length > 0) {
      log.info({ migrations: applied }, 'migrations applied');
    }
    const router = await createApiRouter({
      spec: applyBatchLimit(loadSpec(), config.maxBatchItems),
      handlers: options.handlers,
      validateResponses: options.validateResponses ?? false,
      authenticate: createAuthenticator(config.auth),
      idempotencyTtlMs: config.idempotencyTtlMs,
    });
    const app = createApp({ config, orm, router, log });
    return { app, orm, close: () => orm.close() };
  } catch (err) {
    await orm.close();
    throw err;
  }
}
