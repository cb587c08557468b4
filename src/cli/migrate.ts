import { runCli } from './run-cli';

/** `npm run migrate`: applies pending migrations to DATABASE_URL (runCli migrates first). */
runCli(() => {
  process.stdout.write('database is up to date\n');
  return Promise.resolve(0);
});
