import Ajv from 'ajv';
import type { ErrorObject } from 'ajv';
import { readablePath } from '../http/validation-errors';

/** A delivery in the order file; `E_COUPON` deliveries carry no courier and no waybill. */
export interface DeliveryRecord {
  deliNo: string;
  deliveryType: 'PARCEL' | 'E_COUPON';
  hdcCd?: string | null;
  invNo?: string | null;
  wthdYn?: string | null;
  wthdFnshGbCd?: string | null;
}

/** An order detail in the order file. */
export interface DetailRecord {
  ordSeq: number;
  procSeq: number;
  ordDtlGbCd: string;
  ordDtlStatCd: string;
  deliNo: string;
  goodsNo: string;
  ordQty: number;
  rtnQty: number;
}

export interface OrderRecord {
  ordNo: string;
  deliveries: DeliveryRecord[];
  details: DetailRecord[];
}

/** The file `load-orders` reads and `export-orders` writes (README: "Loading orders"). */
export interface OrderFile {
  orders: OrderRecord[];
}

const code = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength });
const nullableCode = (maxLength: number) => ({
  anyOf: [{ type: 'string', maxLength }, { type: 'null' }],
});
const count = { type: 'integer', minimum: 0, maximum: 2147483647 };

const ORDER_FILE_SCHEMA = {
  type: 'object',
  required: ['orders'],
  properties: {
    orders: {
      type: 'array',
      items: {
        type: 'object',
        required: ['ordNo', 'deliveries', 'details'],
        properties: {
          ordNo: code(20),
          deliveries: {
            type: 'array',
            items: {
              type: 'object',
              required: ['deliNo', 'deliveryType'],
              properties: {
                deliNo: code(20),
                deliveryType: { enum: ['PARCEL', 'E_COUPON'] },
                hdcCd: nullableCode(10),
                invNo: nullableCode(50),
                wthdYn: { anyOf: [{ enum: ['Y', 'N'] }, { type: 'null' }] },
                wthdFnshGbCd: nullableCode(10),
              },
            },
          },
          details: {
            type: 'array',
            items: {
              type: 'object',
              required: [
                'ordSeq',
                'procSeq',
                'ordDtlGbCd',
                'ordDtlStatCd',
                'deliNo',
                'goodsNo',
                'ordQty',
                'rtnQty',
              ],
              properties: {
                ordSeq: count,
                procSeq: count,
                ordDtlGbCd: code(2),
                ordDtlStatCd: code(2),
                deliNo: code(20),
                goodsNo: code(20),
                ordQty: count,
                rtnQty: count,
              },
            },
          },
        },
      },
    },
  },
} as const;

const validate = new Ajv({ allErrors: true }).compile<OrderFile>(ORDER_FILE_SCHEMA);

/** A record of the order file that cannot be loaded; the message names it. */
export class OrderFileError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`order file rejected:\n  ${problems.join('\n  ')}`);
    this.name = 'OrderFileError';
  }
}

function describe(error: ErrorObject): string {
  const missing = error.keyword === 'required' ? String(error.params.missingProperty) : undefined;
  const where = readablePath(error.instancePath, missing) || '(file)';
  return `${where}: ${missing !== undefined ? 'is required' : error.message}`;
}

/** Checks the shape, then that each detail's delivery is one of its order's deliveries. */
export function parseOrderFile(data: unknown): OrderFile {
  if (!validate(data)) {
    throw new OrderFileError((validate.errors ?? []).map(describe));
  }

  const problems = data.orders.flatMap((order, o) => {
    const deliveries = new Set(order.deliveries.map((d) => d.deliNo));
    return order.details
      .map((detail, d) => ({ detail, d }))
      .filter(({ detail }) => !deliveries.has(detail.deliNo))
      .map(
        ({ detail, d }) =>
          `orders[${o}].details[${d}].deliNo: ${detail.deliNo} is not a delivery of ${order.ordNo}`,
      );
  });
  if (problems.length > 0) {
    throw new OrderFileError(problems);
  }
  return data;
}
