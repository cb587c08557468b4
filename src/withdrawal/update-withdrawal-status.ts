import type { EntityManager } from '../db/orm';
import { DeliveryType, OrderDetailStatus, WithdrawalFlag } from '../domain/codes';
import { STATUS_UPDATE_TRANSITIONS, findStatusUpdateTransition } from '../domain/transitions';
import type { FieldError } from '../errors/api-error';
import { WithdrawalError } from '../errors/withdrawal-errors';
import type { ItemRef } from '../errors/withdrawal-errors';
import type { ChangeContext } from './context';
import { applyTransition, byItemOrder, findTargets, loadSnapshot } from './targets';
import type { DeliveryRef, ItemCheck, MovedDetail, Snapshot } from './targets';
import {
  lockDeliveries,
  recordWaybillCorrections,
  saveDeliveryWithdrawal,
} from './withdrawal-store';
import type {
  DeliveryRow,
  DeliveryWrite,
  DetailRow,
  PickupStamp,
  WaybillCorrection,
} from './withdrawal-store';

/** One 회수 진행상태 수정 item: the delivery and what the courier reported for it. */
export interface StatusUpdateItem extends DeliveryRef {
  readonly courierCode: string | null;
  readonly waybillNumber: string | null;
  readonly withdrawalCompletionType?: string;
  readonly withdrawalFlag?: string;
}

export interface StatusUpdateRequest {
  readonly currentStatus: string;
  readonly targetStatus: string;
  readonly items: readonly StatusUpdateItem[];
}

export interface StatusUpdateOutcome {
  readonly moved: MovedDetail[];
  readonly deliveries: DeliveryWrite[];
}

const LIST = 'withdrawStatUpdateSaveInfoList';

const STAMP_BY_TARGET: Readonly<Record<string, PickupStamp>> = {
  [OrderDetailStatus.PICKUP_CONFIRMED]: 'wthd_cnfm_dtm',
  [OrderDetailStatus.PICKUP_COMPLETED]: 'wthd_fnsh_dtm',
};

function isBlank(value: string | null): boolean {
  return value === null || value.trim() === '';
}

function checkDelivery(
  item: StatusUpdateItem,
  ref: ItemRef,
  delivery: DeliveryRow | undefined,
): FieldError[] {
  if (!delivery || delivery.orderNumber !== item.orderNumber) {
    return [WithdrawalError.deliveryNotFound(ref, item.orderNumber, item.deliveryNumber)];
  }
  if (delivery.deliveryType === DeliveryType.E_COUPON) {
    return [];
  }

  // Release v2.00_240729: null courier and waybill are allowed for e-coupon deliveries only.
  const errors: FieldError[] = [];
  if (isBlank(item.courierCode)) {
    errors.push(WithdrawalError.waybillRequired(ref, 'hdcCd'));
  }
  if (isBlank(item.waybillNumber)) {
    errors.push(WithdrawalError.waybillRequired(ref, 'invNo'));
  }
  return errors;
}

function checkItem(
  snapshot: Snapshot,
  deliveries: ReadonlyMap<string, DeliveryRow>,
  item: StatusUpdateItem,
  ref: ItemRef,
  currentStatus: string,
): ItemCheck {
  const flag = item.withdrawalFlag;
  const flagErrors =
    flag === undefined || flag === WithdrawalFlag.YES || flag === WithdrawalFlag.NO
      ? []
      : [WithdrawalError.invalidWithdrawalFlag(ref, flag)];

  const targets = findTargets(snapshot, item, ref, currentStatus);
  if (!Array.isArray(targets)) {
    return { targets: [], errors: [...flagErrors, targets] };
  }

  const deliveryErrors = checkDelivery(item, ref, deliveries.get(item.deliveryNumber));
  const errors = [...flagErrors, ...deliveryErrors];
  return { targets: errors.length > 0 ? [] : targets, errors };
}

/**
 * Release v2.00_240729: delivery info is saved once per delivery number; among items of one
 * delivery the first with wthdYn = 'Y' wins, else the first. Absent optional fields keep what
 * is stored.
 */
export function chooseDeliveryWrites(
  items: readonly StatusUpdateItem[],
  stored: ReadonlyMap<string, DeliveryRow>,
): DeliveryWrite[] {
  const winners = new Map<string, StatusUpdateItem>();
  for (const item of items) {
    const current = winners.get(item.deliveryNumber);
    const beats = item.withdrawalFlag === WithdrawalFlag.YES;
    if (!current || (beats && current.withdrawalFlag !== WithdrawalFlag.YES)) {
      winners.set(item.deliveryNumber, item);
    }
  }

  return [...winners.values()].map((item) => {
    const before = stored.get(item.deliveryNumber);
    return {
      deliveryNumber: item.deliveryNumber,
      courierCode: item.courierCode,
      waybillNumber: item.waybillNumber,
      withdrawalFlag: item.withdrawalFlag ?? before?.withdrawalFlag ?? null,
      withdrawalCompletionType:
        item.withdrawalCompletionType ?? before?.withdrawalCompletionType ?? null,
    };
  });
}

function findCorrections(
  writes: readonly DeliveryWrite[],
  stored: ReadonlyMap<string, DeliveryRow>,
): WaybillCorrection[] {
  const corrections: WaybillCorrection[] = [];
  for (const w of writes) {
    const before = stored.get(w.deliveryNumber);
    const previousCourierCode = before?.courierCode ?? null;
    const previousWaybillNumber = before?.waybillNumber ?? null;
    if (previousCourierCode !== w.courierCode || previousWaybillNumber !== w.waybillNumber) {
      corrections.push({
        deliveryNumber: w.deliveryNumber,
        previousCourierCode,
        previousWaybillNumber,
        courierCode: w.courierCode,
        waybillNumber: w.waybillNumber,
      });
    }
  }
  return corrections;
}

function uniqueDetails(targets: readonly DetailRow[]): DetailRow[] {
  const byId = new Map(targets.map((t) => [t.id, t]));
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

/**
 * 회수 진행상태 수정: 회수지시 → 회수확인 or 회수확인 → 회수완료 for every detail of the listed
 * deliveries, saving courier and waybill per delivery, all or nothing.
 */
export async function updateWithdrawalStatus(
  em: EntityManager,
  request: StatusUpdateRequest,
  context: ChangeContext,
): Promise<StatusUpdateOutcome> {
  const { currentStatus, targetStatus, items } = request;
  const transition = findStatusUpdateTransition(currentStatus, targetStatus);
  const stamp = STAMP_BY_TARGET[targetStatus];
  if (!transition || !stamp) {
    throw WithdrawalError.transitionNotAllowed(
      currentStatus,
      targetStatus,
      STATUS_UPDATE_TRANSITIONS,
    );
  }

  return em.transactional(async (tx) => {
    const snapshot = await loadSnapshot(tx, items);
    const deliveryRows = await lockDeliveries(tx, [...new Set(items.map((i) => i.deliveryNumber))]);
    const stored = new Map(deliveryRows.map((d) => [d.deliveryNumber, d]));

    const checked = items.map((item, index) =>
      checkItem(snapshot, stored, item, { list: LIST, index }, currentStatus),
    );
    const errors = checked.flatMap((c) => c.errors);
    if (errors.length > 0) {
      throw WithdrawalError.itemsRejected(byItemOrder(errors));
    }

    const targets = uniqueDetails(checked.flatMap((c) => c.targets));
    const moved = await applyTransition(tx, targets, transition, context);
    const writes = chooseDeliveryWrites(items, stored);
    await saveDeliveryWithdrawal(tx, writes, stamp, context);

    const corrections = findCorrections(writes, stored);
    if (corrections.length > 0) {
      await recordWaybillCorrections(tx, corrections, context);
    }
    return { moved, deliveries: writes };
  });
}
