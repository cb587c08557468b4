import type { components } from '../../../generated/openapi';
import { updateWithdrawalStatus } from '../../withdrawal/update-withdrawal-status';
import type { StatusUpdateItem } from '../../withdrawal/update-withdrawal-status';
import type { DeliveryWrite } from '../../withdrawal/withdrawal-store';
import { successEnvelope } from '../envelope';
import type { OperationHandler } from '../operations';
import { toMovedOrderDetail } from './moved-order-detail';

type StatUpdateInfo = components['schemas']['WithdrawStatUpdateSaveInfo'];
type SavedDeliveryInfo = components['schemas']['SavedDeliveryInfo'];

function toStatusUpdateItem(info: StatUpdateInfo): StatusUpdateItem {
  return {
    orderNumber: info.ordNo,
    deliveryNumber: info.deliNo,
    courierCode: info.hdcCd ?? null,
    waybillNumber: info.invNo ?? null,
    withdrawalFlag: info.wthdYn,
    withdrawalCompletionType: info.wthdFnshGbCd,
  };
}

function toSavedDeliveryInfo(w: DeliveryWrite): SavedDeliveryInfo {
  return {
    deliNo: w.deliveryNumber,
    hdcCd: w.courierCode,
    invNo: w.waybillNumber,
    wthdYn: w.withdrawalFlag,
    wthdFnshGbCd: w.withdrawalCompletionType,
  };
}

/** 회수 진행상태 수정(BO): 회수지시 → 회수확인, 회수확인 → 회수완료. */
export const saveWithdrawStatUpdateProcess: OperationHandler<
  'saveWithdrawStatUpdateProcess'
> = async ({ body, context }) => {
  const request = {
    currentStatus: body.ordDtlStatCd,
    targetStatus: body.updateTargetOrdDtlStatCd,
    items: body.withdrawStatUpdateSaveInfoList.map(toStatusUpdateItem),
  };
  const outcome = await updateWithdrawalStatus(context.em, request, {
    actor: context.actor,
    requestId: context.requestId,
    now: new Date(),
  });

  context.log.info(
    {
      items: request.items.length,
      orderDetails: outcome.moved.length,
      deliveries: outcome.deliveries.length,
      from: request.currentStatus,
      to: request.targetStatus,
    },
    'withdrawal status updated',
  );
  const payload = {
    processedCount: outcome.moved.length,
    orderDetails: outcome.moved.map(toMovedOrderDetail),
    deliveries: outcome.deliveries.map(toSavedDeliveryInfo),
  };
  return { status: 200, body: successEnvelope(payload) };
};
