import { JSONSchemaFaker } from 'json-schema-faker';
import type { Schema } from 'json-schema-faker';
import type { Random } from './random';
import { chance, pick, seededRandom } from './random';
import type { JsonSchema } from './request-schemas';

/** An order delivery the database holds, with the return quantity 회수지시 expects for it. */
export interface Anchor {
  readonly ordNo: string;
  readonly deliNo: string;
  readonly rtnQty: number;
  readonly parcel: boolean;
}

export interface BodyOptions {
  /** Deliveries that exist, so that many generated items reach the business rules. */
  readonly anchors: readonly Anchor[];
  /** Add properties the spec does not name (it allows them: spec/README.md). */
  readonly unknownProperties: boolean;
}

type Node = Record<string, unknown>;

const STATUS_PAIRS = [
  ['34', '35'],
  ['35', '36'],
  ['32', '34'],
] as const;

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function propertiesOf(schema: JsonSchema): Record<string, JsonSchema> {
  return isNode(schema.properties) ? (schema.properties as Record<string, JsonSchema>) : {};
}

/** What json-schema-faker makes of the schema with this random source: the same every time. */
export function fakeBody(schema: JsonSchema, random: Random): unknown {
  JSONSchemaFaker.option({
    random,
    optionalsProbability: 0.6,
    fillProperties: false,
    // int32 is spelled out as bounds (request-schemas.ts); faker knows no integer formats.
    failOnInvalidFormat: false,
  });
  return JSONSchemaFaker.generate(schema as Schema);
}

function anchorItem(item: Node, random: Random, anchors: readonly Anchor[]): void {
  const anchor = pick(random, anchors);
  item.ordNo = anchor.ordNo;
  item.deliNo = anchor.deliNo;
  if ('rtnQty' in item && chance(random, 0.85)) {
    item.rtnQty = anchor.rtnQty;
  }
  if ('hdcCd' in item && chance(random, 0.85)) {
    const waybill = anchor.parcel ? String(Math.floor(random() * 1e12)) : null;
    item.hdcCd = anchor.parcel ? pick(random, ['CJ', 'HANJIN', 'LOTTE']) : null;
    item.invNo = waybill;
  }
}

/** Real order numbers, status pairs and flags, so that requests get past "not found". */
function makeRealistic(node: Node, random: Random, anchors: readonly Anchor[]): void {
  if (typeof node.ordNo === 'string' && typeof node.deliNo === 'string' && chance(random, 0.8)) {
    anchorItem(node, random, anchors);
  }
  if ('ordDtlStatCd' in node && 'updateTargetOrdDtlStatCd' in node && chance(random, 0.85)) {
    [node.ordDtlStatCd, node.updateTargetOrdDtlStatCd] = pick(random, STATUS_PAIRS);
  }
  if ('wthdYn' in node && chance(random, 0.8)) {
    node.wthdYn = pick(random, ['Y', 'N']);
  }
}

/**
 * Short lists succeed more often; the faker's own lengths stay half the time; and now and then
 * a list is exactly as long as `maxItems` allows (the faker never gets there by itself).
 */
function resize(schema: JsonSchema, list: unknown[], random: Random): void {
  const minItems = typeof schema.minItems === 'number' ? schema.minItems : 0;
  const maxItems = typeof schema.maxItems === 'number' ? schema.maxItems : undefined;
  if (maxItems !== undefined && list.length > 0 && chance(random, 0.1)) {
    const items = [...list];
    list.length = 0;
    list.push(
      ...Array.from({ length: maxItems }, (_, i) => structuredClone(items[i % items.length])),
    );
    return;
  }
  if (list.length > 2 && chance(random, 0.5)) {
    list.length = Math.max(minItems, 1 + Math.floor(random() * 2));
  }
}

function visit(schema: JsonSchema, value: unknown, random: Random, options: BodyOptions): void {
  if (Array.isArray(value)) {
    resize(schema, value, random);
    const items = isNode(schema.items) ? (schema.items as JsonSchema) : {};
    value.forEach((child) => visit(items, child, random, options));
    return;
  }
  if (!isNode(value)) {
    return;
  }
  const properties = propertiesOf(schema);
  for (const [name, child] of Object.entries(value)) {
    visit(properties[name] ?? {}, child, random, options);
  }
  makeRealistic(value, random, options.anchors);
  if (options.unknownProperties && chance(random, 0.6)) {
    addUnknownProperty(value, properties, random);
  }
}

function addUnknownProperty(node: Node, known: Record<string, JsonSchema>, random: Random): void {
  const name = pick(random, ['memo', 'x-trace', 'rtnRsnCd', 'extra', '_links', 'ordNo ']);
  if (name in known) {
    return;
  }
  node[name] = pick<unknown>(random, [
    'anything',
    42,
    -1.5,
    true,
    null,
    ['a', 1],
    { nested: { deeper: 'yes' } },
  ]);
}

/**
 * A body the spec accepts: json-schema-faker's, made realistic with the given anchors and
 * optionally carrying unknown properties. The seed alone determines it.
 */
export function validBody(schema: JsonSchema, seed: number, options: BodyOptions): unknown {
  const body = fakeBody(schema, seededRandom(seed));
  visit(schema, body, seededRandom(seed ^ 0x5bd1e995), options);
  return body;
}

/** Whether the body carries a property its schema does not name, at any depth. */
export function hasUnknownProperty(schema: JsonSchema, value: unknown): boolean {
  if (Array.isArray(value)) {
    const items = isNode(schema.items) ? (schema.items as JsonSchema) : {};
    return value.some((child) => hasUnknownProperty(items, child));
  }
  if (!isNode(value)) {
    return false;
  }
  const properties = propertiesOf(schema);
  return Object.entries(value).some(([name, child]) => {
    const known = properties[name];
    return known === undefined || hasUnknownProperty(known, child);
  });
}
