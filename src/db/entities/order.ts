import { EntitySchema } from '@mikro-orm/core';

/** An order (주문), the parent of its details and deliveries. */
export class Order {
  orderNumber!: string;
  registeredAt!: Date;
}

export const OrderSchema = new EntitySchema<Order>({
  class: Order,
  tableName: 'op_ord',
  properties: {
    orderNumber: { type: 'string', primary: true, length: 20, fieldName: 'ord_no' },
    registeredAt: { type: 'datetime', fieldName: 'reg_dtm' },
  },
});
