import { execFile, execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');

function newestMtime(dir: string): number {
  return fs.readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const full = path.join(dir, entry.name);
    const mtime = entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs;
    return Math.max(newest, mtime);
  }, 0);
}

/**
 * `make test` and `make test-contract` build before jest runs; run alone, the suite builds
 * (`npm run build`'s command) when dist/ is missing or older than src/, so it never tests
 * yesterday's server.
 */
export function ensureBuilt(entry: string): void {
  const built = fs.existsSync(entry) ? fs.statSync(entry).mtimeMs : 0;
  if (built >= newestMtime(path.join(ROOT, 'src'))) {
    return;
  }
  execFileSync(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
    {
      cwd: ROOT,
      stdio: 'pipe',
    },
  );
}

/** A child process whose output is kept, for readiness checks and failure messages. */
export interface Child {
  readonly process: ChildProcess;
  /** Everything it wrote so far, stdout and stderr interleaved. */
  output(): string;
  exited(): boolean;
  stop(): Promise<void>;
}

/** Starts `node script …args` with the given environment. */
export function startNode(script: string, args: readonly string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [script, ...args], { env, stdio: 'pipe' });
  let output = '';
  let exited = false;
  const collect = (chunk: Buffer) => {
    output += chunk.toString('utf8');
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exit = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true;
      resolve();
    });
  });

  return {
    process: child,
    output: () => output,
    exited: () => exited,
    stop: async () => {
      if (!exited) {
        child.kill('SIGTERM');
      }
      await exit;
    },
  } satisfies Child;
}

/** Runs `node script …args` to completion; rejects with its output when it fails. */
export function runNode(script: string, args: readonly string[], env: NodeJS.ProcessEnv) {
  return new Promise<string>((resolve, reject) => {
    execFile(process.execPath, [script, ...args], { env }, (err, stdout, stderr) => {
      if (err) {
        reject(new Error(`${script} failed: ${err.message}\n${stdout}${stderr}`));
        return;
      }
      resolve(stdout);
    });
  });
}

const POLL_MS = 100;

/**
 * Polls until `ready` holds. Not a timing assertion: the bound only keeps a broken start-up
 * from hanging the suite, and the failure shows the child's output.
 */
export async function waitUntil(
  what: string,
  child: Child,
  ready: () => Promise<boolean> | boolean,
  boundMs = 60_000,
): Promise<void> {
  for (let waited = 0; waited < boundMs; waited += POLL_MS) {
    if (child.exited()) {
      throw new Error(`${what}: the process exited\n${child.output()}`);
    }
    if (await ready()) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(`${what}: not ready after ${boundMs} ms\n${child.output()}`);
}

/** True when the URL answers 200. */
export async function answersOk(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).status === 200;
  } catch {
    return false;
  }
}
