import { EntitySchema } from '@mikro-orm/core';

/** Order delivery info (주문배송정보, X2BEE `OP_ORD_DELI_INFO`): one row per delivery number. */
export class OrderDelivery {
  deliveryNumber!: string;
  orderNumber!: string;
  deliveryType!: string;
  courierCode: string | null = null;
  waybillNumber: string | null = null;
  withdrawalFlag: string | null = null;
  withdrawalCompletionType: string | null = null;
  pickupInstructedAt: Date | null = null;
  pickupConfirmedAt: Date | null = null;
  pickupCompletedAt: Date | null = null;
  updatedAt!: Date;
}

export const OrderDeliverySchema = new EntitySchema<OrderDelivery>({
  class: OrderDelivery,
  tableName: 'op_ord_deli_info',
  properties: {
    deliveryNumber: { type: 'string', primary: true, length: 20, fieldName: 'deli_no' },
    orderNumber: { type: 'string', length: 20, fieldName: 'ord_no', index: true },
    deliveryType: { type: 'string', length: 10, fieldName: 'deli_type_cd' },
    courierCode: { type: 'string', length: 10, fieldName: 'hdc_cd', nullable: true },
    waybillNumber: { type: 'string', length: 50, fieldName: 'inv_no', nullable: true },
    withdrawalFlag: { type: 'string', length: 1, fieldName: 'wthd_yn', nullable: true },
    withdrawalCompletionType: {
      type: 'string',
      length: 10,
      fieldName: 'wthd_fnsh_gb_cd',
      nullable: true,
    },
    pickupInstructedAt: { type: 'datetime', fieldName: 'wthd_indc_dtm', nullable: true },
    pickupConfirmedAt: { type: 'datetime', fieldName: 'wthd_cnfm_dtm', nullable: true },
    pickupCompletedAt: { type: 'datetime', fieldName: 'wthd_fnsh_dtm', nullable: true },
    updatedAt: { type: 'datetime', fieldName: 'mod_dtm' },
  },
});
