import type { Server, ServerResponse } from 'node:http';
import { loadConfig } from './config/config';
import { createLogger } from './logger';
import type { Logger } from './logger';
import { createService } from './service';
import type { Service } from './service';

function listen(service: Service, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = service.app.listen(port, (err?: Error) => (err ? reject(err) : resolve(server)));
  });
}

/**
 * Tracks the responses not yet written; `closeAll` marks them `Connection: close`, so that a
 * keep-alive connection ends with its in-flight request instead of idling until its timeout.
 */
function trackResponses(server: Server): { closeAll(): void } {
  const open = new Set<ServerResponse>();
  let closing = false;
  const markClose = (res: ServerResponse) => {
    if (!res.headersSent) {
      res.setHeader('Connection', 'close');
    }
  };
  server.on('request', (_req, res: ServerResponse) => {
    open.add(res);
    res.once('close', () => open.delete(res));
    if (closing) {
      markClose(res);
    }
  });
  return {
    closeAll: () => {
      closing = true;
      open.forEach(markClose);
    },
  };
}

/**
 * SIGTERM: stop accepting, let in-flight requests finish, close idle keep-alive connections,
 * then the database; connections still busy after the grace period are cut.
 */
function shutdownOnSignal(server: Server, service: Service, log: Logger, graceMs: number): void {
  const responses = trackResponses(server);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      return;
    }
    stopping = true;
    responses.closeAll();
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    force.unref();
    server.close(() => {
      service
        .close()
        .then(() => {
          log.info('stopped');
          process.exit(0);
        })
        .catch((err: unknown) => {
          log.error({ err }, 'database close failed');
          process.exit(1);
        });
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const service = await createService({ config, log });
  const server = await listen(service, config.port);
  shutdownOnSignal(server, service, log, config.shutdownGraceMs);
  log.info({ port: config.port, database: config.database.kind }, 'listening');
}

main().catch((err: unknown) => {
  const log = createLogger('info');
  log.fatal({ err }, 'start-up failed');
  process.exit(1);
});
