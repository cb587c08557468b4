import { ERROR_CATALOGUE } from './catalogue';
import type { ErrorCode } from './catalogue';

/** One entry of the envelope's `errors` list: which field or list item failed, and why. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
  readonly code: ErrorCode;
}

/** A failure answered in the `Response` envelope; its status comes from the catalogue. */
export class ApiError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors: readonly FieldError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = ERROR_CATALOGUE[code].status;
  }

  /** A failure about a single field, listed in `errors` as well as in `message`. */
  static forField(code: ErrorCode, field: string, message: string): ApiError {
    return new ApiError(code, message, [{ field, message, code }]);
  }
}
