import type { components } from '../../../generated/openapi';
import { instructWithdrawal } from '../../withdrawal/instruct-withdrawal';
import type { InstructItem } from '../../withdrawal/instruct-withdrawal';
import { successEnvelope } from '../envelope';
import type { OperationHandler } from '../operations';
import { toMovedOrderDetail } from './moved-order-detail';

type InstructInfo = components['schemas']['WithdrawInstructHandlingSaveInfo'];

function toInstructItem(info: InstructInfo): InstructItem {
  return { orderNumber: info.ordNo, deliveryNumber: info.deliNo, returnQuantity: info.rtnQty };
}

/** 회수지시(BO): 반품접수 → 회수지시. */
export const saveWithdrawInstructProcess: OperationHandler<'saveWithdrawInstructProcess'> = async ({
  body,
  context,
}) => {
  const items = body.withdrawInstructHandlingSaveInfoList.map(toInstructItem);
  const moved = await instructWithdrawal(context.em, items, {
    actor: context.actor,
    requestId: context.requestId,
    now: new Date(),
  });

  context.log.info(
    { items: items.length, orderDetails: moved.length, from: '32', to: '34' },
    'withdrawal instructed',
  );
  const payload = { processedCount: moved.length, orderDetails: moved.map(toMovedOrderDetail) };
  return { status: 200, body: successEnvelope(payload) };
};
