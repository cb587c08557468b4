import { EntitySchema } from '@mikro-orm/core';

/** Order detail (주문상세, X2BEE `OP_ORD_DTL`): one line of an order. */
export class OrderDetail {
  id!: number;
  orderNumber!: string;
  orderSeq!: number;
  processSeq!: number;
  /** OM003: 10 주문, 20 반품, 30 교환. */
  detailType!: string;
  /** OM005, see `OrderDetailStatus`. */
  status!: string;
  statusChangedAt!: Date;
  deliveryNumber!: string;
  goodsNumber!: string;
  orderedQuantity!: number;
  returnQuantity!: number;
}

export const OrderDetailSchema = new EntitySchema<OrderDetail>({
  class: OrderDetail,
  tableName: 'op_ord_dtl',
  uniques: [{ properties: ['orderNumber', 'orderSeq', 'processSeq'] }],
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true, fieldName: 'ord_dtl_id' },
    orderNumber: { type: 'string', length: 20, fieldName: 'ord_no' },
    orderSeq: { type: 'integer', fieldName: 'ord_seq' },
    processSeq: { type: 'integer', fieldName: 'proc_seq' },
    detailType: { type: 'string', length: 2, fieldName: 'ord_dtl_gb_cd' },
    status: { type: 'string', length: 2, fieldName: 'ord_dtl_stat_cd' },
    statusChangedAt: { type: 'datetime', fieldName: 'ord_dtl_stat_dtm' },
    deliveryNumber: { type: 'string', length: 20, fieldName: 'deli_no', index: true },
    goodsNumber: { type: 'string', length: 20, fieldName: 'goods_no' },
    orderedQuantity: { type: 'integer', fieldName: 'ord_qty' },
    returnQuantity: { type: 'integer', fieldName: 'rtn_qty' },
  },
});
