import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/config';
import { forkEntityManager } from '../db/orm';
import type { Orm } from '../db/orm';
import { ApiError } from '../errors/api-error';
import { guardBody } from './body-guard';
import { createDocsRouter } from './docs';
import { errorEnvelope } from './envelope';
import type { ApiRouter } from './openapi';
import { requestIdOf } from './request-id';

export interface AppDeps {
  readonly config: AppConfig;
  readonly orm: Orm;
  readonly router: ApiRouter;
  readonly log: Logger;
}

// body-parser's error types (https://github.com/expressjs/body-parser#errors).
const BODY_ERRORS: Readonly<Record<string, (limit: number) => ApiError>> = {
  'entity.parse.failed': () =>
    ApiError.forField('MALFORMED_JSON', 'requestBody', 'the body is not valid JSON'),
  'entity.too.large': (limit) =>
    ApiError.forField('PAYLOAD_TOO_LARGE', 'requestBody', `the body is over ${limit} bytes`),
  'encoding.unsupported': () =>
    ApiError.forField('UNSUPPORTED_MEDIA_TYPE', 'requestBody', 'the body encoding is unsupported'),
  'charset.unsupported': () =>
    ApiError.forField('UNSUPPORTED_MEDIA_TYPE', 'requestBody', 'the body must be UTF-8 JSON'),
};

/**
 * A body that does not inflate fails express.json with zlib's or brotli's own error, a 400 with
 * no body-parser type: the client's unreadable body, not a fault of ours.
 */
function refuseUndecodableBody(
  err: unknown,
  _req: Request,
  _res: Response,
  next: NextFunction,
): void {
  const { type, status } = (err ?? {}) as { type?: unknown; status?: unknown };
  const clientError = typeof status === 'number' && status >= 400 && status < 500;
  if (type === undefined && clientError && !(err instanceof ApiError)) {
    const message = 'the body does not match its Content-Encoding';
    next(ApiError.forField('MALFORMED_JSON', 'requestBody', message));
    return;
  }
  next(err);
}

function setSecurityHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
  next();
}

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** A body must be JSON: anything else is refused before it is read. */
function requireJson(req: Request, _res: Response, next: NextFunction): void {
  if (hasBody(req) && !req.is(['application/json', 'application/*+json'])) {
    const type = req.headers['content-type'] ?? 'none';
    const message = `content type ${type} is not application/json`;
    next(ApiError.forField('UNSUPPORTED_MEDIA_TYPE', 'Content-Type', message));
    return;
  }
  next();
}

/** Maps anything thrown to the contract's envelope; faults are logged with their stack. */
function toApiError(err: unknown, bodyLimit: number): ApiError | undefined {
  if (err instanceof ApiError) {
    return err;
  }
  const type = (err as { type?: unknown } | null)?.type;
  const factory = typeof type === 'string' ? BODY_ERRORS[type] : undefined;
  return factory?.(bodyLimit);
}

function answerError(err: unknown, req: Request, res: Response, _next: NextFunction): void {
  const known = toApiError(err, Number(req.app.get('body limit')));
  const apiError = known ?? new ApiError('INTERNAL_ERROR', 'an unexpected error occurred');
  if (known && apiError.status < 500) {
    req.log.info({ code: apiError.code, errors: apiError.errors.length }, 'request refused');
  } else if (known) {
    req.log.warn({ code: apiError.code }, 'request not served');
  } else {
    req.log.error({ err }, 'unexpected fault');
  }
  if (res.headersSent) {
    return;
  }
  res.status(apiError.status).json(errorEnvelope(apiError));
}

/** The express application: parsing, logging, the contract's routes and its error envelope. */
export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('body limit', deps.config.bodyLimitBytes);

  app.use(
    pinoHttp({
      logger: deps.log,
      genReqId: (req, res) => {
        const id = requestIdOf(req);
        res.setHeader('X-Request-Id', id);
        return id;
      },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
    }),
  );
  app.use(setSecurityHeaders);
  app.use(requireJson);
  app.use(express.json({ limit: deps.config.bodyLimitBytes, type: () => true }));
  app.use(refuseUndecodableBody);
  app.use(guardBody);
  app.use(createDocsRouter(deps.config));

  app.use('/api/order', (req, res, next) => {
    const context = {
      requestId: req.id as string,
      actor: 'system',
      log: req.log,
      em: forkEntityManager(deps.orm),
    };
    const request = {
      method: req.method,
      path: req.originalUrl.split('?')[0] ?? '/',
      query: {},
      body: req.body as unknown,
      headers: req.headers as Record<string, string | string[]>,
    };
    deps.router
      .handle(request, context)
      .then((answer) =>
        res
          .set(answer.headers ?? {})
          .status(answer.status)
          .json(answer.body),
      )
      .catch(next);
  });
  app.use((_req: Request, _res: Response, next: NextFunction) => {
    next(new ApiError('NOT_FOUND', 'no such path'));
  });
  app.use(answerError);
  return app;
}
