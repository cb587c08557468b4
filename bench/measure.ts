import path from 'node:path';
import { startChild } from './children';
import type { ChildStats, ServerChild } from './children';
import { drive } from './load';
import type { LoadOptions, LoadResult, OrderCursor } from './load';
import type { CasePlan } from './plan';
import { CONNECTIONS, MAX_SECONDS, ROUNDS, ROUND_SECONDS } from './plan';

export type ImplementationName = 'service' | 'baseline';

/** A server to measure: the script the runner forks and its environment. */
export interface Implementation {
  readonly name: ImplementationName;
  readonly script: string;
  readonly env: NodeJS.ProcessEnv;
  /** Where to write a CPU profile of each case's measured requests, if anywhere. */
  readonly profileDir?: string;
}

/** One implementation's numbers for one case. */
export interface Measurement {
  readonly implementation: ImplementationName;
  readonly requests: number;
  readonly failed: number;
  readonly seconds: number;
  readonly requestsPerSec: number;
  readonly itemsPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly statementsPerRequest: number;
  /** The server's CPU time per request (user + system). */
  readonly cpuMsPerRequest: number;
  readonly peakRssMb: number;
}

/** A server under test with its own walk through the fixture. */
interface Contender {
  readonly implementation: Implementation;
  readonly cursor: OrderCursor;
  readonly child: ServerChild;
  perRound: number;
  warmupFailed: number;
  readonly rounds: LoadResult[];
}

const round = (value: number, digits = 1) => Number(value.toFixed(digits));

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function profileFile(implementation: Implementation, plan: CasePlan): string | undefined {
  const { profileDir, name } = implementation;
  const file = `${name}-${plan.operation}-${plan.batchSize}.cpuprofile`;
  return profileDir && path.join(profileDir, file);
}

function loadOf(c: Contender, plan: CasePlan, token: string): Omit<LoadOptions, 'requests'> {
  return {
    port: c.child.port,
    operation: plan.operation,
    batchSize: plan.batchSize,
    connections: CONNECTIONS,
    token,
    cursor: c.cursor,
    maxSeconds: MAX_SECONDS,
  };
}

/** Sizes the next round from the last run's rate, to last about ROUND_SECONDS. */
function sizeNextRound(c: Contender, plan: CasePlan, last: LoadResult): void {
  const rate = last.ok / Math.max(last.seconds, 0.001);
  c.perRound = Math.min(plan.maxPerRound, Math.max(CONNECTIONS, Math.round(rate * ROUND_SECONDS)));
}

async function warmUp(c: Contender, plan: CasePlan, token: string): Promise<void> {
  const warm = await drive({ ...loadOf(c, plan, token), requests: plan.warmup });
  c.warmupFailed = warm.failed;
  sizeNextRound(c, plan, warm);
}

function summarise(c: Contender, plan: CasePlan, stats: ChildStats): Measurement {
  const ok = c.rounds.reduce((n, r) => n + r.ok, 0);
  const seconds = c.rounds.reduce((n, r) => n + r.seconds, 0);
  const latencies = c.rounds.flatMap((r) => r.latenciesMs).sort((a, b) => a - b);
  return {
    implementation: c.implementation.name,
    requests: ok,
    failed: c.warmupFailed + c.rounds.reduce((n, r) => n + r.failed, 0),
    seconds: round(seconds, 2),
    requestsPerSec: round(ok / seconds),
    itemsPerSec: Math.round((ok * plan.batchSize) / seconds),
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
    statementsPerRequest: round(stats.statements / Math.max(1, stats.requests), 2),
    cpuMsPerRequest: round(stats.cpuMs / Math.max(1, stats.requests), 2),
    peakRssMb: round(stats.maxRssKb / 1024),
  };
}

/**
 * Runs one case against fresh server processes, one per implementation: warm-up, then ROUNDS
 * measured rounds taken in turns. The peak RSS is each process's own high-water mark, so it
 * covers this case and nothing before it.
 */
export async function measureCase(
  plan: CasePlan,
  contenders: readonly { implementation: Implementation; cursor: OrderCursor }[],
  token: string,
): Promise<Measurement[]> {
  const started: Contender[] = [];
  try {
    for (const { implementation, cursor } of contenders) {
      const child = await startChild(implementation.script, implementation.env);
      started.push({ implementation, cursor, child, perRound: 0, warmupFailed: 0, rounds: [] });
    }
    for (const c of started) {
      await warmUp(c, plan, token);
      await c.child.ask({ type: 'mark', profile: profileFile(c.implementation, plan) });
    }
    for (let i = 0; i < ROUNDS; i += 1) {
      for (const c of started) {
        const result = await drive({ ...loadOf(c, plan, token), requests: c.perRound });
        c.rounds.push(result);
        sizeNextRound(c, plan, result);
      }
    }
    const measured: Measurement[] = [];
    for (const c of started) {
      measured.push(summarise(c, plan, await c.child.ask({ type: 'stats' })));
    }
    return measured;
  } finally {
    await Promise.all(started.map((c) => c.child.stop()));
  }
}
