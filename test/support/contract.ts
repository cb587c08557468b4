import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import OpenAPIBackend from 'openapi-backend';
import type { Response } from 'supertest';
import { loadSpec } from '../../src/http/spec';

interface MediaTypes {
  content?: Record<string, { schema?: object }>;
}

/** What the checker reads of an answer: a supertest response, or a status and body. */
export type Answer = Pick<Response, 'status' | 'body'>;

/**
 * Checks answers against spec/openapi.json: the status must be declared for the operation and
 * the body must match that response's schema, whatever its media type (openapi-backend's own
 * response validation only looks at `application/json` and so would skip the `*\/*` 900s).
 * Answers to unknown paths or methods must be the bare envelope.
 */
export class ContractChecker {
  private readonly ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
  private readonly validators = new Map<string, ValidateFunction>();

  private constructor(private readonly api: OpenAPIBackend) {}

  static async create(): Promise<ContractChecker> {
    const api = new OpenAPIBackend({
      definition: loadSpec(),
      apiRoot: '/api/order',
      strict: true,
      customizeAjv: (ajv) => addFormats(ajv),
    });
    await api.init();
    return new ContractChecker(api);
  }

  /** The operation the request was addressed to, if the spec has one. */
  operationFor(method: string, path: string): string | undefined {
    return this.api.matchOperation({ method, path, headers: {} })?.operationId;
  }

  /** Throws a readable error when the answer breaks the contract. */
  check(method: string, path: string, res: Answer): void {
    const operationId = this.operationFor(method, path);
    if (!operationId) {
      this.checkEnvelope(res);
      return;
    }
    const validate = this.validatorFor(operationId, res.status);
    if (!validate(res.body)) {
      const errors = JSON.stringify(validate.errors);
      throw new Error(`${operationId} ${res.status} body off-contract: ${errors}`);
    }
  }

  /** The schema validator of one declared response; throws for an undeclared status. */
  validatorFor(operationId: string, status: number): ValidateFunction {
    const key = `${operationId} ${status}`;
    const cached = this.validators.get(key);
    if (cached) {
      return cached;
    }
    const responses = (this.api.getOperation(operationId)?.responses ?? {}) as Record<
      string,
      MediaTypes
    >;
    const response = responses[String(status)];
    if (!response) {
      throw new Error(`${operationId} answered undeclared status ${status}`);
    }
    const schema = Object.values(response.content ?? {})[0]?.schema ?? {};
    const validate = this.ajv.compile(schema);
    this.validators.set(key, validate);
    return validate;
  }

  private checkEnvelope(res: Answer): void {
    // The 900 answer's schema is the bare `Response` envelope.
    const validate = this.validatorFor('saveWithdrawInstructProcess', 900);
    if (
      ![904, 905].includes(res.status) ||
      !validate(res.body) ||
      (res.body as { error?: unknown }).error !== true
    ) {
      const errors = JSON.stringify(validate.errors);
      throw new Error(
        `unrouted request answered ${res.status} ${JSON.stringify(res.body)} ${errors}`,
      );
    }
  }
}
