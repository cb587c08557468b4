import { ApiError } from '../../errors/api-error';
import { successEnvelope } from '../envelope';
import type { OperationHandler } from '../operations';

/** Liveness: answering at all is the proof. */
export const getHealth: OperationHandler<'getHealth'> = () =>
  Promise.resolve({ status: 200, body: successEnvelope({ status: 'UP' as const }) });

/** Readiness: the database answers a trivial query. */
export const getReady: OperationHandler<'getReady'> = async ({ context }) => {
  try {
    await context.em.execute('select 1');
  } catch (err) {
    context.log.warn({ err }, 'database not reachable');
    throw new ApiError('NOT_READY', 'the database does not answer');
  }
  return { status: 200, body: successEnvelope({ status: 'UP' as const }) };
};
