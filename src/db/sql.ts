import type { QueryResult } from '@mikro-orm/core';
import { PostgreSqlPlatform } from '@mikro-orm/postgresql';
import type { EntityManager } from './orm';

/** `?, ?, ?` for a list of values bound one per placeholder. */
export function placeholders(count: number): string {
  // String#repeat: Array.from({ length }) cost 3% of a 100-item status update's CPU (bench/).
  return count > 0 ? `${'?, '.repeat(count - 1)}?` : '';
}

/** A timestamp as the driver stores it (SQLite keeps epoch milliseconds, MikroORM's choice). */
export function dbTimestamp(em: EntityManager, at: Date): unknown {
  return em.getPlatform().processDateProperty(at);
}

/** Whether row locks (`FOR UPDATE`) exist; SQLite serialises writers instead. */
export function supportsRowLocks(em: EntityManager): boolean {
  return em.getPlatform() instanceof PostgreSqlPlatform;
}

/** The part of a better-sqlite3 connection and statement used here. */
interface SqliteStatement {
  all(params: readonly unknown[]): unknown[];
  run(params: readonly unknown[]): { changes: number };
}
interface SqliteConnection {
  prepare(sql: string): SqliteStatement;
}
/** The part of a knex transaction used here: its client hands out the transaction's connection. */
interface SqliteTransaction {
  readonly client: { acquireConnection(): Promise<SqliteConnection> };
}

/**
 * Prepared statements per SQLite connection, least recently used first. The set-based
 * statements' text depends on the batch size only, so a busy service reuses a few dozen; the
 * bound keeps a stream of unusual sizes from growing it without end.
 */
const preparedStatements = new WeakMap<SqliteConnection, Map<string, SqliteStatement>>();
export const PREPARED_STATEMENT_CACHE_SIZE = 200;

function preparedStatement(connection: SqliteConnection, sql: string): SqliteStatement {
  let cache = preparedStatements.get(connection);
  if (!cache) {
    cache = new Map();
    preparedStatements.set(connection, cache);
  }
  let statement = cache.get(sql);
  if (statement) {
    cache.delete(sql);
  } else {
    statement = connection.prepare(sql);
    if (cache.size >= PREPARED_STATEMENT_CACHE_SIZE) {
      cache.delete(cache.keys().next().value as string);
    }
  }
  cache.set(sql, statement);
  return statement;
}

/** better-sqlite3 binds strings, numbers, bigints, buffers and null; knex converts the rest so. */
function sqliteValue(value: unknown): unknown {
  if (value instanceof Date) {
    return value.getTime();
  }
  return typeof value === 'boolean' ? Number(value) : value;
}

/**
 * SQLite inside a transaction: the transaction's own connection, to run a prepared statement on
 * with bound values. Through `em.execute`, MikroORM writes every value into the SQL text and
 * better-sqlite3 compiles each text anew: for a 100-item batch that was most of the gap to
 * hand-written statements (bench/README.md). PostgreSQL, and SQLite outside a transaction, go
 * through MikroORM.
 */
async function sqliteTransactionConnection(
  em: EntityManager,
): Promise<SqliteConnection | undefined> {
  const trx = em.getTransactionContext<SqliteTransaction>();
  if (!trx || supportsRowLocks(em)) {
    return undefined;
  }
  return trx.client.acquireConnection();
}

/** Runs `sql` on SQLite's prepared statement, telling MikroORM's logger as `em.execute` does. */
function runPrepared<T>(
  em: EntityManager,
  connection: SqliteConnection,
  sql: string,
  params: readonly unknown[],
  run: (statement: SqliteStatement, values: unknown[]) => T,
): T {
  const values = params.map(sqliteValue);
  const started = Date.now();
  const result = run(preparedStatement(connection, sql), values);
  em.config.getLogger().logQuery({ query: sql, params: values, took: Date.now() - started });
  return result;
}

/** Runs a statement that changes rows and returns how many it changed. */
export async function runUpdate(
  em: EntityManager,
  sql: string,
  params: readonly unknown[],
): Promise<number> {
  const connection = await sqliteTransactionConnection(em);
  if (connection) {
    return runPrepared(em, connection, sql, params, (s, values) => s.run(values).changes);
  }
  const result = (await em.execute(sql, [...params], 'run')) as unknown as QueryResult;
  return result.affectedRows;
}

/** Runs a query and returns its rows as plain objects. */
export async function selectRows<T>(
  em: EntityManager,
  sql: string,
  params: readonly unknown[],
): Promise<T[]> {
  const connection = await sqliteTransactionConnection(em);
  if (connection) {
    return runPrepared(em, connection, sql, params, (s, values) => s.all(values) as T[]);
  }
  return em.execute<T[]>(sql, [...params], 'all');
}
