/**
 * What the baseline decides without the database: hand-written body checks, the per-item
 * business rules of both operations and the answers. Its stores do the per-row SQL.
 */

export interface InstructItem {
  readonly ordNo: string;
  readonly deliNo: string;
  readonly rtnQty: number;
}

export interface StatUpdateItem {
  readonly ordNo: string;
  readonly deliNo: string;
  readonly hdcCd: string | null;
  readonly invNo: string | null;
  readonly wthdYn?: string;
  readonly wthdFnshGbCd?: string;
}

export interface StatUpdateRequest {
  readonly from: string;
  readonly to: string;
  readonly items: readonly StatUpdateItem[];
}

/** An order detail row as the baseline reads it. */
export interface DetailRow {
  readonly ord_dtl_id: number;
  readonly ord_no: string;
  readonly ord_seq: number;
  readonly proc_seq: number;
  readonly ord_dtl_gb_cd: string;
  readonly ord_dtl_stat_cd: string;
  readonly deli_no: string;
  readonly rtn_qty: number;
}

/** A delivery info row as the baseline reads it. */
export interface DeliveryRow {
  readonly deli_no: string;
  readonly ord_no: string;
  readonly deli_type_cd: string;
  readonly hdc_cd: string | null;
  readonly inv_no: string | null;
  readonly wthd_yn: string | null;
  readonly wthd_fnsh_gb_cd: string | null;
}

/** What a status update writes on one delivery. */
export interface DeliveryWrite {
  readonly deliNo: string;
  readonly hdcCd: string | null;
  readonly invNo: string | null;
  readonly wthdYn: string | null;
  readonly wthdFnshGbCd: string | null;
}

export interface FieldError {
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

/** A refused request: answered 900 with the envelope. */
export class Refusal extends Error {
  constructor(
    readonly code: string,
    readonly errors: readonly FieldError[],
  ) {
    super(code);
  }
}

/** Who asked, and when: stamped on the history rows. */
export interface Change {
  readonly actor: string;
  readonly requestId: string;
  readonly now: Date;
}

const PICKUP_TYPES = ['20', '30'];
const MAX_ITEMS = 1000;

/** The delivery timestamp each status-update target stamps. */
export const STAMPS: Readonly<Record<string, string>> = {
  '35': 'wthd_cnfm_dtm',
  '36': 'wthd_fnsh_dtm',
};
const ALLOWED = new Set(['34>35', '35>36']);

function invalid(field: string, message: string): Refusal {
  return new Refusal('VALIDATION_FAILED', [{ field, code: 'VALIDATION_FAILED', message }]);
}

function listOf(body: unknown, name: string): Record<string, unknown>[] {
  const list = (body as Record<string, unknown> | null)?.[name];
  if (!Array.isArray(list) || list.length < 1 || list.length > MAX_ITEMS) {
    throw invalid(name, `must be a list of 1 to ${MAX_ITEMS} items`);
  }
  return list as Record<string, unknown>[];
}

function text(item: Record<string, unknown>, field: string, where: string): string {
  const value = item[field];
  if (typeof value !== 'string' || value.length > 20) {
    throw invalid(`${where}.${field}`, 'must be a string of at most 20 characters');
  }
  return value;
}

function optionalText(item: Record<string, unknown>, field: string): string | undefined {
  const value = item[field];
  return typeof value === 'string' ? value : undefined;
}

function nullableText(item: Record<string, unknown>, field: string): string | null {
  return optionalText(item, field) ?? null;
}

/** The 회수지시 items, or a refusal naming the first malformed field. */
export function parseInstruct(body: unknown): InstructItem[] {
  const name = 'withdrawInstructHandlingSaveInfoList';
  return listOf(body, name).map((item, i) => {
    const where = `${name}[${i}]`;
    const rtnQty = item.rtnQty;
    if (!Number.isInteger(rtnQty)) {
      throw invalid(`${where}.rtnQty`, 'must be an integer');
    }
    return {
      ordNo: text(item, 'ordNo', where),
      deliNo: text(item, 'deliNo', where),
      rtnQty: rtnQty as number,
    };
  });
}

/** The 회수 진행상태 수정 request, or a refusal naming the first malformed field. */
export function parseStatUpdate(body: unknown): StatUpdateRequest {
  const name = 'withdrawStatUpdateSaveInfoList';
  const record = (body ?? {}) as Record<string, unknown>;
  const items = listOf(body, name).map((item, i) => {
    const where = `${name}[${i}]`;
    return {
      ordNo: text(item, 'ordNo', where),
      deliNo: text(item, 'deliNo', where),
      hdcCd: nullableText(item, 'hdcCd'),
      invNo: nullableText(item, 'invNo'),
      wthdYn: optionalText(item, 'wthdYn'),
      wthdFnshGbCd: optionalText(item, 'wthdFnshGbCd'),
    };
  });
  return {
    from: text(record, 'ordDtlStatCd', 'body'),
    to: text(record, 'updateTargetOrdDtlStatCd', 'body'),
    items,
  };
}

/** Refuses a status pair other than 34 → 35 and 35 → 36. */
export function checkTransition(from: string, to: string): void {
  if (!ALLOWED.has(`${from}>${to}`)) {
    throw new Refusal('TRANSITION_NOT_ALLOWED', [
      {
        field: 'updateTargetOrdDtlStatCd',
        code: 'TRANSITION_NOT_ALLOWED',
        message: `${from}>${to}`,
      },
    ]);
  }
}

function itemError(list: string, index: number, code: string, message: string): FieldError {
  return { field: `${list}[${index}]`, code, message };
}

/** The details an item moves: return or exchange details of the delivery in `status`. */
export function findTargets(
  list: string,
  index: number,
  orderExists: boolean,
  details: readonly DetailRow[],
  status: string,
): DetailRow[] | FieldError {
  if (!orderExists) {
    return itemError(list, index, 'ORDER_NOT_FOUND', 'no such order');
  }
  if (details.length === 0) {
    return itemError(list, index, 'DELIVERY_NOT_FOUND', 'no such delivery');
  }
  const targets = details.filter(
    (d) => d.ord_dtl_stat_cd === status && PICKUP_TYPES.includes(d.ord_dtl_gb_cd),
  );
  return targets.length > 0
    ? targets
    : itemError(list, index, 'NOT_IN_STATUS', `no detail in ${status}`);
}

/** 회수지시's rule: `rtnQty` is the sum of the targets' return quantities. */
export function checkQuantity(
  index: number,
  item: InstructItem,
  targets: readonly DetailRow[],
): FieldError | undefined {
  const accepted = targets.reduce((sum, t) => sum + t.rtn_qty, 0);
  return accepted === item.rtnQty
    ? undefined
    : itemError('withdrawInstructHandlingSaveInfoList', index, 'RETURN_QTY_MISMATCH', 'qty');
}

/** 회수지시's rule: the same (ordNo, deliNo) once per list; `seen` collects the keys so far. */
export function checkDuplicate(
  index: number,
  item: InstructItem,
  seen: Set<string>,
): FieldError | undefined {
  const key = `${item.ordNo}\u0000${item.deliNo}`;
  if (seen.has(key)) {
    return itemError('withdrawInstructHandlingSaveInfoList', index, 'DUPLICATE_ITEM', 'twice');
  }
  seen.add(key);
  return undefined;
}

/** 회수 진행상태 수정's delivery rules: the delivery is the order's; a parcel needs a waybill. */
export function checkDelivery(
  index: number,
  item: StatUpdateItem,
  delivery: DeliveryRow | undefined,
): FieldError | undefined {
  const list = 'withdrawStatUpdateSaveInfoList';
  if (!delivery || delivery.ord_no !== item.ordNo) {
    return itemError(list, index, 'DELIVERY_NOT_FOUND', 'no such delivery');
  }
  if (item.wthdYn !== undefined && item.wthdYn !== 'Y' && item.wthdYn !== 'N') {
    return itemError(list, index, 'INVALID_WITHDRAWAL_FLAG', 'wthdYn must be Y or N');
  }
  const blank = (v: string | null) => v === null || v.trim() === '';
  if (delivery.deli_type_cd !== 'E_COUPON' && (blank(item.hdcCd) || blank(item.invNo))) {
    return itemError(list, index, 'WAYBILL_REQUIRED', 'hdcCd and invNo are required');
  }
  return undefined;
}

/** One write per delivery: the first item with wthdYn = 'Y' wins, else the first. */
export function deliveryWrites(
  items: readonly StatUpdateItem[],
  stored: ReadonlyMap<string, DeliveryRow>,
): DeliveryWrite[] {
  const winners = new Map<string, StatUpdateItem>();
  for (const item of items) {
    const current = winners.get(item.deliNo);
    if (!current || (item.wthdYn === 'Y' && current.wthdYn !== 'Y')) {
      winners.set(item.deliNo, item);
    }
  }
  return [...winners.values()].map((item) => {
    const before = stored.get(item.deliNo);
    return {
      deliNo: item.deliNo,
      hdcCd: item.hdcCd,
      invNo: item.invNo,
      wthdYn: item.wthdYn ?? before?.wthd_yn ?? null,
      wthdFnshGbCd: item.wthdFnshGbCd ?? before?.wthd_fnsh_gb_cd ?? null,
    };
  });
}

/** Whether a write replaces the stored courier/waybill pair (then it is kept in history). */
export function changesWaybill(write: DeliveryWrite, before: DeliveryRow | undefined): boolean {
  return (before?.hdc_cd ?? null) !== write.hdcCd || (before?.inv_no ?? null) !== write.invNo;
}

/** Refusal when a conditional update found a detail no longer in its status. */
export function lostRace(): Refusal {
  return new Refusal('CONCURRENT_UPDATE', [
    { field: 'requestBody', code: 'CONCURRENT_UPDATE', message: 'moved meanwhile' },
  ]);
}

/** A moved detail in the contract's names. */
export function movedDetail(d: DetailRow, from: string, to: string) {
  return {
    ordNo: d.ord_no,
    ordSeq: d.ord_seq,
    procSeq: d.proc_seq,
    deliNo: d.deli_no,
    prevOrdDtlStatCd: from,
    ordDtlStatCd: to,
  };
}

export type MovedDetail = ReturnType<typeof movedDetail>;

/** The answer to a status update: what moved and what each delivery now holds. */
export interface StatUpdateOutcome {
  readonly moved: MovedDetail[];
  readonly deliveries: DeliveryWrite[];
}

/** The two operations as a store implements them, each in one transaction. */
export interface BaselineStore {
  instruct(items: readonly InstructItem[], change: Change): Promise<MovedDetail[]>;
  updateStatus(request: StatUpdateRequest, change: Change): Promise<StatUpdateOutcome>;
}

/** The details of a batch, de-duplicated and in primary-key order. */
export function uniqueDetails(details: readonly DetailRow[]): DetailRow[] {
  const byId = new Map(details.map((d) => [d.ord_dtl_id, d]));
  return [...byId.values()].sort((a, b) => a.ord_dtl_id - b.ord_dtl_id);
}
