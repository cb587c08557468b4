import { IdempotencyRecordSchema } from './idempotency-record';
import { OrderSchema } from './order';
import { OrderDeliverySchema } from './order-delivery';
import { OrderDetailSchema } from './order-detail';
import { StatusChangeSchema } from './status-change';
import { WaybillChangeSchema } from './waybill-change';

export { IdempotencyRecord } from './idempotency-record';
export { Order } from './order';
export { OrderDelivery } from './order-delivery';
export { OrderDetail } from './order-detail';
export { StatusChange } from './status-change';
export { WaybillChange } from './waybill-change';

/** Every entity the service maps, in dependency order. */
export const ENTITY_SCHEMAS = [
  OrderSchema,
  OrderDeliverySchema,
  OrderDetailSchema,
  StatusChangeSchema,
  WaybillChangeSchema,
  IdempotencyRecordSchema,
];
