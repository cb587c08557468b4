import type { DeliveryRecord, DetailRecord, OrderRecord } from '../../src/orders/order-file';

export const orderNo = (n: number): string => `20261203O${String(n).padStart(6, '0')}`;
export const deliNo = (n: number): string => `D${String(n).padStart(9, '0')}`;

export interface ReturnOptions {
  readonly status?: string;
  readonly rtnQty?: number;
  readonly deliveryType?: DeliveryRecord['deliveryType'];
  readonly detailType?: string;
  readonly delivery?: Partial<DeliveryRecord>;
  readonly extraDetails?: readonly Partial<DetailRecord>[];
}

/** Order n with one delivery and one return detail (by default in 32 반품접수, 2 pieces). */
export function returnOrder(n: number, options: ReturnOptions = {}): OrderRecord {
  const deliveryNumber = deliNo(n);
  const base: DetailRecord = {
    ordSeq: 1,
    procSeq: 1,
    ordDtlGbCd: options.detailType ?? '20',
    ordDtlStatCd: options.status ?? '32',
    deliNo: deliveryNumber,
    goodsNo: `G${1000 + n}`,
    ordQty: 2,
    rtnQty: options.rtnQty ?? 2,
  };
  const extras = (options.extraDetails ?? []).map((d, i) => ({
    ...base,
    ordSeq: 2 + i,
    ...d,
  }));
  return {
    ordNo: orderNo(n),
    deliveries: [
      {
        deliNo: deliveryNumber,
        deliveryType: options.deliveryType ?? 'PARCEL',
        ...options.delivery,
      },
    ],
    details: [base, ...extras],
  };
}

/** Orders 1..count built by `returnOrder`. */
export function returnOrders(count: number, options: ReturnOptions = {}): OrderRecord[] {
  return Array.from({ length: count }, (_, i) => returnOrder(i + 1, options));
}
