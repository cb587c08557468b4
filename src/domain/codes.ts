/** OM005 order-detail status codes used by the return pickup (회수) flow. */
export const OrderDetailStatus = {
  RETURN_ACCEPTED: '32',
  PICKUP_INSTRUCTED: '34',
  PICKUP_CONFIRMED: '35',
  PICKUP_COMPLETED: '36',
  RETURN_COMPLETED: '37',
} as const;

export type OrderDetailStatusCode = (typeof OrderDetailStatus)[keyof typeof OrderDetailStatus];

const STATUS_NAMES: Readonly<Record<string, string>> = {
  '11': '주문완료',
  '22': '출고지시',
  '23': '출고대기',
  '32': '반품접수',
  '34': '회수지시',
  '35': '회수확인',
  '36': '회수완료',
  '37': '반품완료',
};

/** A status code with its Korean name when known, e.g. `34 회수지시`, for messages. */
export function describeStatus(code: string): string {
  const name = STATUS_NAMES[code];
  return name ? `${code} ${name}` : code;
}

/** OM003 order-detail type codes. */
export const OrderDetailType = {
  ORDER: '10',
  RETURN: '20',
  EXCHANGE: '30',
} as const;

/**
 * Types a pickup applies to: returns, and the return leg of an exchange. An exchange detail in
 * the return flow (32–36) is by its status the leg coming back (DOMAIN.md, OM003).
 */
export const PICKUP_DETAIL_TYPES: readonly string[] = [
  OrderDetailType.RETURN,
  OrderDetailType.EXCHANGE,
];

/** Kind of delivery: an e-coupon has no courier and no waybill (release v2.00_240729). */
export const DeliveryType = {
  PARCEL: 'PARCEL',
  E_COUPON: 'E_COUPON',
} as const;

export type DeliveryTypeCode = (typeof DeliveryType)[keyof typeof DeliveryType];

/** 회수여부 values. */
export const WithdrawalFlag = { YES: 'Y', NO: 'N' } as const;
