import { EntitySchema } from '@mikro-orm/core';

/** The stored answer of a request sent with an `Idempotency-Key`, kept per caller until expiry. */
export class IdempotencyRecord {
  actor!: string;
  key!: string;
  operationId!: string;
  requestHash!: string;
  responseStatus!: number;
  responseBody!: string;
  createdAt!: Date;
  expiresAt!: Date;
}

export const IdempotencyRecordSchema = new EntitySchema<IdempotencyRecord>({
  class: IdempotencyRecord,
  tableName: 'idempotency_key',
  properties: {
    actor: { type: 'string', primary: true, length: 100 },
    key: { type: 'string', primary: true, length: 100, fieldName: 'idem_key' },
    operationId: { type: 'string', length: 100 },
    requestHash: { type: 'string', length: 64 },
    responseStatus: { type: 'integer' },
    responseBody: { type: 'text' },
    createdAt: { type: 'datetime' },
    expiresAt: { type: 'datetime' },
  },
});
