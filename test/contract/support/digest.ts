import { createHash } from 'node:crypto';
import type { DatabaseConfig } from '../../../src/config/config';
import type { EntityManager } from '../../../src/db/orm';

const TABLE_LISTS: Record<DatabaseConfig['kind'], string> = {
  sqlite: "select name from sqlite_master where type = 'table' and name not like 'sqlite_%'",
  postgresql:
    'select table_name as name from information_schema.tables' +
    " where table_schema = current_schema() and table_type = 'BASE TABLE'",
};

/** Every table of the database, whatever the migrations have created by now. */
export async function tableNames(em: EntityManager, kind: DatabaseConfig['kind']) {
  const rows = await em.execute<Array<{ name: string }>>(TABLE_LISTS[kind]);
  return rows.map((r) => r.name).sort();
}

// PostgreSQL's text form of a row keeps every digit (node-pg's Dates drop microseconds).
function rowsQuery(table: string, kind: DatabaseConfig['kind']): string {
  return kind === 'postgresql'
    ? `select t::text as row from "${table}" t`
    : `select * from "${table}"`;
}

/**
 * A digest of every row of every table, independent of row order: equal digests before and
 * after a request mean it changed nothing.
 */
export async function databaseDigest(
  em: EntityManager,
  kind: DatabaseConfig['kind'],
  tables: readonly string[],
): Promise<string> {
  const hash = createHash('sha256');
  for (const table of tables) {
    const rows = await em.execute<unknown[]>(rowsQuery(table, kind));
    const lines = rows.map((row) => JSON.stringify(row)).sort();
    hash.update(`${table}\n${lines.join('\n')}\n`);
  }
  return hash.digest('hex');
}
