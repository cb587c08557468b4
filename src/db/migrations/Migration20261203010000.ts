import { Migration } from '@mikro-orm/migrations';

/** Stored answers of requests sent with an `Idempotency-Key`, per caller. */
export class Migration20261203010000 extends Migration {
  override up(): void {
    const builder = this.getKnex().schema.createTable('idempotency_key', (t) => {
      t.string('actor', 100).notNullable();
      t.string('idem_key', 100).notNullable();
      t.string('operation_id', 100).notNullable();
      t.string('request_hash', 64).notNullable();
      t.integer('response_status').notNullable();
      t.text('response_body').notNullable();
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.timestamp('expires_at', { useTz: true }).notNullable();
      t.primary(['actor', 'idem_key']);
      t.index(['expires_at'], 'idempotency_key_expires_at_index');
    });
    // better-sqlite3 runs one statement per call.
    for (const statement of builder.toSQL()) {
      this.addSql(statement.sql);
    }
  }
}
