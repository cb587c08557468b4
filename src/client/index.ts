import createClient from 'openapi-fetch';
import type { Client, ClientOptions, Middleware } from 'openapi-fetch';
import type { components, operations, paths } from '../../generated/openapi';

export type { components, operations, paths };

/** Every operationId of the spec. */
export type OperationId = keyof operations;

type Responses<Op extends OperationId> = operations[Op]['responses'];

type JsonBody<R> = R extends { content: infer C } ? C[keyof C] : undefined;

/** The statuses the spec declares for the operation (200, 900, 901, …). */
export type StatusOf<Op extends OperationId> = keyof Responses<Op> & number;

/**
 * One answer of an operation. `status` is the discriminant: narrowing on it narrows `body` to
 * that status's schema, so a 900's `errors[].field` reads without a cast.
 */
export type ApiResult<Op extends OperationId> = {
  [S in StatusOf<Op>]: {
    readonly status: S;
    readonly body: JsonBody<Responses<Op>[S]>;
    /** The raw fetch response, for headers such as X-Request-Id. */
    readonly response: Response;
  };
}[StatusOf<Op>];

/** The request body of an operation that has one. */
export type RequestBodyOf<Op extends OperationId> = JsonBody<
  NonNullable<operations[Op]['requestBody']>
>;

/** X2BEE's `Response` envelope: what every refusal (9xx, 500, 503) carries. */
export type Envelope = components['schemas']['Response'];
/** One entry of `Envelope.errors`: the failing field and the stable error code. */
export type FieldError = components['schemas']['ValidationError'];

/** A bearer token, or a function that returns a current one before each request. */
export type TokenSource = string | (() => string | Promise<string>);

export interface WithdrawalClientOptions {
  /** The API root, e.g. `https://api-order.x2bee.com/api/order`. */
  readonly baseUrl: string;
  /** Sent as `Authorization: Bearer …` unless a call brings its own Authorization header. */
  readonly token?: TokenSource;
  /** Headers sent with every request. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly fetch?: ClientOptions['fetch'];
}

/** Per-call extras: headers (an `Idempotency-Key`, an `X-Request-Id`) and cancellation. */
export interface CallOptions {
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
}

/** The 회수 operations and the probes, one method per operationId. */
export interface WithdrawalClient {
  saveWithdrawInstructProcess(
    body: RequestBodyOf<'saveWithdrawInstructProcess'>,
    options?: CallOptions,
  ): Promise<ApiResult<'saveWithdrawInstructProcess'>>;
  saveWithdrawStatUpdateProcess(
    body: RequestBodyOf<'saveWithdrawStatUpdateProcess'>,
    options?: CallOptions,
  ): Promise<ApiResult<'saveWithdrawStatUpdateProcess'>>;
  getHealth(options?: CallOptions): Promise<ApiResult<'getHealth'>>;
  getReady(options?: CallOptions): Promise<ApiResult<'getReady'>>;
  /** The underlying openapi-fetch client, typed by the generated `paths`. */
  readonly fetchClient: Client<paths>;
}

/** A status the spec does not declare for the operation: the server broke the contract. */
export class UndeclaredStatusError extends Error {
  constructor(
    readonly operationId: OperationId,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`${operationId} answered ${status}, which the spec does not declare`);
    this.name = 'UndeclaredStatusError';
  }
}

// Spelled out per operation so that a status added to or removed from the spec stops the
// client from compiling until it is listed here (the mapped type demands exactly those keys).
const DECLARED_STATUSES: { readonly [Op in OperationId]: { readonly [S in StatusOf<Op>]: true } } =
  {
    saveWithdrawInstructProcess: { 200: true, 500: true, 900: true, 901: true, 903: true },
    saveWithdrawStatUpdateProcess: { 200: true, 500: true, 900: true, 901: true, 903: true },
    getHealth: { 200: true },
    getReady: { 200: true, 503: true },
  };

function isDeclared(operationId: OperationId, status: number): boolean {
  return Object.prototype.hasOwnProperty.call(DECLARED_STATUSES[operationId], status);
}

interface FetchOutcome {
  readonly data?: unknown;
  readonly error?: unknown;
  readonly response: Response;
}

/**
 * openapi-fetch types only 2XX–5XX bodies and puts a 900's body in `error` (STACK.md): take
 * whichever is set, check the status against the spec, and let the status type the body.
 */
function toResult<Op extends OperationId>(operationId: Op, outcome: FetchOutcome): ApiResult<Op> {
  const { response } = outcome;
  const body = response.ok ? outcome.data : outcome.error;
  if (!isDeclared(operationId, response.status)) {
    throw new UndeclaredStatusError(operationId, response.status, body);
  }
  return { status: response.status, body, response } as ApiResult<Op>;
}

function bearerMiddleware(token: TokenSource): Middleware {
  return {
    async onRequest({ request }) {
      if (!request.headers.has('Authorization')) {
        const value = typeof token === 'string' ? token : await token();
        request.headers.set('Authorization', `Bearer ${value}`);
      }
      return request;
    },
  };
}

const INSTRUCT_PATH = '/v1/delivery/withdrawProcess/saveWithdrawInstructProcess';
const STAT_UPDATE_PATH = '/v1/delivery/withdrawProcess/saveWithdrawStatUpdateProcess';

/** A typed client of the X2BEE Order API 회수 operations, built on openapi-fetch. */
export function createWithdrawalClient(options: WithdrawalClientOptions): WithdrawalClient {
  const fetchClient = createClient<paths>({
    baseUrl: options.baseUrl,
    headers: options.headers,
    fetch: options.fetch,
  });
  if (options.token !== undefined) {
    fetchClient.use(bearerMiddleware(options.token));
  }
  const init = (call?: CallOptions) => ({ headers: call?.headers, signal: call?.signal });

  return {
    fetchClient,
    saveWithdrawInstructProcess: async (body, call) =>
      toResult(
        'saveWithdrawInstructProcess',
        await fetchClient.POST(INSTRUCT_PATH, { body, ...init(call) }),
      ),
    saveWithdrawStatUpdateProcess: async (body, call) =>
      toResult(
        'saveWithdrawStatUpdateProcess',
        await fetchClient.POST(STAT_UPDATE_PATH, { body, ...init(call) }),
      ),
    getHealth: async (call) => toResult('getHealth', await fetchClient.GET('/health', init(call))),
    getReady: async (call) => toResult('getReady', await fetchClient.GET('/ready', init(call))),
  };
}
