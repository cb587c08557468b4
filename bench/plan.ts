import type { FixtureSize } from './fixture';
import type { Operation } from './wire';

/** One measured case: an operation at a batch size, the same for the service and the baseline. */
export interface CasePlan {
  readonly operation: Operation;
  readonly batchSize: number;
  /** Requests sent first and not measured (JIT, caches, pools); they also estimate the rate. */
  readonly warmup: number;
  /** The most requests one measured round sends. */
  readonly maxPerRound: number;
}

/** As in the measurements (wrk, 10 connections). */
export const CONNECTIONS = 10;

/**
 * The service and the baseline take turns, round by round, so that a change in the machine's
 * background load falls on both rather than on whichever ran second.
 */
export const ROUNDS = 3;

/** Each round is sized from the rate of the run before it to last about this long. */
export const ROUND_SECONDS = 2;

/** A safety net: a run stops after this long even if it has not sent all its requests. */
export const MAX_SECONDS = 60;

export const OPERATIONS: readonly Operation[] = ['instruct', 'statUpdate'];

const SIZES: Readonly<Record<number, { warmup: number; maxPerRound: number }>> = {
  1: { warmup: 300, maxPerRound: 3000 },
  100: { warmup: 50, maxPerRound: 600 },
  1000: { warmup: 10, maxPerRound: 60 },
};

export const BATCH_SIZES = Object.keys(SIZES).map(Number);

export function casePlans(): CasePlan[] {
  return OPERATIONS.flatMap((operation) =>
    BATCH_SIZES.map((batchSize) => ({ operation, batchSize, ...SIZES[batchSize]! })),
  );
}

/** Requests autocannon sets up beyond its amount (at most one per connection) are skipped. */
const SLACK = CONNECTIONS;

/** The most orders one implementation consumes for an operation over all its cases. */
export function ordersConsumed(plans: readonly CasePlan[], operation: Operation): number {
  const requests = (p: CasePlan) => p.warmup + ROUNDS * p.maxPerRound + (ROUNDS + 1) * SLACK;
  return plans
    .filter((p) => p.operation === operation)
    .reduce((sum, p) => sum + requests(p) * p.batchSize, 0);
}

/** At least the 200,000 return details, and enough for every request to be fresh. */
export function fixtureSize(plans: readonly CasePlan[]): FixtureSize {
  const least = 100_000;
  return {
    returnAccepted: Math.max(least, ordersConsumed(plans, 'instruct')),
    pickupInstructed: Math.max(least, ordersConsumed(plans, 'statUpdate')),
  };
}
