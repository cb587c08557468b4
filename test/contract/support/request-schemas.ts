import type { Document } from 'openapi-backend';

/** A JSON Schema node, as json-schema-faker and ajv read it. */
export type JsonSchema = Record<string, unknown>;

/** An operation that takes a JSON body, with that body's schema in plain JSON Schema. */
export interface RequestOperation {
  readonly operationId: string;
  readonly method: string;
  /** The path the server answers on, API root included. */
  readonly path: string;
  readonly schema: JsonSchema;
}

const INT32 = { minimum: -(2 ** 31), maximum: 2 ** 31 - 1 };
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

type Node = Record<string, unknown>;

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function resolvePointer(spec: Document, ref: string): unknown {
  if (!ref.startsWith('#/')) {
    throw new Error(`only local $refs are supported: ${ref}`);
  }
  return ref
    .slice(2)
    .split('/')
    .reduce<unknown>((node, key) => (isNode(node) ? node[key] : undefined), spec);
}

/**
 * OpenAPI 3.0 schema → JSON Schema: inlines `$ref`s, turns `nullable` into a `null` type, and
 * spells `format: int32` out as bounds so that json-schema-faker stays inside them.
 */
export function toJsonSchema(spec: Document, node: unknown): unknown {
  if (Array.isArray(node)) {
    return node.map((child) => toJsonSchema(spec, child));
  }
  if (!isNode(node)) {
    return node;
  }
  if (typeof node.$ref === 'string') {
    return toJsonSchema(spec, resolvePointer(spec, node.$ref));
  }
  const { nullable, ...rest } = node;
  const schema: Node = {};
  for (const [key, value] of Object.entries(rest)) {
    schema[key] = key === 'properties' ? mapValues(value, spec) : toJsonSchema(spec, value);
  }
  if (nullable === true && typeof schema.type === 'string') {
    schema.type = [schema.type, 'null'];
  }
  if (schema.type === 'integer' && schema.format === 'int32') {
    Object.assign(schema, INT32, schema);
  }
  return schema;
}

function mapValues(value: unknown, spec: Document): Node {
  const properties = isNode(value) ? value : {};
  return Object.fromEntries(
    Object.entries(properties).map(([name, child]) => [name, toJsonSchema(spec, child)]),
  );
}

function jsonBodySchema(operation: Node): unknown {
  const body = operation.requestBody;
  const content = isNode(body) && isNode(body.content) ? body.content : {};
  const json = content['application/json'];
  return isNode(json) ? json.schema : undefined;
}

/** Every operation of the spec whose request has a JSON body, in spec order. */
export function requestOperations(spec: Document, apiRoot = '/api/order'): RequestOperation[] {
  const found: RequestOperation[] = [];
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    for (const method of METHODS) {
      const operation: unknown = (item as Node | undefined)?.[method];
      const schema = isNode(operation) ? jsonBodySchema(operation) : undefined;
      if (isNode(operation) && schema && typeof operation.operationId === 'string') {
        found.push({
          operationId: operation.operationId,
          method,
          path: `${apiRoot}${path}`,
          schema: toJsonSchema(spec, schema) as JsonSchema,
        });
      }
    }
  }
  return found;
}
