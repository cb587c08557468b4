import Database from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';
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
  MovedDetail,
  StatUpdateOutcome,
  StatUpdateRequest,
} from './baseline-rules';

const DETAIL_COLUMNS =
  'ord_dtl_id, ord_no, ord_seq, proc_seq, ord_dtl_gb_cd, ord_dtl_stat_cd, deli_no, rtn_qty';

/** Hand-written statements, prepared once, each run once per row. */
function prepare(db: Database.Database) {
  const saveDelivery = (stamp: string) =>
    db.prepare(
      'update op_ord_deli_info set hdc_cd = ?, inv_no = ?, wthd_yn = ?, wthd_fnsh_gb_cd = ?,' +
        ` ${stamp} = ?, mod_dtm = ? where deli_no = ?`,
    );
  return {
    order: db.prepare('select 1 as found from op_ord where ord_no = ?'),
    details: db.prepare(
      `select ${DETAIL_COLUMNS} from op_ord_dtl where ord_no = ? and deli_no = ?` +
        ' order by ord_dtl_id',
    ),
    delivery: db.prepare(
      'select deli_no, ord_no, deli_type_cd, hdc_cd, inv_no, wthd_yn, wthd_fnsh_gb_cd' +
        ' from op_ord_deli_info where deli_no = ?',
    ),
    move: db.prepare(
      'update op_ord_dtl set ord_dtl_stat_cd = ?, ord_dtl_stat_dtm = ?' +
        ' where ord_dtl_id = ? and ord_dtl_stat_cd = ?',
    ),
    history: db.prepare(
      'insert into op_ord_dtl_stat_chg_hist' +
        ' (ord_dtl_id, bef_stat_cd, aft_stat_cd, chg_dtm, chg_id, req_id) values (?, ?, ?, ?, ?, ?)',
    ),
    stampInstructed: db.prepare(
      'update op_ord_deli_info set wthd_indc_dtm = ?, mod_dtm = ? where deli_no = ?',
    ),
    saveDelivery: new Map(Object.values(STAMPS).map((s) => [s, saveDelivery(s)])),
    waybill: db.prepare(
      'insert into op_ord_deli_inv_hist' +
        ' (deli_no, bef_hdc_cd, bef_inv_no, hdc_cd, inv_no, chg_dtm, chg_id, req_id)' +
        ' values (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
  };
}

type Statements = ReturnType<typeof prepare>;

/**
 * The baseline on SQLite: better-sqlite3, one statement per row, each request one synchronous
 * transaction (`BEGIN` … `COMMIT`), the same pragmas as the service.
 */
export function sqliteStore(file: string, counter: StatementCounter): BaselineStore {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const sql = prepare(db);

  const get = <T>(statement: Statement, ...params: unknown[]): T | undefined => {
    counter.add();
    return statement.get(...params) as T | undefined;
  };
  const all = <T>(statement: Statement, ...params: unknown[]): T[] => {
    counter.add();
    return statement.all(...params) as T[];
  };
  const run = (statement: Statement, ...params: unknown[]): number => {
    counter.add();
    return statement.run(...params).changes;
  };

  function readDetails(item: { ordNo: string; deliNo: string }): [boolean, DetailRow[]] {
    const exists = get(sql.order, item.ordNo) !== undefined;
    return [exists, exists ? all<DetailRow>(sql.details, item.ordNo, item.deliNo) : []];
  }

  function move(targets: readonly DetailRow[], from: string, to: string, change: Change): void {
    const at = change.now.getTime();
    for (const t of targets) {
      if (run(sql.move, to, at, t.ord_dtl_id, from) !== 1) {
        throw lostRace();
      }
      run(sql.history, t.ord_dtl_id, from, to, at, change.actor, change.requestId);
    }
  }

  const instruct = db.transaction((items: readonly InstructItem[], change: Change) => {
    const errors: FieldError[] = [];
    const targets: DetailRow[] = [];
    const seen = new Set<string>();
    items.forEach((item, index) => {
      const duplicate = checkDuplicate(index, item, seen);
      if (duplicate) {
        errors.push(duplicate);
        return;
      }
      const [exists, details] = readDetails(item);
      const found = findTargets(
        'withdrawInstructHandlingSaveInfoList',
        index,
        exists,
        details,
        '32',
      );
      const error = Array.isArray(found) ? checkQuantity(index, item, found) : found;
      if (error) {
        errors.push(error);
        return;
      }
      targets.push(...(found as DetailRow[]));
    });
    if (errors.length > 0) {
      throw new Refusal('ITEMS_REJECTED', errors);
    }

    move(targets, '32', '34', change);
    const at = change.now.getTime();
    for (const deliNo of new Set(items.map((i) => i.deliNo))) {
      run(sql.stampInstructed, at, at, deliNo);
    }
    return targets.map((t): MovedDetail => movedDetail(t, '32', '34'));
  });

  const updateStatus = db.transaction((request: StatUpdateRequest, change: Change) => {
    checkTransition(request.from, request.to);
    const errors: FieldError[] = [];
    const targets: DetailRow[] = [];
    const stored = new Map<string, DeliveryRow>();
    request.items.forEach((item, index) => {
      const [exists, details] = readDetails(item);
      const found = findTargets(
        'withdrawStatUpdateSaveInfoList',
        index,
        exists,
        details,
        request.from,
      );
      const delivery = get<DeliveryRow>(sql.delivery, item.deliNo);
      const error = Array.isArray(found) ? checkDelivery(index, item, delivery) : found;
      if (error) {
        errors.push(error);
        return;
      }
      stored.set(item.deliNo, delivery as DeliveryRow);
      targets.push(...(found as DetailRow[]));
    });
    if (errors.length > 0) {
      throw new Refusal('ITEMS_REJECTED', errors);
    }

    move(uniqueDetails(targets), request.from, request.to, change);
    return {
      moved: uniqueDetails(targets).map((t) => movedDetail(t, request.from, request.to)),
      deliveries: saveDeliveries(sql, run, request, stored, change),
    };
  });

  return {
    instruct: (items, change) => {
      counter.add(); // BEGIN and COMMIT of the transaction
      counter.add();
      return Promise.resolve(instruct.immediate(items, change));
    },
    updateStatus: (request, change): Promise<StatUpdateOutcome> => {
      counter.add();
      counter.add();
      return Promise.resolve(updateStatus.immediate(request, change));
    },
  };
}

function saveDeliveries(
  sql: Statements,
  run: (statement: Statement, ...params: unknown[]) => number,
  request: StatUpdateRequest,
  stored: ReadonlyMap<string, DeliveryRow>,
  change: Change,
) {
  const at = change.now.getTime();
  const statement = sql.saveDelivery.get(STAMPS[request.to] ?? '');
  const writes = deliveryWrites(request.items, stored);
  for (const w of writes) {
    run(statement!, w.hdcCd, w.invNo, w.wthdYn, w.wthdFnshGbCd, at, at, w.deliNo);
    const before = stored.get(w.deliNo);
    if (changesWaybill(w, before)) {
      const previous = [before?.hdc_cd ?? null, before?.inv_no ?? null];
      run(sql.waybill, w.deliNo, ...previous, w.hdcCd, w.invNo, at, change.actor, change.requestId);
    }
  }
  return writes;
}
