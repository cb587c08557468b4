import { describeStatus } from '../domain/codes';
import type { Transition } from '../domain/transitions';
import { ApiError } from './api-error';
import type { FieldError } from './api-error';

/** Points at one item of a request list, e.g. `withdrawStatUpdateSaveInfoList[2]`. */
export interface ItemRef {
  readonly list: string;
  readonly index: number;
}

function at(item: ItemRef, property: string): string {
  return `${item.list}[${item.index}].${property}`;
}

function listStatuses(statuses: readonly string[]): string {
  return statuses.length === 0 ? 'none' : statuses.map(describeStatus).join(', ');
}

/** Factories for the business errors of the 회수 operations, named after the situation. */
export const WithdrawalError = {
  orderNotFound(item: ItemRef, orderNumber: string): FieldError {
    return {
      field: at(item, 'ordNo'),
      code: 'ORDER_NOT_FOUND',
      message: `order ${orderNumber} does not exist`,
    };
  },

  deliveryNotFound(item: ItemRef, orderNumber: string, deliveryNumber: string): FieldError {
    return {
      field: at(item, 'deliNo'),
      code: 'DELIVERY_NOT_FOUND',
      message: `order ${orderNumber} has no order detail with delivery ${deliveryNumber}`,
    };
  },

  notInStatus(item: ItemRef, expected: string, found: readonly string[]): FieldError {
    return {
      field: at(item, 'deliNo'),
      code: 'NOT_IN_STATUS',
      message:
        `no return order detail of this delivery is in ${describeStatus(expected)}` +
        ` (found: ${listStatuses(found)})`,
    };
  },

  returnQuantityMismatch(item: ItemRef, requested: number, accepted: number): FieldError {
    return {
      field: at(item, 'rtnQty'),
      code: 'RETURN_QTY_MISMATCH',
      message: `rtnQty ${requested} differs from the accepted return quantity ${accepted}`,
    };
  },

  duplicateItem(item: ItemRef, firstIndex: number): FieldError {
    return {
      field: `${item.list}[${item.index}]`,
      code: 'DUPLICATE_ITEM',
      message: `the same ordNo and deliNo as ${item.list}[${firstIndex}]`,
    };
  },

  waybillRequired(item: ItemRef, property: 'hdcCd' | 'invNo'): FieldError {
    return {
      field: at(item, property),
      code: 'WAYBILL_REQUIRED',
      message: `${property} is required for a parcel delivery (null only for e-coupon delivery)`,
    };
  },

  invalidWithdrawalFlag(item: ItemRef, value: string): FieldError {
    return {
      field: at(item, 'wthdYn'),
      code: 'INVALID_WITHDRAWAL_FLAG',
      message: `wthdYn must be Y or N, got ${JSON.stringify(value)}`,
    };
  },

  /** The whole batch is refused because of the listed items; nothing was written. */
  itemsRejected(errors: readonly FieldError[]): ApiError {
    const noun = errors.length === 1 ? 'item was' : 'items were';
    return new ApiError(
      'ITEMS_REJECTED',
      `${errors.length} ${noun} rejected; nothing was changed`,
      errors,
    );
  },

  transitionNotAllowed(from: string, to: string, allowed: readonly Transition[]): ApiError {
    const pairs = allowed.map((t) => `${describeStatus(t.from)} → ${describeStatus(t.to)}`);
    return ApiError.forField(
      'TRANSITION_NOT_ALLOWED',
      'updateTargetOrdDtlStatCd',
      `${from} → ${to} is not allowed; allowed: ${pairs.join(', ')}`,
    );
  },

  /** Between reading and writing, another request moved some targets: the batch is undone. */
  lostRace(expected: number, updated: number): ApiError {
    return new ApiError(
      'CONCURRENT_UPDATE',
      `another request changed ${expected - updated} of ${expected} order details first;` +
        ' nothing was changed, reload and retry',
    );
  },
};
