import { randomUUID } from 'node:crypto';
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import { jwtVerify } from 'jose';
import { pgStore } from './baseline-pg';
import { Refusal, parseInstruct, parseStatUpdate } from './baseline-rules';
import type { BaselineStore, Change } from './baseline-rules';
import { sqliteStore } from './baseline-sqlite';
import { StatementCounter, serveRunner } from './protocol';
import { PATHS } from './wire';

/**
 * The baseline: plain express, hand-written body checks and per-row SQL, the same bearer-token
 * check as the service (HS256, scope withdrawal:write), the same answers. No router, no ORM,
 * no request log.
 */

const secret = new TextEncoder().encode(process.env.AUTH_JWT_SECRET ?? '');

function envelope(payload: unknown) {
  return {
    timestamp: new Date().toISOString(),
    code: 'SUCCESS',
    message: 'success',
    isProcess: true,
    payload,
    error: false,
    errors: [],
  };
}

function refusalEnvelope(refusal: Refusal) {
  return {
    timestamp: new Date().toISOString(),
    code: refusal.code,
    message: refusal.code,
    isProcess: false,
    error: true,
    errors: refusal.errors,
  };
}

async function changeOf(req: Request): Promise<Change> {
  const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  if (!token) {
    throw new Refusal('UNAUTHENTICATED', []);
  }
  const { payload } = await jwtVerify(token, secret, { algorithms: ['HS256'] }).catch(() => {
    throw new Refusal('UNAUTHENTICATED', []);
  });
  const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ') : [];
  if (!scopes.includes('withdrawal:write') || typeof payload.sub !== 'string') {
    throw new Refusal('FORBIDDEN', []);
  }
  return { actor: payload.sub, requestId: randomUUID(), now: new Date() };
}

type Work = (body: unknown, change: Change) => Promise<unknown>;

function route(work: Work) {
  return (req: Request, res: Response, next: NextFunction) => {
    changeOf(req)
      .then((change) => work(req.body, change))
      .then((payload) => res.json(envelope(payload)))
      .catch(next);
  };
}

function answerError(err: unknown, _req: Request, res: Response, _next: NextFunction): void {
  if (err instanceof Refusal) {
    res.status(err.code === 'UNAUTHENTICATED' ? 901 : 900).json(refusalEnvelope(err));
    return;
  }
  console.error('baseline fault', err);
  res.status(500).json({ code: 'INTERNAL_ERROR' });
}

function createApp(store: BaselineStore): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(express.json({ limit: 1024 * 1024 }));
  app.post(
    PATHS.instruct,
    route(async (body, change) => {
      const moved = await store.instruct(parseInstruct(body), change);
      return { processedCount: moved.length, orderDetails: moved };
    }),
  );
  app.post(
    PATHS.statUpdate,
    route(async (body, change) => {
      const { moved, deliveries } = await store.updateStatus(parseStatUpdate(body), change);
      return { processedCount: moved.length, orderDetails: moved, deliveries };
    }),
  );
  app.use(answerError);
  return app;
}

function main(): void {
  const counter = new StatementCounter();
  const url = process.env.DATABASE_URL ?? '';
  const store = url.startsWith('sqlite:')
    ? sqliteStore(url.slice('sqlite:'.length), counter)
    : pgStore(url, counter);
  const app = createApp(store);
  serveRunner((port, host, ready) => app.listen(port, host, ready), counter);
}

main();
