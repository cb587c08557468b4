import type { OperationHandlers } from '../operations';
import { getHealth, getReady } from './probes';
import { saveWithdrawInstructProcess } from './save-withdraw-instruct-process';
import { saveWithdrawStatUpdateProcess } from './save-withdraw-stat-update-process';

/** The handler of every operation in the spec, keyed by operationId. */
export const handlers: OperationHandlers = {
  saveWithdrawInstructProcess,
  saveWithdrawStatUpdateProcess,
  getHealth,
  getReady,
};
