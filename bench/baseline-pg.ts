import { Pool } from 'pg';
import type { PoolClient } from 'pg';
import type { StatementCounter } from './protocol';
import {
  STAMPS,
  changesWaybill,
  checkDelivery,
  checkDuplicate,
  checkQuantity,
  checkTransition,
  deliveryWrites,
  findTargets,
  lostRace,
  movedDetail,
  Refusal,
  uniqueDetails,
} from './baseline-rules';
import type {
  BaselineStore,
  Change,
  DeliveryRow,
  DetailRow,
  FieldError,
  InstructItem,
  StatUpdateRequest,
} from './baseline-rules';

const DETAIL_COLUMNS =
  'ord_dtl_id, ord_no, ord_seq, proc_seq, ord_dtl_gb_cd, ord_dtl_stat_cd, deli_no, rtn_qty';

const SQL = {
  order: 'select 1 as found from op_ord where ord_no = $1',
  details:
    `select ${DETAIL_COLUMNS} from op_ord_dtl where ord_no = $1 and deli_no = $2` +
    ' order by ord_dtl_id for update',
  delivery:
    'select deli_no, ord_no, deli_type_cd, hdc_cd, inv_no, wthd_yn, wthd_fnsh_gb_cd' +
    ' from op_ord_deli_info where deli_no = $1 for update',
  move:
    'update op_ord_dtl set ord_dtl_stat_cd = $1, ord_dtl_stat_dtm = $2' +
    ' where ord_dtl_id = $3 and ord_dtl_stat_cd = $4',
  history:
    'insert into op_ord_dtl_stat_chg_hist' +
    ' (ord_dtl_id, bef_stat_cd, aft_stat_cd, chg_dtm, chg_id, req_id)' +
    ' values ($1, $2, $3, $4, $5, $6)',
  stampInstructed:
    'update op_ord_deli_info set wthd_indc_dtm = $1, mod_dtm = $2 where deli_no = $3',
  saveDelivery: (stamp: string) =>
    'update op_ord_deli_info set hdc_cd = $1, inv_no = $2, wthd_yn = $3, wthd_fnsh_gb_cd = $4,' +
    ` ${stamp} = $5, mod_dtm = $6 where deli_no = $7`,
  waybill:
    'insert into op_ord_deli_inv_hist' +
    ' (deli_no, bef_hdc_cd, bef_inv_no, hdc_cd, inv_no, chg_dtm, chg_id, req_id)' +
    ' values ($1, $2, $3, $4, $5, $6, $7, $8)',
};

/** One request's connection: every statement counted. */
class Session {
  constructor(
    private readonly client: PoolClient,
    private readonly counter: StatementCounter,
  ) {}

  async rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    this.counter.add();
    return (await this.client.query<T>(sql, params)).rows;
  }

  async changed(sql: string, params: unknown[]): Promise<number> {
    this.counter.add();
    return (await this.client.query(sql, params)).rowCount ?? 0;
  }

  async details(item: { ordNo: string; deliNo: string }): Promise<[boolean, DetailRow[]]> {
    const exists = (await this.rows(SQL.order, [item.ordNo])).length > 0;
    const details = exists
      ? await this.rows<DetailRow>(SQL.details, [item.ordNo, item.deliNo])
      : [];
    return [exists, details];
  }

  async move(targets: readonly DetailRow[], from: string, to: string, change: Change) {
    for (const t of targets) {
      if ((await this.changed(SQL.move, [to, change.now, t.ord_dtl_id, from])) !== 1) {
        throw lostRace();
      }
      const history = [t.ord_dtl_id, from, to, change.now, change.actor, change.requestId];
      await this.changed(SQL.history, history);
    }
  }
}

async function instruct(s: Session, items: readonly InstructItem[], change: Change) {
  const errors: FieldError[] = [];
  const targets: DetailRow[] = [];
  const seen = new Set<string>();
  for (const [index, item] of items.entries()) {
    const duplicate = checkDuplicate(index, item, seen);
    if (duplicate) {
      errors.push(duplicate);
      continue;
    }
    const [exists, details] = await s.details(item);
    const found = findTargets('withdrawInstructHandlingSaveInfoList', index, exists, details, '32');
    const error = Array.isArray(found) ? checkQuantity(index, item, found) : found;
    if (error) {
      errors.push(error);
      continue;
    }
    targets.push(...(found as DetailRow[]));
  }
  if (errors.length > 0) {
    throw new Refusal('ITEMS_REJECTED', errors);
  }

  await s.move(targets, '32', '34', change);
  for (const deliNo of new Set(items.map((i) => i.deliNo))) {
    await s.changed(SQL.stampInstructed, [change.now, change.now, deliNo]);
  }
  return targets.map((t) => movedDetail(t, '32', '34'));
}

async function updateStatus(s: Session, request: StatUpdateRequest, change: Change) {
  checkTransition(request.from, request.to);
  const errors: FieldError[] = [];
  const targets: DetailRow[] = [];
  const stored = new Map<string, DeliveryRow>();
  for (const [index, item] of request.items.entries()) {
    const [exists, details] = await s.details(item);
    const found = findTargets(
      'withdrawStatUpdateSaveInfoList',
      index,
      exists,
      details,
      request.from,
    );
    const [delivery] = await s.rows<DeliveryRow>(SQL.delivery, [item.deliNo]);
    const error = Array.isArray(found) ? checkDelivery(index, item, delivery) : found;
    if (error) {
      errors.push(error);
      continue;
    }
    stored.set(item.deliNo, delivery!);
    targets.push(...(found as DetailRow[]));
  }
  if (errors.length > 0) {
    throw new Refusal('ITEMS_REJECTED', errors);
  }

  const moved = uniqueDetails(targets);
  await s.move(moved, request.from, request.to, change);
  const writes = deliveryWrites(request.items, stored);
  const save = SQL.saveDelivery(STAMPS[request.to] ?? '');
  for (const w of writes) {
    await s.changed(save, [
      w.hdcCd,
      w.invNo,
      w.wthdYn,
      w.wthdFnshGbCd,
      change.now,
      change.now,
      w.deliNo,
    ]);
    const before = stored.get(w.deliNo);
    if (changesWaybill(w, before)) {
      const previous = [before?.hdc_cd ?? null, before?.inv_no ?? null];
      const row = [
        w.deliNo,
        ...previous,
        w.hdcCd,
        w.invNo,
        change.now,
        change.actor,
        change.requestId,
      ];
      await s.changed(SQL.waybill, row);
    }
  }
  return { moved: moved.map((t) => movedDetail(t, request.from, request.to)), deliveries: writes };
}

/**
 * The baseline on PostgreSQL: the `pg` driver, one statement (one round trip) per row, each
 * request one transaction on a pooled connection; rows locked `FOR UPDATE` as they are read.
 */
export function pgStore(url: string, counter: StatementCounter): BaselineStore {
  const pool = new Pool({ connectionString: url, max: 10 });

  async function transaction<T>(work: (s: Session) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    const session = new Session(client, counter);
    try {
      await session.rows('begin');
      const result = await work(session);
      await session.rows('commit');
      return result;
    } catch (err) {
      await session.rows('rollback');
      throw err;
    } finally {
      client.release();
    }
  }

  return {
    instruct: (items, change) => transaction((s) => instruct(s, items, change)),
    updateStatus: (request, change) => transaction((s) => updateStatus(s, request, change)),
  };
}
