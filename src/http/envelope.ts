import type { components } from '../../generated/openapi';
import type { ApiError } from '../errors/api-error';
import { SUCCESS_CODE } from '../errors/catalogue';

/** X2BEE's `Response` envelope, which wraps every answer of the service. */
export type Envelope = components['schemas']['Response'];

/** A successful answer carrying what the request changed. */
export function successEnvelope<P>(payload: P, message = 'success') {
  return {
    timestamp: new Date().toISOString(),
    code: SUCCESS_CODE,
    message,
    isProcess: true,
    payload,
    error: false,
    errors: [],
  };
}

/** A refused or failed request; `errors` names each failing field or list item. */
export function errorEnvelope(error: ApiError): Envelope {
  return {
    timestamp: new Date().toISOString(),
    code: error.code,
    message: error.message,
    isProcess: false,
    error: true,
    errors: error.errors.map(({ field, message, code }) => ({ field, message, code })),
  };
}
