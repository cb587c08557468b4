import type { Logger } from 'pino';
import type { operations } from '../../generated/openapi';
import type { EntityManager } from '../db/orm';

/** Every operationId of the spec. */
export type OperationId = keyof operations;

type JsonOf<T> = T extends { content: infer C } ? C[keyof C] : undefined;

// openapi-typescript writes `requestBody?: never` for operations without one (STACK.md): the
// tuple keeps the check non-distributive so that `never` maps to `undefined`.
type RequestBodyOf<Op extends OperationId> = [NonNullable<operations[Op]['requestBody']>] extends [
  never,
]
  ? undefined
  : JsonOf<NonNullable<operations[Op]['requestBody']>>;

type Responses<Op extends OperationId> = operations[Op]['responses'];

/** A handler's answer: a status the spec declares for the operation and its body type. */
export type HandlerResult<Op extends OperationId> = {
  [S in keyof Responses<Op>]: { status: S; body: JsonOf<Responses<Op>[S]> };
}[keyof Responses<Op>];

/** What every handler gets besides the request: who asks, where to log, where to persist. */
export interface RequestContext {
  readonly requestId: string;
  readonly actor: string;
  readonly log: Logger;
  readonly em: EntityManager;
}

export interface HandlerInput<Op extends OperationId> {
  readonly body: RequestBodyOf<Op>;
  readonly context: RequestContext;
}

export type OperationHandler<Op extends OperationId> = (
  input: HandlerInput<Op>,
) => Promise<HandlerResult<Op>>;

/** One handler per operationId; a missing or mistyped handler does not compile. */
export type OperationHandlers = { readonly [Op in OperationId]: OperationHandler<Op> };
