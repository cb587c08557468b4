import { ConfigError, loadConfig, parseDatabaseUrl } from '../../src/config/config';

const SECRET = { AUTH_JWT_SECRET: 'a-development-secret-of-32-chars!!' };

describe('configuration from the environment', () => {
  it('defaults to an SQLite file under var/', () => {
    expect(parseDatabaseUrl(undefined)).toEqual({ kind: 'sqlite', path: 'var/withdrawal.db' });
    expect(parseDatabaseUrl('sqlite:/tmp/a.db')).toEqual({ kind: 'sqlite', path: '/tmp/a.db' });
    expect(parseDatabaseUrl('postgresql://u@h:5432/db')).toEqual({
      kind: 'postgresql',
      url: 'postgresql://u@h:5432/db',
    });
  });

  it('refuses an unknown database URL and an empty sqlite path', () => {
    expect(() => parseDatabaseUrl('mysql://x')).toThrow(ConfigError);
    expect(() => parseDatabaseUrl('sqlite:')).toThrow('DATABASE_URL: sqlite: needs a file path');
  });

  it('reads numbers and refuses nonsense, naming the variable', () => {
    const config = loadConfig({ ...SECRET, PORT: '9000', MAX_BATCH_ITEMS: '50' });

    expect(config.port).toBe(9000);
    expect(config.maxBatchItems).toBe(50);
    expect(config.idempotencyTtlMs).toBe(24 * 3_600_000);
    expect(() => loadConfig({ ...SECRET, PORT: 'eighty' })).toThrow(
      'PORT: expected a positive integer',
    );
    expect(() => loadConfig({ ...SECRET, MAX_BATCH_ITEMS: '5001' })).toThrow(
      'MAX_BATCH_ITEMS: at most 5000',
    );
  });

  it('refuses to start without a token key unless authentication is disabled explicitly', () => {
    expect(() => loadConfig({})).toThrow(/AUTH_JWT_SECRET: no token key configured/);
    expect(loadConfig({ AUTH_DISABLED: 'true' }).auth.disabled).toBe(true);
    expect(() => loadConfig({ AUTH_JWT_SECRET: 'short' })).toThrow('at least 32 characters');
    expect(() => loadConfig({ ...SECRET, AUTH_JWKS_URL: 'https://x/jwks' })).toThrow('only one');
  });
});
