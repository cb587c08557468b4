/**
 * Every error code the service answers with, and the HTTP status it maps to. Codes are stable:
 * clients branch on them, so a code is never renamed or reused for another situation.
 */
export const ERROR_CATALOGUE = {
  VALIDATION_FAILED: { status: 900, summary: 'the request does not match the contract' },
  MALFORMED_JSON: { status: 900, summary: 'the body is not valid JSON' },
  UNSUPPORTED_MEDIA_TYPE: { status: 900, summary: 'the body is not application/json' },
  PAYLOAD_TOO_LARGE: { status: 900, summary: 'the body is over the size limit' },
  ITEMS_REJECTED: { status: 900, summary: 'one or more list items break a business rule' },
  ORDER_NOT_FOUND: { status: 900, summary: 'no order with this ordNo' },
  DELIVERY_NOT_FOUND: { status: 900, summary: 'the order has no delivery with this deliNo' },
  NOT_IN_STATUS: { status: 900, summary: 'no detail of the delivery is in the expected status' },
  RETURN_QTY_MISMATCH: { status: 900, summary: 'rtnQty differs from the accepted return quantity' },
  DUPLICATE_ITEM: { status: 900, summary: 'the same (ordNo, deliNo) appears twice in one list' },
  WAYBILL_REQUIRED: { status: 900, summary: 'a parcel delivery needs hdcCd and invNo' },
  INVALID_WITHDRAWAL_FLAG: { status: 900, summary: 'wthdYn must be Y or N' },
  TRANSITION_NOT_ALLOWED: { status: 900, summary: 'the status pair is not an allowed transition' },
  CONCURRENT_UPDATE: { status: 900, summary: 'another request changed the targets first' },
  IDEMPOTENCY_KEY_REUSED: { status: 900, summary: 'the Idempotency-Key was used for another body' },
  UNAUTHENTICATED: { status: 901, summary: 'no valid bearer token' },
  FORBIDDEN: { status: 903, summary: 'the token lacks the withdrawal:write scope' },
  NOT_FOUND: { status: 904, summary: 'no such path' },
  METHOD_NOT_ALLOWED: { status: 905, summary: 'the path does not accept this method' },
  NOT_READY: { status: 503, summary: 'the database does not answer' },
  INTERNAL_ERROR: { status: 500, summary: 'an unexpected fault; details are in the server log' },
} as const satisfies Record<string, { status: number; summary: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** The code of every successful answer. */
export const SUCCESS_CODE = 'SUCCESS';
