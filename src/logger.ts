import pino from 'pino';
import type { Logger } from 'pino';

export type { Logger };

/** The service's one logger: JSON lines on stdout, secrets redacted. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'x2bee-withdrawal' },
    redact: ['req.headers.authorization', 'req.headers.cookie'],
  });
}
