import type { EntityManager } from '../db/orm';
import { PICKUP_DETAIL_TYPES } from '../domain/codes';
import type { Transition } from '../domain/transitions';
import type { FieldError } from '../errors/api-error';
import { WithdrawalError } from '../errors/withdrawal-errors';
import type { ItemRef } from '../errors/withdrawal-errors';
import type { ChangeContext } from './context';
import {
  claimWriteLock,
  findExistingOrders,
  lockDetailsOfDeliveries,
  moveDetails,
  recordStatusChanges,
} from './withdrawal-store';
import type { DetailRow } from './withdrawal-store';

/** What every request item names: an order and one of its deliveries. */
export interface DeliveryRef {
  readonly orderNumber: string;
  readonly deliveryNumber: string;
}

/** The rows a batch reads before deciding: which orders exist, the details of each delivery. */
export interface Snapshot {
  readonly existingOrders: ReadonlySet<string>;
  readonly detailsByDelivery: ReadonlyMap<string, readonly DetailRow[]>;
}

/** A detail that a request moved from one status to the next. */
export interface MovedDetail {
  readonly orderNumber: string;
  readonly orderSeq: number;
  readonly processSeq: number;
  readonly deliveryNumber: string;
  readonly from: string;
  readonly to: string;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function deliveryKey(orderNumber: string, deliveryNumber: string): string {
  return `${orderNumber}\u0000${deliveryNumber}`;
}

/** Locks (SQLite: the database, PostgreSQL: the details) and reads what the items refer to. */
export async function loadSnapshot(
  em: EntityManager,
  items: readonly DeliveryRef[],
): Promise<Snapshot> {
  await claimWriteLock(em);
  const existingOrders = await findExistingOrders(em, unique(items.map((i) => i.orderNumber)));
  const details = await lockDetailsOfDeliveries(em, unique(items.map((i) => i.deliveryNumber)));

  const detailsByDelivery = new Map<string, DetailRow[]>();
  for (const detail of details) {
    const key = deliveryKey(detail.orderNumber, detail.deliveryNumber);
    const list = detailsByDelivery.get(key) ?? [];
    list.push(detail);
    detailsByDelivery.set(key, list);
  }
  return { existingOrders, detailsByDelivery };
}

/**
 * The details an item moves: that order's return (or exchange-return) details of that delivery
 * in `status`. Returns the reason instead when there are none.
 */
export function findTargets(
  snapshot: Snapshot,
  item: DeliveryRef,
  ref: ItemRef,
  status: string,
): DetailRow[] | FieldError {
  if (!snapshot.existingOrders.has(item.orderNumber)) {
    return WithdrawalError.orderNotFound(ref, item.orderNumber);
  }

  const key = deliveryKey(item.orderNumber, item.deliveryNumber);
  const details = snapshot.detailsByDelivery.get(key) ?? [];
  if (details.length === 0) {
    return WithdrawalError.deliveryNotFound(ref, item.orderNumber, item.deliveryNumber);
  }

  const targets = details.filter(
    (d) => d.status === status && PICKUP_DETAIL_TYPES.includes(d.detailType),
  );
  if (targets.length === 0) {
    return WithdrawalError.notInStatus(ref, status, unique(details.map((d) => d.status)));
  }
  return targets;
}

/** The outcome of checking one item: the details it moves, or why it cannot. */
export interface ItemCheck {
  readonly targets: readonly DetailRow[];
  readonly errors: readonly FieldError[];
}

/** Item errors in list order, so a client reads them top to bottom. */
export function byItemOrder(errors: readonly FieldError[]): FieldError[] {
  const index = (e: FieldError) => Number(/\[(\d+)\]/.exec(e.field)?.[1] ?? -1);
  return [...errors].sort((a, b) => index(a) - index(b));
}

/**
 * Moves the targets and writes their history. The update is conditional on the old status: if
 * another request moved any target since it was read, the whole batch is rolled back.
 */
export async function applyTransition(
  em: EntityManager,
  targets: readonly DetailRow[],
  transition: Transition,
  context: ChangeContext,
): Promise<MovedDetail[]> {
  const ids = targets.map((t) => t.id);
  const moved = await moveDetails(em, ids, transition, context);
  if (moved !== ids.length) {
    throw WithdrawalError.lostRace(ids.length, moved);
  }

  await recordStatusChanges(em, ids, transition, context);
  return targets.map((t) => ({
    orderNumber: t.orderNumber,
    orderSeq: t.orderSeq,
    processSeq: t.processSeq,
    deliveryNumber: t.deliveryNumber,
    from: transition.from,
    to: transition.to,
  }));
}
