import { parseDatabaseUrl } from '../config/config';
import { createOrm, forkEntityManager, migrate } from '../db/orm';
import type { EntityManager } from '../db/orm';
import { createLogger } from '../logger';
import type { Logger } from '../logger';

/**
 * Runs a command against the (migrated) database of `DATABASE_URL`, then exits with its code.
 * Only the database is configured: the CLIs serve no requests and need no token key.
 */
export function runCli(command: (em: EntityManager, log: Logger) => Promise<number>): void {
  const log = createLogger(process.env.LOG_LEVEL ?? 'warn');

  const run = async (): Promise<number> => {
    const orm = await createOrm(parseDatabaseUrl(process.env.DATABASE_URL));
    try {
      await migrate(orm);
      return await command(forkEntityManager(orm), log);
    } finally {
      await orm.close();
    }
  };

  run()
    .then((code) => process.exit(code))
    .catch((err: unknown) => {
      log.error({ err }, 'command failed');
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    });
}
