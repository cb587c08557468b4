import { OrderDetailStatus } from './codes';
import type { OrderDetailStatusCode } from './codes';

/** A permitted move of an order detail from one OM005 status to the next. */
export interface Transition {
  readonly from: OrderDetailStatusCode;
  readonly to: OrderDetailStatusCode;
}

/** 회수지시: 반품접수 → 회수지시. */
export const INSTRUCT_TRANSITION: Transition = {
  from: OrderDetailStatus.RETURN_ACCEPTED,
  to: OrderDetailStatus.PICKUP_INSTRUCTED,
};

/**
 * 회수 진행상태 수정: 회수지시 → 회수확인 and 회수확인 → 회수완료, nothing else (DOMAIN.md:
 * 35 is our decision, the only free code between 34 and 36).
 */
export const STATUS_UPDATE_TRANSITIONS: readonly Transition[] = [
  { from: OrderDetailStatus.PICKUP_INSTRUCTED, to: OrderDetailStatus.PICKUP_CONFIRMED },
  { from: OrderDetailStatus.PICKUP_CONFIRMED, to: OrderDetailStatus.PICKUP_COMPLETED },
];

/** The permitted status-update transition for the pair, or undefined. */
export function findStatusUpdateTransition(from: string, to: string): Transition | undefined {
  return STATUS_UPDATE_TRANSITIONS.find((t) => t.from === from && t.to === to);
}
