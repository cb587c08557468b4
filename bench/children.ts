import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import type { ChildMessage, RunnerMessage } from './protocol';

/** What a server child counted since the last mark, and its peak resident memory so far. */
export interface ChildStats {
  readonly requests: number;
  readonly statements: number;
  readonly cpuMs: number;
  readonly maxRssKb: number;
}

/** A server (the service or the baseline) running in its own process. */
export interface ServerChild {
  readonly port: number;
  /** Reports the counters; `mark` also starts them over. */
  ask(message: RunnerMessage): Promise<ChildStats>;
  stop(): Promise<void>;
}

function nextMessage(child: ChildProcess): Promise<ChildMessage> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`server exited with ${code}`));
    child.once('exit', onExit);
    child.once('message', (message: ChildMessage) => {
      child.off('exit', onExit);
      resolve(message);
    });
  });
}

/** Starts `script` with `env`; resolves once it listens. */
export async function startChild(script: string, env: NodeJS.ProcessEnv): Promise<ServerChild> {
  const child = fork(script, [], {
    env,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const ready = await nextMessage(child);
  if (ready.type !== 'ready') {
    throw new Error(`unexpected first message from ${script}`);
  }

  return {
    port: ready.port,
    ask: async (question) => {
      const answer = nextMessage(child);
      child.send(question);
      const message = await answer;
      if (message.type !== 'stats') {
        throw new Error('expected stats');
      }
      return message;
    },
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.disconnect();
      }),
  };
}
