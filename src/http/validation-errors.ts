import type { ErrorObject } from 'ajv';
import { ApiError } from '../errors/api-error';
import type { FieldError } from '../errors/api-error';

/** At most this many schema violations are listed; the message says how many there were. */
const MAX_LISTED = 100;

/** `/requestBody/list/2/rtnQty` → `list[2].rtnQty`; headers keep their section name. */
export function readablePath(instancePath: string, missingProperty?: string): string {
  const segments = instancePath.split('/').slice(1).map(unescapePointer);
  if (segments[0] === 'requestBody') {
    segments.shift();
  }
  if (missingProperty !== undefined) {
    segments.push(missingProperty);
  }

  return segments.reduce((path, segment) => {
    if (/^\d+$/.test(segment)) {
      return `${path}[${segment}]`;
    }
    return path === '' ? segment : `${path}.${segment}`;
  }, '');
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

function describe(error: ErrorObject): FieldError {
  const missing = error.keyword === 'required' ? String(error.params.missingProperty) : undefined;
  const field = readablePath(error.instancePath, missing) || 'requestBody';
  const message = missing !== undefined ? 'is required' : (error.message ?? 'is invalid');
  return { field, message, code: 'VALIDATION_FAILED' };
}

/** Turns ajv's errors into the envelope's `errors`, one entry per field. */
export function schemaViolation(errors: readonly ErrorObject[]): ApiError {
  const seen = new Set<string>();
  const fieldErrors = errors.map(describe).filter((e) => {
    const key = `${e.field} ${e.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
  const [first] = fieldErrors;
  const summary = first ? `${first.field} ${first.message}` : 'request is invalid';
  const more = fieldErrors.length > 1 ? ` (and ${fieldErrors.length - 1} more)` : '';
  return new ApiError(
    'VALIDATION_FAILED',
    `request does not match the contract: ${summary}${more}`,
    fieldErrors.slice(0, MAX_LISTED),
  );
}
