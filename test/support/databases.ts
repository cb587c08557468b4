import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DatabaseConfig } from '../../src/config/config';

/** A database the HTTP and persistence suites run against. */
export interface DatabaseTarget {
  readonly name: 'sqlite' | 'postgresql';
  /** A fresh database configuration: a new SQLite file, or the shared PostgreSQL test database. */
  create(): DatabaseConfig;
}

const sqlite: DatabaseTarget = {
  name: 'sqlite',
  create: () => ({
    kind: 'sqlite',
    path: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'withdrawal-')), 'test.db'),
  }),
};

/**
 * SQLite always; PostgreSQL when TEST_DATABASE_URL is set. In CI a missing URL fails the suite
 * rather than quietly skipping half of it.
 */
export function databaseTargets(): DatabaseTarget[] {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    if (process.env.CI === 'true') {
      throw new Error('CI=true but TEST_DATABASE_URL is not set: the PostgreSQL suites cannot run');
    }
    return [sqlite];
  }
  return [sqlite, { name: 'postgresql', create: () => ({ kind: 'postgresql', url }) }];
}
