import pino from 'pino';
import supertest from 'supertest';
import type { Response } from 'supertest';
import { loadConfig } from '../../src/config/config';
import type { AppConfig, DatabaseConfig } from '../../src/config/config';
import { createOrm, forkEntityManager } from '../../src/db/orm';
import type { EntityManager } from '../../src/db/orm';
import type { OrderRecord } from '../../src/orders/order-file';
import { loadOrders } from '../../src/orders/load-orders';
import { createService } from '../../src/service';
import type { Service, ServiceOptions } from '../../src/service';
import { ContractChecker } from './contract';
import type { DatabaseTarget } from './databases';
import { TEST_SECRET, signToken } from './tokens';

export const INSTRUCT_PATH = '/api/order/v1/delivery/withdrawProcess/saveWithdrawInstructProcess';
export const STAT_UPDATE_PATH =
  '/api/order/v1/delivery/withdrawProcess/saveWithdrawStatUpdateProcess';

// Children first, so that foreign keys never block a reset.
const TABLES = [
  'idempotency_key',
  'op_ord_deli_inv_hist',
  'op_ord_dtl_stat_chg_hist',
  'op_ord_dtl',
  'op_ord_deli_info',
  'op_ord',
];

/** A running service on a fresh database, with helpers that check every answer. */
export interface Harness {
  readonly service: Service;
  readonly config: AppConfig;
  /** A new entity manager, for reading the database back after a request. */
  em(): EntityManager;
  /** POSTs JSON with a valid token, unless `headers` brings its own Authorization. */
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  get(path: string): Promise<Response>;
  load(orders: OrderRecord[]): Promise<void>;
  /** Every row of every table, for "nothing changed" comparisons. */
  snapshot(): Promise<Record<string, unknown[]>>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

let checker: Promise<ContractChecker> | undefined;

/** Drops whatever an earlier suite left in a shared PostgreSQL database. */
async function dropSchema(database: DatabaseConfig): Promise<void> {
  if (database.kind !== 'postgresql') {
    return;
  }
  const orm = await createOrm(database);
  try {
    const tables = [...TABLES, 'mikro_orm_migrations'];
    await orm.em.getConnection().execute(`drop table if exists ${tables.join(', ')} cascade`);
  } finally {
    await orm.close();
  }
}

/** The configuration tests run with: HS256 auth with the test secret, unless overridden. */
export function testConfig(database: DatabaseConfig, env: NodeJS.ProcessEnv = {}): AppConfig {
  return { ...loadConfig({ AUTH_JWT_SECRET: TEST_SECRET, ...env }), database };
}

export async function startHarness(
  target: DatabaseTarget,
  env: NodeJS.ProcessEnv = {},
  options: Pick<ServiceOptions, 'onQuery' | 'handlers'> = {},
): Promise<Harness> {
  const config = testConfig(target.create(), env);
  await dropSchema(config.database);
  const log = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const service = await createService({ ...options, config, log, validateResponses: true });
  const contract = await (checker ??= ContractChecker.create());
  const http = supertest(service.app);
  const token = signToken({ sub: 'bo-operator-1', expiresIn: '1h' });

  const checked = (method: string, path: string, res: Response) => {
    contract.check(method, path, res);
    return res;
  };
  const em = () => forkEntityManager(service.orm);

  return {
    service,
    config,
    em,
    post: async (path, body, headers = {}) => {
      const auth = 'Authorization' in headers ? {} : { Authorization: `Bearer ${await token}` };
      const res = await http
        .post(path)
        .set({ ...auth, ...headers })
        .send(body as object);
      return checked('post', path, res);
    },
    get: async (path) => checked('get', path, await http.get(path)),
    load: async (orders) => {
      await loadOrders(em(), { orders });
    },
    snapshot: async () => {
      const rows: Record<string, unknown[]> = {};
      for (const table of TABLES) {
        rows[table] = await em().execute(`select * from ${table} order by 1`);
      }
      return rows;
    },
    reset: async () => {
      const manager = em();
      for (const table of TABLES) {
        await manager.execute(`delete from ${table}`);
      }
    },
    close: () => service.close(),
  };
}

/**
 * Starts a harness for the enclosing `describe` and empties its tables before each test. The
 * returned object is filled in `beforeAll`, so tests use it directly.
 */
export function useHarness(target: DatabaseTarget, env: NodeJS.ProcessEnv = {}): Harness {
  const harness = {} as Harness;
  beforeAll(async () => {
    Object.assign(harness, await startHarness(target, env));
  });
  afterAll(async () => {
    await harness.close();
  });
  beforeEach(async () => {
    await harness.reset();
  });
  return harness;
}
