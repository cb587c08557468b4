import type { EntityManager } from '../db/orm';
import { dbTimestamp, placeholders, runUpdate, selectRows, supportsRowLocks } from '../db/sql';
import type { Transition } from '../domain/transitions';
import type { ChangeContext } from './context';

/**
 * Set-based reads and writes of the 회수 operations: each function is one SQL statement whatever
 * the batch size, so a request costs the same number of round trips for 1 item or 1,000.
 */

/** An order detail as the use cases need it. */
export interface DetailRow {
  readonly id: number;
  readonly orderNumber: string;
  readonly orderSeq: number;
  readonly processSeq: number;
  readonly detailType: string;
  readonly status: string;
  readonly deliveryNumber: string;
  readonly returnQuantity: number;
}

/** A delivery info row as the use cases need it. */
export interface DeliveryRow {
  readonly deliveryNumber: string;
  readonly orderNumber: string;
  readonly deliveryType: string;
  readonly courierCode: string | null;
  readonly waybillNumber: string | null;
  readonly withdrawalFlag: string | null;
  readonly withdrawalCompletionType: string | null;
}

/** The values a status update stores on one delivery. */
export interface DeliveryWrite {
  readonly deliveryNumber: string;
  readonly courierCode: string | null;
  readonly waybillNumber: string | null;
  readonly withdrawalFlag: string | null;
  readonly withdrawalCompletionType: string | null;
}

/** The delivery timestamp a transition stamps. */
export type PickupStamp = 'wthd_indc_dtm' | 'wthd_cnfm_dtm' | 'wthd_fnsh_dtm';

function lockClause(em: EntityManager): string {
  return supportsRowLocks(em) ? ' for update' : '';
}

/**
 * SQLite: takes the database's write lock before the transaction reads anything. A transaction
 * that has read cannot wait for the lock: while another process writes, SQLite fails its first
 * write with SQLITE_BUSY at once (https://sqlite.org/lang_transaction.html), where one that has
 * not read yet waits busy_timeout. PostgreSQL locks rows instead (lockDetailsOfDeliveries).
 */
export async function claimWriteLock(em: EntityManager): Promise<void> {
  if (!supportsRowLocks(em)) {
    await runUpdate(em, 'update op_ord_dtl set ord_dtl_stat_cd = ord_dtl_stat_cd where 0 = 1', []);
  }
}

/** The subset of the given order numbers that exist. */
export async function findExistingOrders(
  em: EntityManager,
  orderNumbers: readonly string[],
): Promise<Set<string>> {
  const rows = await selectRows<{ ord_no: string }>(
    em,
    `select ord_no from op_ord where ord_no in (${placeholders(orderNumbers.length)})`,
    orderNumbers,
  );
  return new Set(rows.map((r) => r.ord_no));
}

/**
 * Every detail of the given deliveries, locked for update where the database has row locks.
 * Locks are taken in primary-key order, the same in every request, so two batches that overlap
 * wait for each other instead of deadlocking.
 */
export async function lockDetailsOfDeliveries(
  em: EntityManager,
  deliveryNumbers: readonly string[],
): Promise<DetailRow[]> {
  const rows = await selectRows<Record<string, unknown>>(
    em,
    'select ord_dtl_id, ord_no, ord_seq, proc_seq, ord_dtl_gb_cd, ord_dtl_stat_cd, deli_no,' +
      ` rtn_qty from op_ord_dtl where deli_no in (${placeholders(deliveryNumbers.length)})` +
      ` order by ord_dtl_id${lockClause(em)}`,
    deliveryNumbers,
  );
  return rows.map((r) => ({
    id: Number(r.ord_dtl_id),
    orderNumber: String(r.ord_no),
    orderSeq: Number(r.ord_seq),
    processSeq: Number(r.proc_seq),
    detailType: String(r.ord_dtl_gb_cd),
    status: String(r.ord_dtl_stat_cd),
    deliveryNumber: String(r.deli_no),
    returnQuantity: Number(r.rtn_qty),
  }));
}

function nullableString(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** The delivery info rows of the given deliveries, locked after the details. */
export async function lockDeliveries(
  em: EntityManager,
  deliveryNumbers: readonly string[],
): Promise<DeliveryRow[]> {
  const rows = await selectRows<Record<string, unknown>>(
    em,
    'select deli_no, ord_no, deli_type_cd, hdc_cd, inv_no, wthd_yn, wthd_fnsh_gb_cd' +
      ` from op_ord_deli_info where deli_no in (${placeholders(deliveryNumbers.length)})` +
      ` order by deli_no${lockClause(em)}`,
    deliveryNumbers,
  );
  return rows.map((r) => ({
    deliveryNumber: String(r.deli_no),
    orderNumber: String(r.ord_no),
    deliveryType: String(r.deli_type_cd),
    courierCode: nullableString(r.hdc_cd),
    waybillNumber: nullableString(r.inv_no),
    withdrawalFlag: nullableString(r.wthd_yn),
    withdrawalCompletionType: nullableString(r.wthd_fnsh_gb_cd),
  }));
}

/**
 * Moves the details to `transition.to`, but only those still in `transition.from`; returns how
 * many moved, which the caller compares with how many it meant to move.
 */
export async function moveDetails(
  em: EntityManager,
  detailIds: readonly number[],
  transition: Transition,
  context: ChangeContext,
): Promise<number> {
  return runUpdate(
    em,
    'update op_ord_dtl set ord_dtl_stat_cd = ?, ord_dtl_stat_dtm = ?' +
      ` where ord_dtl_id in (${placeholders(detailIds.length)}) and ord_dtl_stat_cd = ?`,
    [transition.to, dbTimestamp(em, context.now), ...detailIds, transition.from],
  );
}

/** Writes one status history row per detail. */
export async function recordStatusChanges(
  em: EntityManager,
  detailIds: readonly number[],
  transition: Transition,
  context: ChangeContext,
): Promise<number> {
  return runUpdate(
    em,
    'insert into op_ord_dtl_stat_chg_hist' +
      ' (ord_dtl_id, bef_stat_cd, aft_stat_cd, chg_dtm, chg_id, req_id)' +
      ' select ord_dtl_id, ?, ?, ?, ?, ? from op_ord_dtl' +
      ` where ord_dtl_id in (${placeholders(detailIds.length)})`,
    [
      transition.from,
      transition.to,
      dbTimestamp(em, context.now),
      context.actor,
      context.requestId,
      ...detailIds,
    ],
  );
}

/** Stamps a pickup time on deliveries that carry no other change. */
export async function stampDeliveries(
  em: EntityManager,
  deliveryNumbers: readonly string[],
  stamp: PickupStamp,
  context: ChangeContext,
): Promise<number> {
  const at = dbTimestamp(em, context.now);
  return runUpdate(
    em,
    `update op_ord_deli_info set ${stamp} = ?, mod_dtm = ?` +
      ` where deli_no in (${placeholders(deliveryNumbers.length)})`,
    [at, at, ...deliveryNumbers],
  );
}

/** `(?, ?), (?, ?)`: `count` copies of one row's placeholders. */
function rowList(row: string, count: number): string {
  return count > 0 ? `${`${row}, `.repeat(count - 1)}${row}` : '';
}

const DELIVERY_WRITE_COLUMNS = ['hdc_cd', 'inv_no', 'wthd_yn', 'wthd_fnsh_gb_cd'];

/**
 * Stores courier, waybill and withdrawal fields of many deliveries in one statement: the values
 * as a table joined on the key, one index look-up per delivery (a `case deli_no when …` per
 * column compared every row with every delivery, quadratic in the batch).
 */
export async function saveDeliveryWithdrawal(
  em: EntityManager,
  writes: readonly DeliveryWrite[],
  stamp: PickupStamp,
  context: ChangeContext,
): Promise<number> {
  const row = `(${placeholders(1 + DELIVERY_WRITE_COLUMNS.length)})`;
  const rows = rowList(row, writes.length);
  // Loops, not flatMap, here and below: flatMap allocates an array per row (bench/README.md).
  const values: unknown[] = [];
  for (const w of writes) {
    values.push(
      w.deliveryNumber,
      w.courierCode,
      w.waybillNumber,
      w.withdrawalFlag,
      w.withdrawalCompletionType,
    );
  }
  const at = dbTimestamp(em, context.now);
  values.push(at, at);

  const sets = DELIVERY_WRITE_COLUMNS.map((c) => `${c} = v.${c}`).join(', ');
  return runUpdate(
    em,
    `with v (deli_no, ${DELIVERY_WRITE_COLUMNS.join(', ')}) as (values ${rows})` +
      ` update op_ord_deli_info set ${sets}, ${stamp} = ?, mod_dtm = ?` +
      ' from v where op_ord_deli_info.deli_no = v.deli_no',
    values,
  );
}

/** A courier/waybill pair replaced on a delivery. */
export interface WaybillCorrection {
  readonly deliveryNumber: string;
  readonly previousCourierCode: string | null;
  readonly previousWaybillNumber: string | null;
  readonly courierCode: string | null;
  readonly waybillNumber: string | null;
}

/** Keeps the replaced courier/waybill pairs, one history row per delivery. */
export async function recordWaybillCorrections(
  em: EntityManager,
  corrections: readonly WaybillCorrection[],
  context: ChangeContext,
): Promise<number> {
  const at = dbTimestamp(em, context.now);
  const rows = rowList(`(${placeholders(8)})`, corrections.length);
  const params: unknown[] = [];
  for (const c of corrections) {
    params.push(
      c.deliveryNumber,
      c.previousCourierCode,
      c.previousWaybillNumber,
      c.courierCode,
      c.waybillNumber,
      at,
      context.actor,
      context.requestId,
    );
  }
  return runUpdate(
    em,
    'insert into op_ord_deli_inv_hist' +
      ' (deli_no, bef_hdc_cd, bef_inv_no, hdc_cd, inv_no, chg_dtm, chg_id, req_id)' +
      ` values ${rows}`,
    params,
  );
}
