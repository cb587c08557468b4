import type { NextFunction, Request, Response } from 'express';
import { ApiError } from '../errors/api-error';
import type { FieldError } from '../errors/api-error';

/** The contract nests three levels; unknown properties may add some, but not without end. */
export const MAX_BODY_DEPTH = 32;

const MAX_LISTED = 100;

interface Visit {
  readonly value: unknown;
  readonly path: string;
  readonly depth: number;
}

function fieldError(path: string, message: string): FieldError {
  return { field: path || 'requestBody', message, code: 'VALIDATION_FAILED' };
}

const NUL_MESSAGE = 'must not contain the NUL character (U+0000)';

/**
 * Finds what no column can store and what would exhaust the stack: U+0000 in a string or a
 * key (PostgreSQL text refuses it; SQLite's SQL text ends at it), and nesting past
 * MAX_BODY_DEPTH. Iterative, because the body is the attacker's to nest.
 */
export function findUnstorable(body: unknown): FieldError[] {
  const errors: FieldError[] = [];
  const pending: Visit[] = [{ value: body, path: '', depth: 0 }];
  // Breadth first (the loop also visits what it appends), so fields come in list order.
  for (const { value, path, depth } of pending) {
    if (errors.length >= MAX_LISTED) {
      break;
    }
    if (depth > MAX_BODY_DEPTH) {
      return [fieldError(path, `is nested deeper than ${MAX_BODY_DEPTH} levels`)];
    }
    if (typeof value === 'string' && value.includes('\u0000')) {
      errors.push(fieldError(path, NUL_MESSAGE));
    }
    if (value === null || typeof value !== 'object') {
      continue;
    }
    const isList = Array.isArray(value);
    for (const [key, child] of Object.entries(value)) {
      const childPath = isList ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`;
      if (key.includes('\u0000')) {
        errors.push(fieldError(childPath, NUL_MESSAGE));
      }
      pending.push({ value: child, path: childPath, depth: depth + 1 });
    }
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
