import fs from 'node:fs';
import type { Server, ServerResponse } from 'node:http';
import { Session } from 'node:inspector';

/**
 * What the runner asks a server child: report what it counted, and with `mark` start over (and
 * start a CPU profile that the next `stats` writes to `profile`).
 */
export type RunnerMessage =
  | { readonly type: 'mark'; readonly profile?: string }
  | { readonly type: 'stats' };

/** What a server child reports: where it listens, then its counters. */
export type ChildMessage =
  | { readonly type: 'ready'; readonly port: number }
  | {
      readonly type: 'stats';
      readonly requests: number;
      readonly statements: number;
      /** User + system CPU time since the mark: unlike latency, barely moved by other load. */
      readonly cpuMs: number;
      readonly maxRssKb: number;
    };

/** Requests a server answered since the runner's last `mark`, and those it is still serving. */
class RequestCounter {
  answered = 0;
  private open = 0;
  private waiting: (() => void)[] = [];

  constructor(server: Server) {
    server.on('request', (_req, res: ServerResponse) => {
      this.open += 1;
      this.onEnd(res);
    });
  }

  /**
   * Counts a request when the server ends its answer, not when the connection closes: a client
   * that gave up closes the socket while the handler still runs its SQL.
   */
  private onEnd(res: ServerResponse): void {
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    res.end = ((...args: unknown[]) => {
      this.ended();
      return end(...args);
    }) as ServerResponse['end'];
  }

  private ended(): void {
    this.open -= 1;
    this.answered += 1;
    if (this.open === 0) {
      this.waiting.forEach((resume) => resume());
      this.waiting = [];
    }
  }

  /** Resolves when no request is in flight: a cut-off load leaves some on the server. */
  idle(): Promise<void> {
    return this.open === 0 ? Promise.resolve() : new Promise((r) => this.waiting.push(r));
  }
}

/** SQL statements a server sent since the runner's last `mark`. */
export class StatementCounter {
  private count = 0;

  readonly add = (): void => {
    this.count += 1;
  };

  reset(): void {
    this.count = 0;
  }

  get value(): number {
    return this.count;
  }
}

function send(message: ChildMessage): void {
  process.send?.(message);
}

function post(session: Session, method: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    session.post(method, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

/** A CPU profile of the measured requests only, not of start-up and warm-up. */
class Profiler {
  private session?: Session;

  constructor(private readonly file: string) {}

  async start(): Promise<void> {
    this.session = new Session();
    this.session.connect();
    await post(this.session, 'Profiler.enable');
    await post(this.session, 'Profiler.start');
  }

  async write(): Promise<void> {
    if (!this.session) {
      return;
    }
    const { profile } = (await post(this.session, 'Profiler.stop')) as { profile: unknown };
    this.session.disconnect();
    fs.writeFileSync(this.file, JSON.stringify(profile));
  }
}

/** In a server child: listen on a free loopback port, tell the runner, answer its questions. */
export function serveRunner(
  listen: (port: number, host: string, ready: () => void) => Server,
  counter: StatementCounter,
): void {
  const server = listen(0, '127.0.0.1', () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    send({ type: 'ready', port });
  });

  const requests = new RequestCounter(server);
  let profiler: Profiler | undefined;
  let cpu = process.cpuUsage();
  const answer = async (message: RunnerMessage) => {
    await requests.idle();
    const used = process.cpuUsage(cpu);
    const stats = {
      requests: requests.answered,
      statements: counter.value,
      cpuMs: (used.user + used.system) / 1000,
      maxRssKb: process.resourceUsage().maxRSS,
    };
    if (message.type === 'mark') {
      requests.answered = 0;
      counter.reset();
      cpu = process.cpuUsage();
      profiler = message.profile ? new Profiler(message.profile) : undefined;
      await profiler?.start();
    } else {
      await profiler?.write();
    }
    // Answered after the profiler started, so the runner knows the mark landed before traffic.
    send({ type: 'stats', ...stats });
  };
  process.on('message', (message: RunnerMessage) => {
    answer(message).catch((err: unknown) => {
      console.error('runner message failed', err);
      process.exit(1);
    });
  });
  process.on('disconnect', () => process.exit(0));
}
