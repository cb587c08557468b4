import type { NextFunction, Request, Response } from 'express';
import { ApiError } from '../errors/api-error';
import type { FieldError } from '../errors/api-error';

/** The contract nests three levels; unknown properties may add some, but not without end. */
export const MAX_BODY_DEPTH = 32;

const MAX_LISTED = 100;

/** The keys and indexes from the body down to the value being looked at. */
type Steps = (string | number)[];

function pathOf(steps: Steps): string {
  let path = '';
  for (const step of steps) {
    path += typeof step === 'number' ? `[${step}]` : path === '' ? step : `.${step}`;
  }
  return path;
}

function fieldError(steps: Steps, message: string): FieldError {
  return { field: pathOf(steps) || 'requestBody', message, code: 'VALIDATION_FAILED' };
}

const NUL_MESSAGE = 'must not contain the NUL character (U+0000)';

class TooDeep extends Error {
  constructor(readonly steps: Steps) {
    super('too deep');
  }
}

/**
 * Depth first, in document order. The recursion is bounded: it stops below MAX_BODY_DEPTH,
 * however deep the attacker nested the body. Paths are spelled out only for errors.
 */
function scan(value: unknown, steps: Steps, errors: FieldError[]): void {
  if (steps.length > MAX_BODY_DEPTH) {
    throw new TooDeep([...steps]);
  }
  if (typeof value === 'string') {
    if (value.includes('\u0000') && errors.length < MAX_LISTED) {
      errors.push(fieldError(steps, NUL_MESSAGE));
    }
    return;
  }
  if (value === null || typeof value !== 'object') {
    return;
  }
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      steps.push(index);
      scan(value[index], steps, errors);
      steps.pop();
    }
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    steps.push(key);
    if (key.includes('\u0000') && errors.length < MAX_LISTED) {
      errors.push(fieldError(steps, NUL_MESSAGE));
    }
    scan(child, steps, errors);
    steps.pop();
  }
}

/**
 * Finds what no column can store and what would exhaust the stack: U+0000 in a string or a
 * key (PostgreSQL text refuses it; SQLite's SQL text ends at it), and nesting past
 * MAX_BODY_DEPTH (one error then, naming the first value too deep).
 */
export function findUnstorable(body: unknown): FieldError[] {
  const errors: FieldError[] = [];
  try {
    scan(body, [], errors);
  } catch (err) {
    if (err instanceof TooDeep) {
      return [fieldError(err.steps, `is nested deeper than ${MAX_BODY_DEPTH} levels`)];
    }
    throw err;
  }
  return errors;
}

/** Refuses a parsed body with a NUL character or absurd nesting: 900 naming each field. */
export function guardBody(req: Request, _res: Response, next: NextFunction): void {
  const errors = findUnstorable(req.body);
  const [first] = errors;
  if (!first) {
    next();
    return;
  }
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  const message = `request does not match the contract: ${first.field} ${first.message}${more}`;
  next(new ApiError('VALIDATION_FAILED', message, errors));
}
