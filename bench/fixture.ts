import fs from 'node:fs';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import type { DatabaseConfig } from '../src/config/config';
import { createOrm, migrate } from '../src/db/orm';
import { RETURN_QUANTITY, deliveryNumber, orderNumber } from './wire';

/**
 * The benchmark's data: one order, one parcel delivery and one return detail per order number.
 * Orders 1 .. `returnAccepted` are in 32 반품접수 (회수지시 moves them), the next
 * `pickupInstructed` orders in 34 회수지시 (회수 진행상태 수정 moves them to 35).
 */
export interface FixtureSize {
  readonly returnAccepted: number;
  readonly pickupInstructed: number;
}

interface FixtureRow {
  readonly n: number;
  readonly status: string;
}

function* rowsOf(size: FixtureSize): Generator<FixtureRow> {
  for (let n = 1; n <= size.returnAccepted; n += 1) {
    yield { n, status: '32' };
  }
  for (let i = 1; i <= size.pickupInstructed; i += 1) {
    yield { n: size.returnAccepted + i, status: '34' };
  }
}

/** Creates the schema with the service's own migration. */
async function migrated(database: DatabaseConfig): Promise<void> {
  const orm = await createOrm(database);
  try {
    await migrate(orm);
  } finally {
    await orm.close(true);
  }
}

function removeSqlite(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) {
    fs.rmSync(file + suffix, { force: true });
  }
}

function insertSqliteRows(db: Database.Database, size: FixtureSize): void {
  const order = db.prepare('insert into op_ord (ord_no, reg_dtm) values (?, ?)');
  const delivery = db.prepare(
    'insert into op_ord_deli_info (deli_no, ord_no, deli_type_cd, wthd_indc_dtm, mod_dtm)' +
      " values (?, ?, 'PARCEL', ?, ?)",
  );
  const detail = db.prepare(
    'insert into op_ord_dtl (ord_no, ord_seq, proc_seq, ord_dtl_gb_cd, ord_dtl_stat_cd,' +
      " ord_dtl_stat_dtm, deli_no, goods_no, ord_qty, rtn_qty) values (?, 1, 1, '20', ?, ?, ?," +
      ' ?, ?, ?)',
  );
  const now = Date.now();
  db.transaction(() => {
    for (const { n, status } of rowsOf(size)) {
      const ordNo = orderNumber(n);
      const deliNo = deliveryNumber(n);
      order.run(ordNo, now);
      delivery.run(deliNo, ordNo, status === '34' ? now : null, now);
      detail.run(ordNo, status, now, deliNo, `G${n % 10_000}`, RETURN_QUANTITY, RETURN_QUANTITY);
    }
  })();
}

/** Builds the SQLite fixture in `file` and copies it to each of `copies`. */
export async function prepareSqlite(
  file: string,
  copies: readonly string[],
  size: FixtureSize,
): Promise<void> {
  [file, ...copies].forEach(removeSqlite);
  await migrated({ kind: 'sqlite', path: file });

  const db = new Database(file);
  db.pragma('synchronous = OFF');
  insertSqliteRows(db, size);
  db.exec('analyze');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  copies.forEach((copy) => fs.copyFileSync(file, copy));
}

async function withClient<T>(url: string, work: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function dropTables(client: Client): Promise<void> {
  const { rows } = await client.query<{ tablename: string }>(
    'select tablename from pg_tables where schemaname = current_schema()',
  );
  if (rows.length > 0) {
    const names = rows.map((r) => `"${r.tablename}"`).join(', ');
    await client.query(`drop table if exists ${names} cascade`);
  }
}

const PG_CHUNK = 50_000;

async function insertPgChunk(client: Client, rows: readonly FixtureRow[]): Promise<void> {
  const orders = rows.map((r) => orderNumber(r.n));
  const deliveries = rows.map((r) => deliveryNumber(r.n));
  const statuses = rows.map((r) => r.status);
  await client.query('insert into op_ord (ord_no, reg_dtm) select unnest($1::text[]), now()', [
    orders,
  ]);
  await client.query(
    'insert into op_ord_deli_info (deli_no, ord_no, deli_type_cd, wthd_indc_dtm, mod_dtm)' +
      " select d, o, 'PARCEL', case when s = '34' then now() end, now()" +
      ' from unnest($1::text[], $2::text[], $3::text[]) as t(d, o, s)',
    [deliveries, orders, statuses],
  );
  await client.query(
    'insert into op_ord_dtl (ord_no, ord_seq, proc_seq, ord_dtl_gb_cd, ord_dtl_stat_cd,' +
      ' ord_dtl_stat_dtm, deli_no, goods_no, ord_qty, rtn_qty)' +
      " select o, 1, 1, '20', s, now(), d, 'G' || (right(o, 4)), $4, $4" +
      ' from unnest($1::text[], $2::text[], $3::text[]) as t(o, d, s)',
    [orders, deliveries, statuses, RETURN_QUANTITY],
  );
}

function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

function maintenanceUrl(url: string): string {
  const parsed = new URL(url);
  parsed.pathname = '/postgres';
  return parsed.toString();
}

/** Creates `url`'s database when it does not exist yet: a new machine has only `postgres`. */
async function ensureDatabase(url: string): Promise<void> {
  const name = databaseName(url);
  await withClient(maintenanceUrl(url), async (client) => {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(`create database "${name}"`);
    }
  });
}

/** Builds the PostgreSQL fixture in `url`'s database and clones it into each of `copies`. */
export async function preparePostgres(
  url: string,
  copies: readonly string[],
  size: FixtureSize,
): Promise<void> {
  await ensureDatabase(url);
  await withClient(url, dropTables);
  await migrated({ kind: 'postgresql', url });
  await withClient(url, async (client) => {
    let chunk: FixtureRow[] = [];
    for (const row of rowsOf(size)) {
      chunk.push(row);
      if (chunk.length === PG_CHUNK) {
        await insertPgChunk(client, chunk);
        chunk = [];
      }
    }
    await insertPgChunk(client, chunk);
    await client.query('vacuum analyze');
  });

  // A template copy is byte for byte the same data, and much faster than a second load.
  await withClient(maintenanceUrl(url), async (client) => {
    for (const copy of copies) {
      await client.query(`drop database if exists "${databaseName(copy)}"`);
      await client.query(`create database "${databaseName(copy)}" template "${databaseName(url)}"`);
    }
  });
}
