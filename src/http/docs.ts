import path from 'node:path';
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import type { AppConfig } from '../config/config';
import { applyBatchLimit, loadSpec } from './spec';

/** The API docs page (Swagger UI) and the spec it renders, below the API root. */
export const DOCS_PATH = '/api/order/docs';
export const SPEC_PATH = '/api/order/openapi.json';

const INIT_SCRIPT = 'docs-init.js';

// Swagger UI's own files, served by name only so nothing else in the package is reachable.
const ASSETS: ReadonlySet<string> = new Set([
  'swagger-ui.css',
  'swagger-ui-bundle.js',
  'favicon-32x32.png',
  'favicon-16x16.png',
]);

// The vendor files change only with the package version; the API's answers stay `no-store`.
const ASSET_CACHE_CONTROL = 'public, max-age=3600';

/**
 * The page needs more than the API's `default-src 'none'`, and only this much: its own scripts
 * (no inline script), inline styles (Swagger UI sets style attributes), `data:` images (its icons
 * are inlined in its CSS) and requests to this origin (the spec and "Try it out").
 */
const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

// Resolved from package.json rather than the package's main, which loads the whole browser bundle.
function swaggerUiDir(): string {
  return path.dirname(require.resolve('swagger-ui-dist/package.json'));
}

function relaxContentSecurityPolicy(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Content-Security-Policy', DOCS_CSP);
  next();
}

function pageHtml(title: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${DOCS_PATH}/swagger-ui.css">
<link rel="icon" type="image/png" href="${DOCS_PATH}/favicon-32x32.png" sizes="32x32">
</head>
<body>
<div id="swagger-ui"></div>
<script src="${DOCS_PATH}/swagger-ui-bundle.js"></script>
<script src="${DOCS_PATH}/${INIT_SCRIPT}"></script>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  const entities: Record<string, string> = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
  };
  return text.replace(/[&<>"]/g, (c) => entities[c] ?? c);
}

// A file, not an inline script, so that the page's CSP can keep `script-src 'self'`.
function initScript(): string {
  const options = {
    url: SPEC_PATH,
    dom_id: '#swagger-ui',
    deepLinking: true,
    // No request to validator.swagger.io: the page talks to this origin only.
    validatorUrl: null,
    // The page renders this service's spec, never one named in its query string.
    queryConfigEnabled: false,
  };
  return `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle(Object.assign(${JSON.stringify(options)}, {
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
  }));
});
`;
}

/**
 * Swagger UI from the swagger-ui-dist package (no CDN) and the spec as the server enforces it,
 * with `maxItems` set to the configured batch limit.
 */
export function createDocsRouter(config: Pick<AppConfig, 'maxBatchItems'>): express.Router {
  const spec = applyBatchLimit(loadSpec(), config.maxBatchItems);
  const title = `${spec.info.title} ${spec.info.version}`;
  const assetDir = swaggerUiDir();
  const router = express.Router();

  router.get(SPEC_PATH, (_req, res) => {
    res.json(spec);
  });
  router.get(DOCS_PATH, relaxContentSecurityPolicy, (_req, res) => {
    res.type('html').send(pageHtml(title));
  });
  router.get(`${DOCS_PATH}/${INIT_SCRIPT}`, relaxContentSecurityPolicy, (_req, res) => {
    res.type('text/javascript').send(initScript());
  });
  // An unknown name falls through to the API router, which answers 904 in the envelope.
  router.get(`${DOCS_PATH}/:asset`, (req, res, next) => {
    const asset = req.params.asset;
    if (!ASSETS.has(asset)) {
      next();
      return;
    }
    res.setHeader('Content-Security-Policy', DOCS_CSP);
    res.setHeader('Cache-Control', ASSET_CACHE_CONTROL);
    res.sendFile(path.join(assetDir, asset), (err?: Error) => {
      if (err) {
        next(err);
      }
    });
  });
  return router;
}
