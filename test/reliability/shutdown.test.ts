import http from 'node:http';
import { databaseTargets } from '../support/databases';
import { returnOrders } from '../support/fixtures';
import { INSTRUCT_PATH, startHarness } from '../support/harness';
import type { Harness } from '../support/harness';
import { bearer, databaseUrl, instructBatch, instructProgress } from './batches';
import {
  delay,
  ensureBuilt,
  holdRequest,
  killAll,
  startServer,
  tryConnect,
} from './server-process';

const WAIT_MS = 10_000;

/** Polls until a new connection is refused; returns what the last attempt met. */
async function untilRefused(port: number): Promise<string> {
  let met = '';
  for (let attempt = 0; attempt < 200 && met !== 'ECONNREFUSED'; attempt += 1) {
    met = await tryConnect(port);
    if (met !== 'ECONNREFUSED') {
      await delay(25);
    }
  }
  return met;
}

/** Resolves with `closed`, or with `still open` after WAIT_MS. */
function outcome(closed: Promise<void>): Promise<string> {
  return Promise.race([closed.then(() => 'closed'), delay(WAIT_MS).then(() => 'still open')]);
}

/** An idle keep-alive connection that has served one request; resolves with its closing. */
async function idleConnection(port: number): Promise<{ closed: Promise<void> }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/api/order/health', agent });
    const closed = new Promise<void>((done) => {
      req.once('socket', (socket) => socket.once('close', () => done()));
    });
    void closed.then(() => agent.destroy());
    req.once('response', (res) => {
      res.resume();
      res.once('end', () => resolve({ closed }));
    });
    req.once('error', reject);
  });
}

describe.each(databaseTargets())('SIGTERM on $name', (target) => {
  let h: Harness;

  beforeAll(async () => {
    ensureBuilt();
    h = await startHarness(target);
  });
  afterAll(async () => {
    await killAll();
    await h.close();
  });

  it('finishes the in-flight batch, refuses new connections, closes all, exits 0', async () => {
    await h.load(returnOrders(1000));
    const server = await startServer(databaseUrl(h.config.database));
    const idle = await idleConnection(server.port);
    const inFlight = holdRequest(
      server.port,
      INSTRUCT_PATH,
      instructBatch(1, 1000),
      await bearer(),
    );
    await inFlight.accepted;

    server.child.kill('SIGTERM');
    const newConnection = await untilRefused(server.port);
    const answer = await inFlight.send();

    expect(newConnection).toBe('ECONNREFUSED');
    expect(answer.status).toBe(200);
    expect(answer.body.payload?.processedCount).toBe(1000);
    expect(answer.headers.connection).toBe('close');
    expect(await outcome(inFlight.closed)).toBe('closed');
    expect(await outcome(idle.closed)).toBe('closed');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(await instructProgress(h.em())).toEqual({
      instructed: 1000,
      history: 1000,
      stamped: 1000,
    });
  });
});
