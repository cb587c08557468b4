import type { DatabaseConfig } from '../../src/config/config';
import { OrderDelivery, OrderDetail, StatusChange } from '../../src/db/entities';
import type { EntityManager } from '../../src/db/orm';
import { deliNo, orderNo } from '../support/fixtures';
import { signToken } from '../support/tokens';

/** The batch the process suites send: 회수지시 for orders from..to. */
export function instructBatch(from: number, to: number) {
  return {
    withdrawInstructHandlingSaveInfoList: Array.from({ length: to - from + 1 }, (_, i) => ({
      ordNo: orderNo(from + i),
      deliNo: deliNo(from + i),
      rtnQty: 2,
    })),
  };
}

/** The DATABASE_URL a child server needs to open the same database. */
export function databaseUrl(database: DatabaseConfig): string {
  return database.kind === 'sqlite' ? `sqlite:${database.path}` : database.url;
}

/** An Authorization header for the child servers (they share the test secret). */
export async function bearer(sub = 'bo-operator-1'): Promise<Record<string, string>> {
  return { Authorization: `Bearer ${await signToken({ sub, expiresIn: '1h' })}` };
}

/** How far the 회수지시 batch got: details in 34, their history rows, stamped deliveries. */
export async function instructProgress(em: EntityManager) {
  return {
    instructed: await em.count(OrderDetail, { status: '34' }),
    history: await em.count(StatusChange, { fromStatus: '32', toStatus: '34' }),
    stamped: await em.count(OrderDelivery, { pickupInstructedAt: { $ne: null } }),
  };
}
