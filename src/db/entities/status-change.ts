import { EntitySchema } from '@mikro-orm/core';

/** One status change of an order detail (X2BEE `OP_ORD_DTL_STAT_CHG_HIST`). */
export class StatusChange {
  id!: number;
  orderDetailId!: number;
  fromStatus!: string;
  toStatus!: string;
  changedAt!: Date;
  changedBy!: string;
  requestId: string | null = null;
}

export const StatusChangeSchema = new EntitySchema<StatusChange>({
  class: StatusChange,
  tableName: 'op_ord_dtl_stat_chg_hist',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true, fieldName: 'hist_id' },
    orderDetailId: { type: 'integer', fieldName: 'ord_dtl_id', index: true },
    fromStatus: { type: 'string', length: 2, fieldName: 'bef_stat_cd' },
    toStatus: { type: 'string', length: 2, fieldName: 'aft_stat_cd' },
    changedAt: { type: 'datetime', fieldName: 'chg_dtm' },
    changedBy: { type: 'string', length: 100, fieldName: 'chg_id' },
    requestId: { type: 'string', length: 100, fieldName: 'req_id', nullable: true },
  },
});
