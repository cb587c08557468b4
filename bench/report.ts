import fs from 'node:fs';
import prettier from 'prettier';
import type { Measurement } from './measure';
import type { Operation } from './wire';

export type DatabaseKind = 'sqlite' | 'postgresql';

/** Both implementations on one case, and the ratio the targets are stated in. */
export interface CaseResult {
  readonly operation: Operation;
  readonly batchSize: number;
  readonly service: Measurement;
  readonly baseline: Measurement;
  /** Service requests/s over baseline requests/s. */
  readonly ratio: number;
}

export interface Machine {
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memoryGiB: number;
  readonly node: string;
  readonly database: string;
  /** 1-minute load averages before and after the run: others' work skews the numbers. */
  readonly loadAverage: { readonly before: number; readonly after: number };
}

export interface TargetCheck {
  readonly target: string;
  readonly met: boolean;
  readonly detail: string;
}

/** One `make bench` run on one database. */
export interface RunResult {
  readonly database: DatabaseKind;
  readonly date: string;
  readonly machine: Machine;
  readonly connections: number;
  /** NODE_OPTIONS of both servers: npm start's, unless BENCH_NODE_OPTIONS says otherwise. */
  readonly nodeOptions: string;
  readonly fixture: { readonly returnDetails: number };
  readonly cases: readonly CaseResult[];
  readonly targets: readonly TargetCheck[];
}

const NAMES: Readonly<Record<Operation, string>> = {
  instruct: '회수지시 (instruct)',
  statUpdate: '회수 진행상태 수정 34 → 35 (statUpdate)',
};

function find(cases: readonly CaseResult[], operation: Operation, batchSize: number) {
  return cases.find((c) => c.operation === operation && c.batchSize === batchSize);
}

function operationTargets(cases: readonly CaseResult[], operation: Operation): TargetCheck[] {
  const one = find(cases, operation, 1);
  const hundred = find(cases, operation, 100);
  const thousand = find(cases, operation, 1000);
  if (!one || !hundred || !thousand) {
    return [];
  }
  const s = (c: CaseResult) => c.service;
  return [
    {
      target: `${operation}: 100-item requests/s ≥ 1.0× baseline`,
      met: hundred.ratio >= 1,
      detail: `${hundred.ratio}× (${s(hundred).requestsPerSec} vs ${hundred.baseline.requestsPerSec})`,
    },
    {
      target: `${operation}: items/s at 1,000 ≥ items/s at 100`,
      met: s(thousand).itemsPerSec >= s(hundred).itemsPerSec,
      detail: `${s(thousand).itemsPerSec} vs ${s(hundred).itemsPerSec}`,
    },
    {
      target: `${operation}: SQL statements per request equal at 1 and 1,000 items`,
      met: s(one).statementsPerRequest === s(thousand).statementsPerRequest,
      detail: `${s(one).statementsPerRequest} and ${s(thousand).statementsPerRequest}`,
    },
    {
      target: `${operation}: peak RSS under 1,000-item load ≤ 200 MB`,
      met: s(thousand).peakRssMb <= 200,
      detail: `${s(thousand).peakRssMb} MB`,
    },
  ];
}

/** The targets, each with the numbers that decide it. */
export function checkTargets(cases: readonly CaseResult[]): TargetCheck[] {
  const operations = [...new Set(cases.map((c) => c.operation))];
  return operations.flatMap((operation) => operationTargets(cases, operation));
}

const latency = (m: Measurement) => `${m.p50Ms} / ${m.p99Ms}`;

function caseRow(c: CaseResult): string {
  const { service: s, baseline: b } = c;
  const cells = [
    NAMES[c.operation],
    String(c.batchSize),
    `${s.requestsPerSec}`,
    `${b.requestsPerSec}`,
    `**${c.ratio}×**`,
    `${s.itemsPerSec}`,
    `${b.itemsPerSec}`,
    latency(s),
    latency(b),
    `${s.statementsPerRequest} / ${b.statementsPerRequest}`,
    `${s.cpuMsPerRequest} / ${b.cpuMsPerRequest}`,
    `${s.peakRssMb} / ${b.peakRssMb}`,
  ];
  return `| ${cells.join(' | ')} |`;
}

/** The run as Markdown: machine, the table, the targets. */
export function markdown(run: RunResult): string {
  const m = run.machine;
  const header =
    '| operation | batch | service req/s | baseline req/s | ratio | service items/s |' +
    ' baseline items/s | service p50 / p99 ms | baseline p50 / p99 ms |' +
    ' SQL / request (service / baseline) | server CPU ms / request (service / baseline) |' +
    ' peak RSS MB (service / baseline) |';
  const rule = `|${' --- |'.repeat(12)}`;
  const targets = run.targets.map(
    (t) => `- ${t.met ? 'met' : '**missed**'}: ${t.target} — ${t.detail}`,
  );
  return [
    `Run ${run.date} on ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGiB} GiB memory, Node ${m.node},`,
    `${m.database}; ${run.fixture.returnDetails.toLocaleString('en')} return details loaded,`,
    `${run.connections} connections, NODE_OPTIONS \`${run.nodeOptions || '(none)'}\`;` +
      ` load average ${m.loadAverage.before} before, ${m.loadAverage.after} after.`,
    '',
    header,
    rule,
    ...run.cases.map(caseRow),
    '',
    ...targets,
  ].join('\n');
}

/** Keeps the other database's results: results.json holds the last run of each. */
export function writeResults(file: string, run: RunResult): void {
  const existing = fs.existsSync(file)
    ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>)
    : {};
  const merged = { ...existing, [run.database]: run };
  fs.writeFileSync(file, `${JSON.stringify(merged, null, 2)}\n`);
}

/**
 * Replaces the run's section of the README, between its two markers, formatted as `make lint`
 * expects (Prettier aligns Markdown tables).
 */
export async function writeReadme(file: string, run: RunResult): Promise<void> {
  const start = `<!-- results:${run.database}:start -->`;
  const end = `<!-- results:${run.database}:end -->`;
  const text = fs.readFileSync(file, 'utf8');
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) {
    throw new Error(`${file} has no ${start} … ${end} section`);
  }
  const section = `${start}\n\n${markdown(run)}\n\n${end}`;
  const updated = text.slice(0, from) + section + text.slice(to + end.length);
  const options = await prettier.resolveConfig(file);
  fs.writeFileSync(file, await prettier.format(updated, { ...options, filepath: file }));
}
