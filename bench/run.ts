import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { SignJWT } from 'jose';
import { Client } from 'pg';
import { preparePostgres, prepareSqlite } from './fixture';
import type { FixtureSize } from './fixture';
import { OrderCursor } from './load';
import { measureCase } from './measure';
import type { Implementation } from './measure';
import { CONNECTIONS, casePlans, fixtureSize } from './plan';
import type { CasePlan } from './plan';
import { checkTargets, markdown, writeReadme, writeResults } from './report';
import type { CaseResult, DatabaseKind, Machine, RunResult } from './report';

/**
 * `make bench`: loads the fixture, then for each operation and batch size drives the service
 * and the baseline with autocannon, a fresh process each, and reports both and their ratio.
 * `--pg` runs on PostgreSQL; `--profile` writes CPU profiles of the measured requests.
 */

const ROOT = path.resolve(__dirname, '..', '..');
const BENCH_DIR = path.join(ROOT, 'bench');
/** Under var/, which git and the linters ignore. */
const PROFILE_DIR = path.join(ROOT, 'var', 'bench-profiles');
const DEFAULT_PG_URL = 'postgresql://postgres@127.0.0.1:5432/bench_helper';

interface Options {
  readonly database: DatabaseKind;
  /** CPU-profile the measured requests: numbers are then not written to results. */
  readonly profile: boolean;
  /** `--only=instruct:100,statUpdate:1000` runs those cases alone, and writes no results. */
  readonly only?: readonly string[];
}

/** Where each implementation keeps its copy of the fixture. */
interface Databases {
  readonly service: string;
  readonly baseline: string;
}

function parseOptions(argv: readonly string[]): Options {
  const only = argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  return {
    database: argv.includes('--pg') ? 'postgresql' : 'sqlite',
    profile: argv.includes('--profile'),
    only: only ? only.split(',') : undefined,
  };
}

function databasesFor(kind: DatabaseKind): Databases {
  if (kind === 'sqlite') {
    return {
      service: `sqlite:${path.join(BENCH_DIR, 'service.db')}`,
      baseline: `sqlite:${path.join(BENCH_DIR, 'baseline.db')}`,
    };
  }
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? DEFAULT_PG_URL;
  const baseline = new URL(url);
  baseline.pathname = `${baseline.pathname}_baseline`;
  return { service: url, baseline: baseline.toString() };
}

const sqliteFile = (url: string) => url.slice('sqlite:'.length);

async function prepareFixture(kind: DatabaseKind, dbs: Databases, size: FixtureSize) {
  const started = performance.now();
  if (kind === 'sqlite') {
    await prepareSqlite(sqliteFile(dbs.service), [sqliteFile(dbs.baseline)], size);
  } else {
    await preparePostgres(dbs.service, [dbs.baseline], size);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const details = size.returnAccepted + size.pickupInstructed;
  console.log(`fixture: ${details} return details per database, loaded in ${seconds} s`);
}

async function databaseVersion(kind: DatabaseKind, dbs: Databases): Promise<string> {
  if (kind === 'sqlite') {
    const db = new Database(sqliteFile(dbs.service));
    const row = db.prepare('select sqlite_version() as v').get() as { v: string };
    db.close();
    return `SQLite ${row.v} (better-sqlite3, WAL, synchronous = FULL)`;
  }
  const client = new Client({ connectionString: dbs.service });
  await client.connect();
  const { rows } = await client.query<{ v: string }>(
    "select current_setting('server_version') as v",
  );
  await client.end();
  return `PostgreSQL ${rows[0]?.v ?? '?'}`;
}

const oneMinuteLoad = () => Number((os.loadavg()[0] ?? 0).toFixed(2));

async function machine(kind: DatabaseKind, dbs: Databases, before: number): Promise<Machine> {
  return {
    loadAverage: { before, after: oneMinuteLoad() },
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
    node: process.version,
    database: await databaseVersion(kind, dbs),
  };
}

/** The node options `npm start` runs the service with (package.json's config.nodeOptions). */
function startNodeOptions(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    config?: { nodeOptions?: string };
  };
  return pkg.config?.nodeOptions ?? '';
}

/** Both sides run as `npm start` runs the service; BENCH_NODE_OPTIONS tries other options. */
const benchNodeOptions = () => process.env.BENCH_NODE_OPTIONS ?? startNodeOptions();

function implementations(dbs: Databases, secret: string, profile: boolean): Implementation[] {
  const env = {
    PATH: process.env.PATH,
    AUTH_JWT_SECRET: secret,
    LOG_LEVEL: 'info',
    NODE_OPTIONS: benchNodeOptions(),
  };
  return [
    {
      name: 'service',
      script: path.join(__dirname, 'service-server.js'),
      env: { ...env, DATABASE_URL: dbs.service, NODE_ENV: 'production' },
      profileDir: profile ? PROFILE_DIR : undefined,
    },
    {
      name: 'baseline',
      script: path.join(__dirname, 'baseline-server.js'),
      env: { ...env, DATABASE_URL: dbs.baseline, NODE_ENV: 'production' },
      profileDir: profile ? PROFILE_DIR : undefined,
    },
  ];
}

function token(secret: string): Promise<string> {
  return new SignJWT({ scope: 'withdrawal:write' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('bench')
    .setIssuedAt()
    .setExpirationTime('2h')
    .sign(new TextEncoder().encode(secret));
}

/** Each implementation walks its own copy of the data with the same slices. */
function cursors(size: FixtureSize) {
  const pools = () => ({
    instruct: new OrderCursor(1, size.returnAccepted),
    statUpdate: new OrderCursor(
      size.returnAccepted + 1,
      size.returnAccepted + size.pickupInstructed,
    ),
  });
  return { service: pools(), baseline: pools() };
}

async function runCase(
  plan: CasePlan,
  impls: readonly Implementation[],
  walk: ReturnType<typeof cursors>,
  bearer: string,
): Promise<CaseResult> {
  const contenders = impls.map((implementation) => ({
    implementation,
    cursor: walk[implementation.name][plan.operation],
  }));
  const [s, b] = await measureCase(plan, contenders, bearer);
  const ratio = Number((s!.requestsPerSec / b!.requestsPerSec).toFixed(2));
  console.log(
    `${plan.operation} ×${plan.batchSize}: service ${s!.requestsPerSec} req/s` +
      ` (${s!.requests} requests), baseline ${b!.requestsPerSec} req/s (${b!.requests});` +
      ` ratio ${ratio}; failed ${s!.failed} / ${b!.failed}`,
  );
  return { operation: plan.operation, batchSize: plan.batchSize, service: s!, baseline: b!, ratio };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const dbs = databasesFor(options.database);
  const all = casePlans();
  const plans = all.filter((p) => options.only?.includes(`${p.operation}:${p.batchSize}`) ?? true);
  const size = fixtureSize(plans);
  const loadBefore = oneMinuteLoad();
  await prepareFixture(options.database, dbs, size);

  const secret = randomBytes(32).toString('hex');
  const bearer = await token(secret);
  const impls = implementations(dbs, secret, options.profile);
  if (options.profile) {
    fs.mkdirSync(PROFILE_DIR, { recursive: true });
  }
  const walk = cursors(size);
  const cases: CaseResult[] = [];
  for (const plan of plans) {
    cases.push(await runCase(plan, impls, walk, bearer));
  }

  const run: RunResult = {
    database: options.database,
    date: new Date().toISOString(),
    machine: await machine(options.database, dbs, loadBefore),
    connections: CONNECTIONS,
    nodeOptions: benchNodeOptions(),
    fixture: { returnDetails: size.returnAccepted + size.pickupInstructed },
    cases,
    targets: checkTargets(cases),
  };
  console.log(`\n${markdown(run)}\n`);
  if (cases.some((c) => c.service.failed + c.baseline.failed > 0)) {
    throw new Error('some requests failed: the numbers are not comparable');
  }
  if (options.profile || plans.length < all.length) {
    console.log('a partial or profiled run: results not written');
    return;
  }
  writeResults(path.join(BENCH_DIR, 'results.json'), run);
  await writeReadme(path.join(BENCH_DIR, 'README.md'), run);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
