import type { EntityManager } from '../db/orm';
import { INSTRUCT_TRANSITION } from '../domain/transitions';
import type { FieldError } from '../errors/api-error';
import { WithdrawalError } from '../errors/withdrawal-errors';
import type { ChangeContext } from './context';
import { applyTransition, byItemOrder, findTargets, loadSnapshot } from './targets';
import type { DeliveryRef, ItemCheck, MovedDetail, Snapshot } from './targets';
import { stampDeliveries } from './withdrawal-store';

/** One 회수지시 item: return the goods of this delivery, this many of them. */
export interface InstructItem extends DeliveryRef {
  readonly returnQuantity: number;
}

const LIST = 'withdrawInstructHandlingSaveInfoList';

function findDuplicates(items: readonly InstructItem[]): FieldError[] {
  const firstIndex = new Map<string, number>();
  const errors: FieldError[] = [];
  items.forEach((item, index) => {
    const key = `${item.orderNumber}\u0000${item.deliveryNumber}`;
    const first = firstIndex.get(key);
    if (first === undefined) {
      firstIndex.set(key, index);
      return;
    }
    errors.push(WithdrawalError.duplicateItem({ list: LIST, index }, first));
  });
  return errors;
}

function checkItem(snapshot: Snapshot, item: InstructItem, index: number): ItemCheck {
  const ref = { list: LIST, index };
  const targets = findTargets(snapshot, item, ref, INSTRUCT_TRANSITION.from);
  if (!Array.isArray(targets)) {
    return { targets: [], errors: [targets] };
  }

  const accepted = targets.reduce((sum, t) => sum + t.returnQuantity, 0);
  if (accepted !== item.returnQuantity) {
    const mismatch = WithdrawalError.returnQuantityMismatch(ref, item.returnQuantity, accepted);
    return { targets: [], errors: [mismatch] };
  }
  return { targets, errors: [] };
}

/**
 * 회수지시: moves every return detail of the listed deliveries from 반품접수 (32) to 회수지시
 * (34), all or nothing.
 */
export async function instructWithdrawal(
  em: EntityManager,
  items: readonly InstructItem[],
  context: ChangeContext,
): Promise<MovedDetail[]> {
  const duplicates = findDuplicates(items);

  return em.transactional(async (tx) => {
    const snapshot = await loadSnapshot(tx, items);
    const checked = items.map((item, index) => checkItem(snapshot, item, index));
    const errors = [...duplicates, ...checked.flatMap((c) => c.errors)];
    if (errors.length > 0) {
      throw WithdrawalError.itemsRejected(byItemOrder(errors));
    }

    const targets = checked.flatMap((c) => c.targets);
    const moved = await applyTransition(tx, targets, INSTRUCT_TRANSITION, context);
    const deliveries = [...new Set(items.map((i) => i.deliveryNumber))];
    await stampDeliveries(tx, deliveries, 'wthd_indc_dtm', context);
    return moved;
  });
}
