import addFormats from 'ajv-formats';
import OpenAPIBackend from 'openapi-backend';
import type { Context, Document, Request } from 'openapi-backend';
import { ApiError } from '../errors/api-error';
import type { EntityManager } from '../db/orm';
import type { Authenticator, Principal } from './auth';
import { IDEMPOTENCY_HEADER, runIdempotent } from './idempotency';
import type { KeyedAnswer } from './idempotency';
import { handlers as defaultHandlers } from './handlers';
import type { OperationHandlers, RequestContext } from './operations';
import { schemaViolation } from './validation-errors';

/** The spec's security scheme for the 회수 operations. */
const SECURITY_SCHEME = 'bearerAuth';

/** What a handler answered: written to the client by the express adapter. */
export type ApiAnswer = KeyedAnswer;

export interface OpenApiOptions {
  readonly spec: Document;
  readonly handlers?: OperationHandlers;
  /** Check every answer against the spec; on in tests so a wrong answer fails its test. */
  readonly validateResponses: boolean;
  readonly authenticate: Authenticator;
  readonly idempotencyTtlMs: number;
}

/** The router: one openapi-backend instance that validates requests and calls handlers. */
export interface ApiRouter {
  handle(request: Request, context: RequestContext): Promise<ApiAnswer>;
  readonly operationIds: readonly string[];
  readonly api: OpenAPIBackend;
}

function principalOf(c: Context): Principal | undefined {
  const result: unknown = c.security?.[SECURITY_SCHEME];
  return result && typeof result === 'object' && 'actor' in result
    ? (result as Principal)
    : undefined;
}

function headerOf(c: Context, name: string): string | undefined {
  const value: unknown = (c.request.headers as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

function acceptsIdempotencyKey(c: Context): boolean {
  return (c.operation.parameters ?? []).some(
    (p) => 'name' in p && p.name.toLowerCase() === IDEMPOTENCY_HEADER,
  );
}

function registerHandlers(api: OpenAPIBackend, handlers: OperationHandlers, ttlMs: number): void {
  for (const [operationId, handler] of Object.entries(handlers)) {
    const call = handler as (input: unknown) => Promise<ApiAnswer>;
    api.register(operationId, (c: Context, context: RequestContext) => {
      const actor = principalOf(c)?.actor ?? context.actor;
      const body = c.request.requestBody as unknown;
      const invoke = (em: EntityManager) => call({ body, context: { ...context, actor, em } });

      const key = headerOf(c, IDEMPOTENCY_HEADER);
      if (key === undefined || !acceptsIdempotencyKey(c)) {
        return invoke(context.em);
      }
      return runIdempotent(context.em, { actor, key, operationId, body, ttlMs }, invoke);
    });
  }
}

function registerSecurity(api: OpenAPIBackend, authenticate: Authenticator): void {
  api.registerSecurityHandler(SECURITY_SCHEME, (c: Context) => {
    const headers = c.request.headers as Record<string, string | string[] | undefined>;
    const header = headers.authorization;
    return authenticate(Array.isArray(header) ? header[0] : header);
  });
  api.register('unauthorizedHandler', (c: Context) => {
    const failure: unknown = (c.security?.[SECURITY_SCHEME] as { error?: unknown } | undefined)
      ?.error;
    throw failure instanceof ApiError
      ? failure
      : new ApiError('UNAUTHENTICATED', 'a valid bearer token is required');
  });
}

function checkResponse(api: OpenAPIBackend, c: Context): ApiAnswer {
  const answer = c.response as ApiAnswer;
  const result = api.validateResponse(answer.body, c.operation, answer.status);
  if (result.errors && result.errors.length > 0) {
    const detail = JSON.stringify(result.errors);
    throw new Error(`${c.operation.operationId} answered ${answer.status} off-contract: ${detail}`);
  }
  return answer;
}

/** Start-up refuses a spec whose operations and handlers differ, naming each one. */
function checkCoverage(operationIds: readonly string[], handlers: OperationHandlers): void {
  const known = new Set(Object.keys(handlers));
  const missing = operationIds.filter((id) => !known.has(id));
  const extra = [...known].filter((id) => !operationIds.includes(id));
  if (missing.length > 0 || extra.length > 0) {
    throw new Error(
      `spec and handlers differ: no handler for [${missing.join(', ')}];` +
        ` no operation for [${extra.join(', ')}]`,
    );
  }
}

/** Quick mode compiles a validator on its first use: compile them at start-up instead. */
function compileValidators(api: OpenAPIBackend, responses: boolean): void {
  api.validator.preCompileRequestValidators();
  if (responses) {
    api.validator.preCompileResponseValidators();
  }
}

/** Builds and initialises the router for the given spec. */
export async function createApiRouter(options: OpenApiOptions): Promise<ApiRouter> {
  const handlers = options.handlers ?? defaultHandlers;
  const api = new OpenAPIBackend({
    definition: options.spec,
    apiRoot: '/api/order',
    strict: true,
    validate: true,
    // Skips checking the spec against the OpenAPI meta-schema, which `make lint-spec` does:
    // start-up is ~0.6 s faster and ~20 MB smaller (bench/README.md). Validators are compiled
    // below, once.
    quick: true,
    ajvOpts: { allErrors: true, strict: false },
    customizeAjv: (ajv) => addFormats(ajv),
  });

  registerSecurity(api, options.authenticate);
  api.register('validationFail', (c: Context) => {
    throw schemaViolation(c.validation.errors ?? []);
  });
  api.register('notFound', () => {
    throw new ApiError('NOT_FOUND', 'no such path');
  });
  api.register('methodNotAllowed', (c: Context) => {
    throw new ApiError(
      'METHOD_NOT_ALLOWED',
      `${c.request.method.toUpperCase()} is not allowed here`,
    );
  });
  api.register('postResponseHandler', (c: Context) =>
    options.validateResponses ? checkResponse(api, c) : (c.response as ApiAnswer),
  );
  await api.init();
  compileValidators(api, options.validateResponses);

  // getOperations() rebuilds the list on every call, several times a request (STACK.md).
  const operations = api.router.getOperations();
  api.router.getOperations = () => operations;

  const operationIds = operations.map(
    (o) => o.operationId ?? `${o.method.toUpperCase()} ${o.path} (no operationId)`,
  );
  // Checked before registering: openapi-backend's strict mode would stop at the first
  // handler without an operation, and name only that one.
  checkCoverage(operationIds, handlers);
  registerHandlers(api, handlers, options.idempotencyTtlMs);
  return {
    api,
    operationIds,
    handle: async (request, context) => (await api.handleRequest(request, context)) as ApiAnswer,
  };
}
