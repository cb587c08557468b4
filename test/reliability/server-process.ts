import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { TEST_SECRET } from '../support/tokens';

/**
 * The built server (`node dist/src/server.js`) as a child process, for what only a real process
 * shows: two instances on one database, kill -9, SIGTERM.
 */

const ROOT = path.resolve(__dirname, '..', '..');
const SERVER = path.join(ROOT, 'dist', 'src', 'server.js');
const READY_TIMEOUT_MS = 20_000;
const OUTPUT_LIMIT = 64 * 1024;

/** How a child process ended. */
export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface ServerProcess {
  readonly port: number;
  readonly child: ChildProcess;
  readonly exited: Promise<Exit>;
  /** What the process wrote to stdout and stderr (the last 64 KiB), for failure messages. */
  output(): string;
}

const started = new Set<ServerProcess>();

function newestSource(dir: string): number {
  return fs.readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const full = path.join(dir, entry.name);
    const mtime = entry.isDirectory() ? newestSource(full) : fs.statSync(full).mtimeMs;
    return Math.max(newest, mtime);
  }, 0);
}

/**
 * `make test` builds before jest runs; run alone, a suite builds here when dist/ is missing or
 * older than src/ (npm run build is the same command).
 */
export function ensureBuilt(): void {
  const builtAt = () => (fs.existsSync(SERVER) ? fs.statSync(SERVER).mtimeMs : 0);
  const sourcesAt = newestSource(path.join(ROOT, 'src'));
  if (builtAt() >= sourcesAt) {
    return;
  }
  try {
    execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], {
      cwd: ROOT,
      stdio: 'pipe',
      timeout: 120_000,
    });
  } catch (err) {
    // tsc still emits on type errors (bench/ is built too); only a stale server is fatal.
    if (builtAt() < sourcesAt) {
      const output = String((err as { stdout?: unknown }).stdout ?? err);
      throw new Error(`npm run build failed:\n${output}`);
    }
  }
}

/** A port nobody listens on right now, from the kernel. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** An answer as the tests read it. */
export interface Answer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: { code?: string; payload?: { processedCount?: number } } & Record<string, unknown>;
}

const REQUEST_TIMEOUT_MS = 30_000;

function readAnswer(res: http.IncomingMessage): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('error', reject);
    res.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const body = (text ? JSON.parse(text) : {}) as Answer['body'];
      resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
    });
  });
}

export interface RequestOptions {
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  readonly timeoutMs?: number;
}

/** One request on a fresh connection to 127.0.0.1, given up after 30 s unless told otherwise. */
export function request(
  port: number,
  method: string,
  urlPath: string,
  options: RequestOptions = {},
): Promise<Answer> {
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  const json = payload === undefined ? {} : { 'Content-Type': 'application/json' };
  const timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method, path: urlPath, agent: false },
      (res) => void readAnswer(res).then(resolve, reject),
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`${urlPath} timed out`)));
    req.on('error', reject);
    Object.entries({ ...json, ...options.headers }).forEach(([name, value]) =>
      req.setHeader(name, value),
    );
    req.end(payload);
  });
}

/** POSTs JSON on a fresh connection. */
export function post(
  port: number,
  urlPath: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<Answer> {
  return request(port, 'POST', urlPath, { body, headers });
}

/** A POST whose server has accepted it (answered 100 Continue) but not yet read its body. */
export interface HeldRequest {
  /** Resolves once the server has taken the request in. */
  readonly accepted: Promise<void>;
  /** Sends the body; resolves with the answer. */
  send(): Promise<Answer>;
  /** Resolves when the connection closes. */
  readonly closed: Promise<void>;
}

/**
 * Opens a keep-alive connection and sends only the headers, with `Expect: 100-continue`: once
 * the server answers 100 the request is in flight on its side, however long the body waits.
 */
export function holdRequest(
  port: number,
  urlPath: string,
  body: unknown,
  headers: Record<string, string>,
): HeldRequest {
  const payload = JSON.stringify(body);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const req = http.request({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: urlPath,
    agent,
    headers: {
      ...headers,
      'Content-Type': 'application/json',
      'Content-Length': String(Buffer.byteLength(payload)),
      Expect: '100-continue',
    },
  });
  req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`${urlPath} timed out`)));
  const accepted = new Promise<void>((resolve, reject) => {
    req.once('continue', () => resolve());
    req.once('error', reject);
  });
  const answer = new Promise<Answer>((resolve, reject) => {
    req.once('response', (res) => void readAnswer(res).then(resolve, reject));
    req.once('error', reject);
  });
  const closed = new Promise<void>((resolve) => {
    req.once('socket', (socket) => socket.once('close', () => resolve()));
  });
  void closed.then(() => agent.destroy());
  // Whoever awaits these sees the failure; nobody else should hear of it as unhandled.
  void accepted.catch(() => undefined);
  void answer.catch(() => undefined);
  req.flushHeaders();
  return {
    accepted,
    closed,
    send: () => {
      req.end(payload);
      return answer;
    },
  };
}

/** What a new TCP connection to the port meets: `connected`, or the error code. */
export function tryConnect(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}

/** Waits; the timer does not keep the process alive. */
export const delay = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms).unref();
  });

async function waitUntilReady(server: ServerProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let exited = false;
  void server.exited.then(() => (exited = true));
  while (Date.now() < deadline && !exited) {
    const ready = await request(server.port, 'GET', '/api/order/ready').catch(() => undefined);
    if (ready?.status === 200) {
      return;
    }
    await delay(50);
  }
  server.child.kill('SIGKILL');
  throw new Error(`server on :${server.port} did not become ready:\n${server.output()}`);
}

/** Starts `node dist/src/server.js` on the database and waits until /ready answers 200. */
export async function startServer(
  databaseUrl: string,
  env: NodeJS.ProcessEnv = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [SERVER], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      AUTH_JWT_SECRET: TEST_SECRET,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_LIMIT);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });

  const server: ServerProcess = { port, child, exited, output: () => output };
  started.add(server);
  void exited.then(() => started.delete(server));
  await waitUntilReady(server);
  return server;
}

/** SIGKILLs every server still running and waits for each to go; for afterAll. */
export async function killAll(): Promise<void> {
  const running = [...started];
  running.forEach((s) => s.child.kill('SIGKILL'));
  await Promise.all(running.map((s) => s.exited));
}

/** SIGKILLs one server and waits until it is gone. */
export async function killHard(server: ServerProcess): Promise<Exit> {
  server.child.kill('SIGKILL');
  return server.exited;
}
