import { EntitySchema } from '@mikro-orm/core';

/** A courier or waybill correction of a delivery, keeping the pair it replaced. */
export class WaybillChange {
  id!: number;
  deliveryNumber!: string;
  previousCourierCode: string | null = null;
  previousWaybillNumber: string | null = null;
  courierCode: string | null = null;
  waybillNumber: string | null = null;
  changedAt!: Date;
  changedBy!: string;
  requestId: string | null = null;
}

export const WaybillChangeSchema = new EntitySchema<WaybillChange>({
  class: WaybillChange,
  tableName: 'op_ord_deli_inv_hist',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true, fieldName: 'hist_id' },
    deliveryNumber: { type: 'string', length: 20, fieldName: 'deli_no', index: true },
    previousCourierCode: { type: 'string', length: 10, fieldName: 'bef_hdc_cd', nullable: true },
    previousWaybillNumber: {
      type: 'string',
      length: 50,
      fieldName: 'bef_inv_no',
      nullable: true,
    },
    courierCode: { type: 'string', length: 10, fieldName: 'hdc_cd', nullable: true },
    waybillNumber: { type: 'string', length: 50, fieldName: 'inv_no', nullable: true },
    changedAt: { type: 'datetime', fieldName: 'chg_dtm' },
    changedBy: { type: 'string', length: 100, fieldName: 'chg_id' },
    requestId: { type: 'string', length: 100, fieldName: 'req_id', nullable: true },
  },
});
