import type { Random } from './random';
import { pick } from './random';
import type { JsonSchema } from './request-schemas';

/** The ways a body can break exactly one constraint of its schema. */
export const MUTATION_KINDS = [
  'missing required field',
  'wrong type',
  'empty string',
  'string too long',
  'empty list',
  'too many items',
  'bad format',
  'null where not allowed',
] as const;

export type MutationKind = (typeof MUTATION_KINDS)[number];

type Segment = string | number;

/** One broken constraint: where, how, and the field the server should name for it. */
export interface Mutation {
  readonly kind: MutationKind;
  readonly path: readonly Segment[];
  /** The server's readable path: `list[2].rtnQty`, or `requestBody` for the whole body. */
  readonly field: string;
  /** Replaces the value at `path`; `undefined` removes the property. */
  readonly replace: (value: unknown) => unknown;
}

type Node = Record<string, unknown>;

const INT32_MAX = 2 ** 31 - 1;
const REMOVE = () => undefined;

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typesOf(schema: JsonSchema): string[] {
  const type = schema.type;
  if (Array.isArray(type)) {
    return type.filter((t): t is string => typeof t === 'string');
  }
  return typeof type === 'string' ? [type] : [];
}

/** `['list', 2, 'rtnQty']` → `list[2].rtnQty`, as the server names fields in `errors`. */
export function readableField(path: readonly Segment[]): string {
  const field = path.reduce<string>((text, segment) => {
    if (typeof segment === 'number') {
      return `${text}[${segment}]`;
    }
    return text === '' ? segment : `${text}.${segment}`;
  }, '');
  return field || 'requestBody';
}

/** A value of none of the allowed types; never `null`, which has its own kind. */
function wrongTypeValue(types: readonly string[], random: Random): unknown {
  const numeric = types.includes('integer') || types.includes('number');
  const candidates = [
    { value: '12', fits: types.includes('string') },
    { value: 7, fits: numeric },
    // A number, but not an integer: the wrong type for an integer field.
    { value: 1.5, fits: types.includes('number') },
    { value: true, fits: types.includes('boolean') },
    { value: { not: 'expected' }, fits: types.includes('object') },
    { value: ['x'], fits: types.includes('array') },
  ];
  return pick(
    random,
    candidates.filter((c) => !c.fits),
  ).value;
}

function tooManyItems(value: unknown, maxItems: number): unknown[] {
  const items: unknown[] = Array.isArray(value) && value.length > 0 ? value : [{}];
  return Array.from({ length: maxItems + 1 }, (_, i): unknown =>
    structuredClone(items[i % items.length]),
  );
}

function site(kind: MutationKind, path: readonly Segment[], replace: Mutation['replace']) {
  return { kind, path, field: readableField(path), replace };
}

function scalarSites(schema: JsonSchema, path: readonly Segment[], random: Random): Mutation[] {
  const types = typesOf(schema);
  const sites: Mutation[] = [];
  if (path.length > 0 && types.length > 0) {
    const wrong = wrongTypeValue(types, random);
    sites.push(site('wrong type', path, () => wrong));
  }
  if (path.length > 0 && types.length > 0 && !types.includes('null')) {
    sites.push(site('null where not allowed', path, () => null));
  }
  if (types.includes('string') && typeof schema.minLength === 'number' && schema.minLength > 0) {
    sites.push(site('empty string', path, () => ''));
  }
  if (types.includes('string') && typeof schema.maxLength === 'number') {
    const long = 'X'.repeat(schema.maxLength + 1);
    sites.push(site('string too long', path, () => long));
  }
  if (types.includes('integer') && schema.format === 'int32') {
    sites.push(site('bad format', path, () => INT32_MAX + 1));
  }
  return sites;
}

function listSites(schema: JsonSchema, path: readonly Segment[]): Mutation[] {
  const sites: Mutation[] = [];
  if (typeof schema.minItems === 'number' && schema.minItems > 0) {
    sites.push(site('empty list', path, () => []));
  }
  if (typeof schema.maxItems === 'number') {
    const maxItems = schema.maxItems;
    sites.push(site('too many items', path, (value) => tooManyItems(value, maxItems)));
  }
  return sites;
}

function requiredSites(schema: JsonSchema, value: Node, path: readonly Segment[]): Mutation[] {
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  return required
    .filter((name) => name in value)
    .map((name) => site('missing required field', [...path, name], REMOVE));
}

/**
 * Every way to break exactly one constraint of `body`, a body valid for `schema`. The root
 * only gets a wrong type that is still JSON the parser takes (a list), so that the schema, not
 * the JSON parser, refuses it.
 */
export function mutationSites(
  schema: JsonSchema,
  body: unknown,
  random: Random,
  path: readonly Segment[] = [],
): Mutation[] {
  const sites = scalarSites(schema, path, random);
  if (path.length === 0) {
    sites.push(site('wrong type', path, () => []));
  }
  if (Array.isArray(body)) {
    const items = isNode(schema.items) ? (schema.items as JsonSchema) : {};
    sites.push(...listSites(schema, path));
    body.forEach((child, i) => sites.push(...mutationSites(items, child, random, [...path, i])));
  }
  if (isNode(body)) {
    const properties = isNode(schema.properties) ? schema.properties : {};
    sites.push(...requiredSites(schema, body, path));
    for (const [name, child] of Object.entries(body)) {
      const childSchema = properties[name];
      if (isNode(childSchema)) {
        sites.push(...mutationSites(childSchema, child, random, [...path, name]));
      }
    }
  }
  return sites;
}

/** A copy of `body` with the mutation applied. */
export function applyMutation(body: unknown, mutation: Mutation): unknown {
  if (mutation.path.length === 0) {
    return mutation.replace(body);
  }
  const copy: unknown = structuredClone(body);
  const parentPath = mutation.path.slice(0, -1);
  const key = mutation.path[mutation.path.length - 1] as Segment;
  const parent = parentPath.reduce<unknown>(
    (node, segment) => (node as Record<Segment, unknown>)[segment],
    copy,
  ) as Record<Segment, unknown>;
  const replacement = mutation.replace(parent[key]);
  if (replacement === undefined) {
    delete parent[key];
  } else {
    parent[key] = replacement;
  }
  return copy;
}
