import path from 'node:path';

/** Where the service keeps its data: an embedded SQLite file or a PostgreSQL server. */
export type DatabaseConfig =
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'postgresql'; readonly url: string };

/** Everything the service reads from its environment, parsed once at start-up. */
export interface AppConfig {
  readonly port: number;
  readonly logLevel: string;
  readonly database: DatabaseConfig;
  /** Largest list a request may carry; the spec's `maxItems` is set to it at start-up. */
  readonly maxBatchItems: number;
  readonly bodyLimitBytes: number;
  readonly auth: AuthConfig;
  /** How long an Idempotency-Key's stored answer is kept. */
  readonly idempotencyTtlMs: number;
  /** How long SIGTERM waits for in-flight requests before closing connections anyway. */
  readonly shutdownGraceMs: number;
}

/** How bearer tokens are verified (README: Security). */
export interface AuthConfig {
  /** Only with AUTH_DISABLED=true: every caller is `system`. */
  readonly disabled: boolean;
  readonly hmacSecret?: string;
  readonly jwksFile?: string;
  readonly jwksUrl?: string;
  readonly issuer?: string;
  readonly audience?: string;
  readonly clockToleranceSec: number;
}

export const DEFAULT_SQLITE_PATH = path.join('var', 'withdrawal.db');

/** Reads `DATABASE_URL`: unset means `var/withdrawal.db`, `sqlite:PATH` a file, else PostgreSQL. */
export function parseDatabaseUrl(url: string | undefined): DatabaseConfig {
  const value = url?.trim();
  if (!value) {
    return { kind: 'sqlite', path: DEFAULT_SQLITE_PATH };
  }
  if (value.startsWith('sqlite:')) {
    const file = value.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!file) {
      throw new ConfigError('DATABASE_URL', 'sqlite: needs a file path, e.g. sqlite:var/app.db');
    }
    return { kind: 'sqlite', path: file };
  }
  if (/^postgres(ql)?:\/\//.test(value)) {
    return { kind: 'postgresql', url: value };
  }
  throw new ConfigError('DATABASE_URL', 'expected sqlite:PATH or postgresql://…');
}

/** A setting that cannot be used; start-up stops with its name. */
export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    reason: string,
  ) {
    super(`${setting}: ${reason}`);
    this.name = 'ConfigError';
  }
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') {
    return fallback;
  }
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw new ConfigError(name, `expected a positive integer, got ${JSON.stringify(raw)}`);
  }
  return value;
}

/** Above this a batch's parameters would pass PostgreSQL's 65,535 bind limit in one statement. */
export const MAX_BATCH_LIMIT = 5000;

function batchLimit(env: NodeJS.ProcessEnv): number {
  const limit = positiveInteger(env, 'MAX_BATCH_ITEMS', 1000);
  if (limit > MAX_BATCH_LIMIT) {
    throw new ConfigError('MAX_BATCH_ITEMS', `at most ${MAX_BATCH_LIMIT}, got ${limit}`);
  }
  return limit;
}

/** Builds the configuration from environment variables, failing on any unusable value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return {
    port: positiveInteger(env, 'PORT', 8080),
    logLevel: env.LOG_LEVEL ?? 'info',
    database: parseDatabaseUrl(env.DATABASE_URL),
    maxBatchItems: batchLimit(env),
    bodyLimitBytes: positiveInteger(env, 'BODY_LIMIT_BYTES', 1024 * 1024),
    shutdownGraceMs: positiveInteger(env, 'SHUTDOWN_GRACE_MS', 10_000),
    auth: loadAuthConfig(env),
    idempotencyTtlMs: positiveInteger(env, 'IDEMPOTENCY_TTL_HOURS', 24) * 3_600_000,
  };
}

const nonEmpty = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);

function loadAuthConfig(env: NodeJS.ProcessEnv): AuthConfig {
  const auth = {
    disabled: env.AUTH_DISABLED === 'true',
    hmacSecret: nonEmpty(env.AUTH_JWT_SECRET),
    jwksFile: nonEmpty(env.AUTH_JWKS_FILE),
    jwksUrl: nonEmpty(env.AUTH_JWKS_URL),
    issuer: nonEmpty(env.AUTH_ISSUER),
    audience: nonEmpty(env.AUTH_AUDIENCE),
    clockToleranceSec: positiveInteger(env, 'AUTH_CLOCK_TOLERANCE_SEC', 30),
  };
  const keys = [auth.hmacSecret, auth.jwksFile, auth.jwksUrl].filter(Boolean).length;
  if (keys > 1) {
    throw new ConfigError(
      'AUTH_*',
      'set only one of AUTH_JWT_SECRET, AUTH_JWKS_FILE, AUTH_JWKS_URL',
    );
  }
  if (keys === 0 && !auth.disabled) {
    throw new ConfigError(
      'AUTH_JWT_SECRET',
      'no token key configured: set AUTH_JWT_SECRET, AUTH_JWKS_FILE or AUTH_JWKS_URL,' +
        ' or AUTH_DISABLED=true to run without authentication',
    );
  }
  if (auth.hmacSecret && auth.hmacSecret.length < 32) {
    throw new ConfigError('AUTH_JWT_SECRET', 'must be at least 32 characters for HS256');
  }
  return auth;
}
