import OpenAPIBackend from 'openapi-backend';
import addFormats from 'ajv-formats';
import type { Response } from 'supertest';
import { loadSpec } from '../../src/http/spec';

/**
 * Checks answers against spec/openapi.json: the status must be declared for the operation and
 * the body must match its schema. Answers to unknown paths or methods must be the envelope.
 */
export class ContractChecker {
  private constructor(private readonly api: OpenAPIBackend) {}

  static async create(): Promise<ContractChecker> {
    const api = new OpenAPIBackend({
      definition: loadSpec(),
      apiRoot: '/api/order',
      strict: true,
      ajvOpts: { strict: false },
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
  check(method: string, path: string, res: Response): void {
    const operationId = this.operationFor(method, path);
    if (!operationId) {
      this.checkEnvelope(res);
      return;
    }

    const operation = this.api.getOperation(operationId);
    const declared = Object.keys(operation?.responses ?? {});
    if (!declared.includes(String(res.status))) {
      throw new Error(`${operationId} answered undeclared status ${res.status}`);
    }
    const result = this.api.validateResponse(res.body, operationId, res.status);
    if (result.errors?.length) {
      throw new Error(
        `${operationId} ${res.status} body off-contract: ${JSON.stringify(result.errors)}`,
      );
    }
  }

  private checkEnvelope(res: Response): void {
    const result = this.api.validator.validateResponse(res.body, 'getHealth', 200);
    const envelopeErrors = (result.errors ?? []).filter(
      (e) => !e.instancePath.startsWith('/payload'),
    );
    if (![904, 905].includes(res.status) || envelopeErrors.length > 0 || res.body.error !== true) {
      throw new Error(`unrouted request answered ${res.status} ${JSON.stringify(res.body)}`);
    }
  }
}
