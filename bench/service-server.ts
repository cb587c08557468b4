import { loadConfig } from '../src/config/config';
import { createLogger } from '../src/logger';
import { createService } from '../src/service';
import { StatementCounter, serveRunner } from './protocol';

/**
 * The service as `npm start` wires it (configuration from the environment, pino at LOG_LEVEL),
 * counting its SQL statements and listening on a free loopback port for the runner.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const counter = new StatementCounter();
  const service = await createService({ config, log, onQuery: counter.add });
  serveRunner((port, host, ready) => service.app.listen(port, host, ready), counter);
}

main().catch((err: unknown) => {
  console.error('service failed to start', err);
  process.exit(1);
});
