import { createHash } from 'node:crypto';
import fs from 'node:fs';
import supertest from 'supertest';
import { DOCS_PATH, SPEC_PATH } from '../../src/http/docs';
import { applyBatchLimit, loadSpec } from '../../src/http/spec';
import { databaseTargets } from '../support/databases';
import { deliNo, orderNo } from '../support/fixtures';
import { INSTRUCT_PATH, startHarness } from '../support/harness';
import type { Harness } from '../support/harness';

const STRICT_CSP = "default-src 'none'; frame-ancestors 'none'";
const BATCH_LIMIT = 7;

const items = (count: number) =>
  Array.from({ length: count }, (_, i) => ({
    ordNo: orderNo(i + 1),
    deliNo: deliNo(i + 1),
    rtnQty: 1,
  }));

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** The CSP directives as a map: `script-src` → `'self'`. */
function directives(header: string | undefined): Record<string, string> {
  return Object.fromEntries(
    (header ?? '').split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values.join(' ')];
    }),
  );
}

describe('docs routes: Swagger UI and the served spec', () => {
  const [sqlite] = databaseTargets();
  let h: Harness;
  let http: ReturnType<typeof supertest>;

  beforeAll(async () => {
    h = await startHarness(sqlite!, { MAX_BATCH_ITEMS: String(BATCH_LIMIT) });
    http = supertest(h.service.app);
  });
  afterAll(async () => {
    await h.close();
  });

  it('serves the spec as the server enforces it, with the batch limit as maxItems', async () => {
    const res = await http.get(SPEC_PATH);

    expect(res.status).toBe(200);
    expect(res.body).toEqual(applyBatchLimit(loadSpec(), BATCH_LIMIT));
    const schemas = res.body.components.schemas;
    expect(
      schemas.WithdrawInstructHandlingSaveRequest.properties.withdrawInstructHandlingSaveInfoList
        .maxItems,
    ).toBe(BATCH_LIMIT);
    const tooMany = await h.post(INSTRUCT_PATH, {
      withdrawInstructHandlingSaveInfoList: items(BATCH_LIMIT + 1),
    });
    const atLimit = await h.post(INSTRUCT_PATH, {
      withdrawInstructHandlingSaveInfoList: items(BATCH_LIMIT),
    });
    expect([tooMany.body.code, atLimit.body.code]).toEqual(['VALIDATION_FAILED', 'ITEMS_REJECTED']);
  });

  it('serves the page with a CSP relaxed only as far as Swagger UI needs', async () => {
    const res = await http.get(DOCS_PATH);

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(directives(res.headers['content-security-policy'])).toEqual({
      'default-src': "'none'",
      'script-src': "'self'",
      'style-src': "'self' 'unsafe-inline'",
      'img-src': "'self' data:",
      'connect-src': "'self'",
      'base-uri': "'none'",
      'form-action': "'self'",
      'frame-ancestors': "'none'",
    });
    const urls = [...res.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(0);
    expect(urls.every((url) => url?.startsWith(`${DOCS_PATH}/`))).toBe(true);
  });

  it('serves Swagger UI from the swagger-ui-dist package, byte for byte', async () => {
    const res = await http.get(`${DOCS_PATH}/swagger-ui-bundle.js`).buffer(true);
    const css = await http.get(`${DOCS_PATH}/swagger-ui.css`);

    expect(res.status).toBe(200);
    const served = sha256(Buffer.from(res.text, 'utf8'));
    expect(served).toBe(
      sha256(fs.readFileSync(require.resolve('swagger-ui-dist/swagger-ui-bundle.js'))),
    );
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect([css.status, css.headers['content-type']]).toEqual([200, 'text/css; charset=utf-8']);
  });

  it('points the page at this service’s spec and at no validator', async () => {
    const res = await http.get(`${DOCS_PATH}/docs-init.js`);

    expect(res.status).toBe(200);
    expect(res.text).toContain(`"url":"${SPEC_PATH}"`);
    expect(res.text).toContain('"validatorUrl":null');
  });

  it.each(['index.html', 'swagger-initializer.js', 'package.json', '..%2Fpackage.json'])(
    'answers 904 for %s, which is not one of the page’s files',
    async (name) => {
      const res = await h.get(`${DOCS_PATH}/${name}`);

      expect(res.status).toBe(904);
      expect(res.headers['content-security-policy']).toBe(STRICT_CSP);
    },
  );

  it('keeps the strict CSP on the API', async () => {
    const res = await h.get('/api/order/health');

    expect(res.headers['content-security-policy']).toBe(STRICT_CSP);
  });
});
