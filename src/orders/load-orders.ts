import type { EntityManager } from '../db/orm';
import { Order, OrderDelivery, OrderDetail } from '../db/entities';
import type { DeliveryRecord, DetailRecord, OrderFile } from './order-file';
import { OrderFileError, parseOrderFile } from './order-file';

/** How many rows of each kind a load inserted; existing rows are left as they are. */
export interface LoadSummary {
  orders: number;
  deliveries: number;
  details: number;
  skipped: number;
}

// SQLite builds knex's multi-row insert as a compound SELECT that fails past 500 rows.
const CHUNK = 200;

function chunks<T>(values: readonly T[], size = CHUNK): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < values.length; i += size) {
    result.push(values.slice(i, i + size));
  }
  return result;
}

async function existingKeys<T extends object>(
  em: EntityManager,
  entity: new () => T,
  field: keyof T & string,
  values: readonly string[],
  key: (row: T) => string,
): Promise<Map<string, T>> {
  const found = new Map<string, T>();
  for (const part of chunks([...new Set(values)], 500)) {
    const where = { [field]: { $in: part } } as never;
    const rows = (await em.find(entity, where, { disableIdentityMap: true })) as T[];
    rows.forEach((row) => found.set(key(row), row));
  }
  return found;
}

function detailKey(ordNo: string, ordSeq: number, procSeq: number): string {
  return `${ordNo}/${ordSeq}/${procSeq}`;
}

function toDelivery(ordNo: string, d: DeliveryRecord, now: Date): Partial<OrderDelivery> {
  return {
    deliveryNumber: d.deliNo,
    orderNumber: ordNo,
    deliveryType: d.deliveryType,
    courierCode: d.hdcCd ?? null,
    waybillNumber: d.invNo ?? null,
    withdrawalFlag: d.wthdYn ?? null,
    withdrawalCompletionType: d.wthdFnshGbCd ?? null,
    updatedAt: now,
  };
}

function toDetail(ordNo: string, d: DetailRecord, now: Date): Partial<OrderDetail> {
  return {
    orderNumber: ordNo,
    orderSeq: d.ordSeq,
    processSeq: d.procSeq,
    detailType: d.ordDtlGbCd,
    status: d.ordDtlStatCd,
    statusChangedAt: now,
    deliveryNumber: d.deliNo,
    goodsNumber: d.goodsNo,
    orderedQuantity: d.ordQty,
    returnQuantity: d.rtnQty,
  };
}

async function insertAll<T extends object>(
  em: EntityManager,
  entity: new () => T,
  rows: readonly Partial<T>[],
): Promise<void> {
  for (const part of chunks(rows)) {
    await em.insertMany(entity, part as T[]);
  }
}

/**
 * Loads an order file in one transaction. Orders, deliveries and details that already exist
 * (same keys) are skipped, so loading the same file twice changes nothing.
 */
export async function loadOrders(em: EntityManager, data: unknown): Promise<LoadSummary> {
  const file: OrderFile = parseOrderFile(data);
  const now = new Date();

  return em.transactional(async (tx) => {
    const orderNumbers = file.orders.map((o) => o.ordNo);
    const orders = await existingKeys(tx, Order, 'orderNumber', orderNumbers, (o) => o.orderNumber);
    const deliveryNumbers = file.orders.flatMap((o) => o.deliveries.map((d) => d.deliNo));
    const deliveries = await existingKeys(
      tx,
      OrderDelivery,
      'deliveryNumber',
      deliveryNumbers,
      (d) => d.deliveryNumber,
    );
    const details = await existingKeys(tx, OrderDetail, 'orderNumber', orderNumbers, (d) =>
      detailKey(d.orderNumber, d.orderSeq, d.processSeq),
    );

    const conflicts = file.orders.flatMap((o, i) =>
      o.deliveries
        .map((d, j) => ({ d, j, owner: deliveries.get(d.deliNo)?.orderNumber }))
        .filter(({ owner }) => owner !== undefined && owner !== o.ordNo)
        .map(
          ({ d, j, owner }) =>
            `orders[${i}].deliveries[${j}].deliNo: ${d.deliNo} belongs to ${owner}`,
        ),
    );
    if (conflicts.length > 0) {
      throw new OrderFileError(conflicts);
    }

    const newOrders = file.orders.filter((o) => !orders.has(o.ordNo));
    const newDeliveries = file.orders.flatMap((o) =>
      o.deliveries.filter((d) => !deliveries.has(d.deliNo)).map((d) => toDelivery(o.ordNo, d, now)),
    );
    const newDetails = file.orders.flatMap((o) =>
      o.details
        .filter((d) => !details.has(detailKey(o.ordNo, d.ordSeq, d.procSeq)))
        .map((d) => toDetail(o.ordNo, d, now)),
    );

    await insertAll(
      tx,
      Order,
      newOrders.map((o) => ({ orderNumber: o.ordNo, registeredAt: now })),
    );
    await insertAll(tx, OrderDelivery, newDeliveries);
    await insertAll(tx, OrderDetail, newDetails);

    const total = file.orders.reduce((n, o) => n + 1 + o.deliveries.length + o.details.length, 0);
    const inserted = newOrders.length + newDeliveries.length + newDetails.length;
    return {
      orders: newOrders.length,
      deliveries: newDeliveries.length,
      details: newDetails.length,
      skipped: total - inserted,
    };
  });
}
