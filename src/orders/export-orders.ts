import type { EntityManager } from '../db/orm';
import { Order, OrderDelivery, OrderDetail, StatusChange, WaybillChange } from '../db/entities';
import type { DeliveryRecord, DetailRecord } from './order-file';

/** A status change as exported. */
export interface StatusChangeRecord {
  befStatCd: string;
  aftStatCd: string;
  chgDtm: string;
  chgId: string;
  reqId: string | null;
}

/** A courier/waybill correction as exported. */
export interface WaybillChangeRecord {
  befHdcCd: string | null;
  befInvNo: string | null;
  hdcCd: string | null;
  invNo: string | null;
  chgDtm: string;
  chgId: string;
  reqId: string | null;
}

export interface ExportedDelivery extends DeliveryRecord {
  wthdIndcDtm: string | null;
  wthdCnfmDtm: string | null;
  wthdFnshDtm: string | null;
  waybillHistory: WaybillChangeRecord[];
}

export interface ExportedDetail extends DetailRecord {
  ordDtlStatDtm: string;
  history: StatusChangeRecord[];
}

export interface ExportedOrder {
  ordNo: string;
  deliveries: ExportedDelivery[];
  details: ExportedDetail[];
}

/** The order file format, with current state and history; loadable again as it is. */
export interface OrderExport {
  orders: ExportedOrder[];
  missing: string[];
}

const iso = (at: Date | null): string | null => (at ? at.toISOString() : null);

function exportDelivery(d: OrderDelivery, history: WaybillChange[]): ExportedDelivery {
  return {
    deliNo: d.deliveryNumber,
    deliveryType: d.deliveryType as DeliveryRecord['deliveryType'],
    hdcCd: d.courierCode,
    invNo: d.waybillNumber,
    wthdYn: d.withdrawalFlag,
    wthdFnshGbCd: d.withdrawalCompletionType,
    wthdIndcDtm: iso(d.pickupInstructedAt),
    wthdCnfmDtm: iso(d.pickupConfirmedAt),
    wthdFnshDtm: iso(d.pickupCompletedAt),
    waybillHistory: history.map((h) => ({
      befHdcCd: h.previousCourierCode,
      befInvNo: h.previousWaybillNumber,
      hdcCd: h.courierCode,
      invNo: h.waybillNumber,
      chgDtm: h.changedAt.toISOString(),
      chgId: h.changedBy,
      reqId: h.requestId,
    })),
  };
}

function exportDetail(d: OrderDetail, history: StatusChange[]): ExportedDetail {
  return {
    ordSeq: d.orderSeq,
    procSeq: d.processSeq,
    ordDtlGbCd: d.detailType,
    ordDtlStatCd: d.status,
    ordDtlStatDtm: d.statusChangedAt.toISOString(),
    deliNo: d.deliveryNumber,
    goodsNo: d.goodsNumber,
    ordQty: d.orderedQuantity,
    rtnQty: d.returnQuantity,
    history: history.map((h) => ({
      befStatCd: h.fromStatus,
      aftStatCd: h.toStatus,
      chgDtm: h.changedAt.toISOString(),
      chgId: h.changedBy,
      reqId: h.requestId,
    })),
  };
}

function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const list = groups.get(key(row)) ?? [];
    list.push(row);
    groups.set(key(row), list);
  }
  return groups;
}

/** Reads the given orders with their deliveries, details and both histories. */
export async function exportOrders(
  em: EntityManager,
  orderNumbers: readonly string[],
): Promise<OrderExport> {
  const wanted = [...new Set(orderNumbers)];
  const orders = await em.find(Order, { orderNumber: { $in: wanted } });
  const found = orders.map((o) => o.orderNumber);
  const deliveries = await em.find(
    OrderDelivery,
    { orderNumber: { $in: found } },
    { orderBy: { deliveryNumber: 'asc' } },
  );
  const details = await em.find(
    OrderDetail,
    { orderNumber: { $in: found } },
    { orderBy: { orderSeq: 'asc', processSeq: 'asc' } },
  );
  const statusChanges = groupBy(
    await em.find(
      StatusChange,
      { orderDetailId: { $in: details.map((d) => d.id) } },
      { orderBy: { id: 'asc' } },
    ),
    (h) => h.orderDetailId,
  );
  const waybillChanges = groupBy(
    await em.find(
      WaybillChange,
      { deliveryNumber: { $in: deliveries.map((d) => d.deliveryNumber) } },
      { orderBy: { id: 'asc' } },
    ),
    (h) => h.deliveryNumber,
  );

  const deliveriesByOrder = groupBy(deliveries, (d) => d.orderNumber);
  const detailsByOrder = groupBy(details, (d) => d.orderNumber);
  return {
    orders: wanted
      .filter((n) => found.includes(n))
      .map((ordNo) => ({
        ordNo,
        deliveries: (deliveriesByOrder.get(ordNo) ?? []).map((d) =>
          exportDelivery(d, waybillChanges.get(d.deliveryNumber) ?? []),
        ),
        details: (detailsByOrder.get(ordNo) ?? []).map((d) =>
          exportDetail(d, statusChanges.get(d.id) ?? []),
        ),
      })),
    missing: wanted.filter((n) => !found.includes(n)),
  };
}
