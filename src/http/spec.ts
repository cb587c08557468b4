import fs from 'node:fs';
import path from 'node:path';
import type { Document } from 'openapi-backend';

/** Finds `spec/openapi.json` from the source tree (tests) or the build tree (`dist/`). */
export function specPath(): string {
  let dir = __dirname;
  for (;;) {
    const candidate = path.join(dir, 'spec', 'openapi.json');
    if (fs.existsSync(candidate)) {
      return candidate;
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error('spec/openapi.json not found above ' + __dirname);
    }
    dir = parent;
  }
}

/** The contract, read fresh so that callers may adjust their copy. */
export function loadSpec(): Document {
  return JSON.parse(fs.readFileSync(specPath(), 'utf8')) as Document;
}

function visit(node: unknown, visitor: (schema: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) {
    node.forEach((child) => visit(child, visitor));
    return;
  }
  if (node === null || typeof node !== 'object') {
    return;
  }
  visitor(node as Record<string, unknown>);
  Object.values(node).forEach((child) => visit(child, visitor));
}

/** Sets every list's `maxItems` to the server's batch limit, so spec and server agree. */
export function applyBatchLimit(spec: Document, maxItems: number): Document {
  visit(spec.components?.schemas, (schema) => {
    if (schema.type === 'array' && typeof schema.maxItems === 'number') {
      schema.maxItems = maxItems;
    }
  });
  return spec;
}
