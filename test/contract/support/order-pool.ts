import type { OrderRecord } from '../../../src/orders/order-file';
import type { ReturnOptions } from '../../support/fixtures';
import { returnOrder } from '../../support/fixtures';
import type { Anchor } from './bodies';

const PICKUP_TYPES = ['20', '30'];

// Deliveries in every state the two operations meet: 32 waiting for 회수지시, 34 and 35 in
// progress, 36 done; parcels and e-coupons; an exchange; a delivery with a normal detail.
const SHAPES: ReadonlyArray<[count: number, options: ReturnOptions]> = [
  [6, { status: '32' }],
  [3, { status: '32', deliveryType: 'E_COUPON' }],
  [4, { status: '34' }],
  [2, { status: '34', deliveryType: 'E_COUPON' }],
  [3, { status: '35' }],
  [1, { status: '35', deliveryType: 'E_COUPON' }],
  [1, { status: '32', detailType: '30', rtnQty: 1 }],
  [1, { rtnQty: 1, extraDetails: [{ ordDtlGbCd: '30', rtnQty: 3 }, { ordDtlGbCd: '10' }] }],
  [1, { status: '36' }],
];

/** The orders the generated requests meet, numbered from 1. */
export function orderPool(): OrderRecord[] {
  let n = 0;
  return SHAPES.flatMap(([count, options]) =>
    Array.from({ length: count }, () => returnOrder(++n, options)),
  );
}

/** One anchor per delivery: what a correct item for it carries. */
export function anchorsOf(orders: readonly OrderRecord[]): Anchor[] {
  return orders.flatMap((order) =>
    order.deliveries.map((delivery) => ({
      ordNo: order.ordNo,
      deliNo: delivery.deliNo,
      rtnQty: order.details
        .filter((d) => d.deliNo === delivery.deliNo && PICKUP_TYPES.includes(d.ordDtlGbCd))
        .reduce((sum, d) => sum + d.rtnQty, 0),
      parcel: delivery.deliveryType === 'PARCEL',
    })),
  );
}
