import type { components } from '../../../generated/openapi';
import type { MovedDetail } from '../../withdrawal/targets';

/** A moved detail in the contract's names. */
export function toMovedOrderDetail(d: MovedDetail): components['schemas']['MovedOrderDetail'] {
  return {
    ordNo: d.orderNumber,
    ordSeq: d.orderSeq,
    procSeq: d.processSeq,
    deliNo: d.deliveryNumber,
    prevOrdDtlStatCd: d.from,
    ordDtlStatCd: d.to,
  };
}
