import fs from 'node:fs';
import path from 'node:path';
import { DefaultLogger, MikroORM } from '@mikro-orm/core';
import type { LogContext, LoggerOptions, Options } from '@mikro-orm/core';
import { BetterSqliteDriver } from '@mikro-orm/better-sqlite';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { DatabaseConfig } from '../config/config';
import { ENTITY_SCHEMAS } from './entities';
import { Migration20261203000000 } from './migrations/Migration20261203000000';
import { Migration20261203010000 } from './migrations/Migration20261203010000';

export type Orm = MikroORM;
export type EntityManager = SqlEntityManager;

/** Migrations in the order they apply; listed here so that no file glob is needed at run time. */
const MIGRATIONS = [
  { name: 'Migration20261203000000', class: Migration20261203000000 },
  { name: 'Migration20261203010000', class: Migration20261203010000 },
];

interface SqliteHandle {
  pragma(statement: string): unknown;
}

/**
 * WAL lets readers run beside the writer; `synchronous = FULL` because a 200 answer promises
 * the change is durable (STACK.md: NORMAL can lose the last commits on power loss).
 */
function prepareSqliteConnection(
  conn: SqliteHandle,
  done: (err: Error | null, c: unknown) => void,
) {
  conn.pragma('journal_mode = WAL');
  conn.pragma('synchronous = FULL');
  conn.pragma('foreign_keys = ON');
  conn.pragma('busy_timeout = 5000');
  done(null, conn);
}

function driverOptions(database: DatabaseConfig): Options {
  if (database.kind === 'postgresql') {
    return { driver: PostgreSqlDriver, clientUrl: database.url, pool: { min: 0, max: 10 } };
  }
  if (database.path !== ':memory:') {
    fs.mkdirSync(path.dirname(path.resolve(database.path)), { recursive: true });
  }
  return {
    driver: BetterSqliteDriver,
    dbName: database.path,
    pool: { afterCreate: prepareSqliteConnection },
  };
}

/** Sees the text of every statement sent to the database, `begin` and `commit` included. */
export type QueryListener = (sql: string) => void;

export interface OrmOptions {
  readonly debug?: boolean;
  /** The statement-count test and the benchmark count statements with it. */
  readonly onQuery?: QueryListener;
}

/** MikroORM hands every statement to its logger, whatever the debug setting: listen there. */
class ListeningLogger extends DefaultLogger {
  constructor(
    options: LoggerOptions,
    private readonly onQuery: QueryListener,
  ) {
    super(options);
  }

  override logQuery(context: LogContext & { query: string }): void {
    this.onQuery(context.query);
    super.logQuery(context);
  }
}

function loggerFactory(onQuery: QueryListener | undefined): Options['loggerFactory'] {
  return onQuery && ((options) => new ListeningLogger(options, onQuery));
}

/** Connects MikroORM to the configured database; does not migrate. */
export async function createOrm(database: DatabaseConfig, options: OrmOptions = {}): Promise<Orm> {
  return MikroORM.init({
    ...driverOptions(database),
    entities: ENTITY_SCHEMAS,
    extensions: [Migrator],
    migrations: { migrationsList: MIGRATIONS, snapshot: false, transactional: true, silent: true },
    allowGlobalContext: false,
    debug: options.debug ?? false,
    loggerFactory: loggerFactory(options.onQuery),
    discovery: { warnWhenNoEntities: true },
  });
}

/** Applies pending migrations; returns the names of those applied. */
export async function migrate(orm: Orm): Promise<string[]> {
  const applied = await orm.getMigrator().up();
  return applied.map((m) => m.name);
}

/** A fresh, request-scoped entity manager. */
export function forkEntityManager(orm: Orm): EntityManager {
  return orm.em.fork() as EntityManager;
}
