import supertest from 'supertest';
import { databaseTargets } from '../support/databases';
import { INSTRUCT_PATH, startHarness } from '../support/harness';
import type { Harness } from '../support/harness';

const [sqlite] = databaseTargets();

describe('the envelope around every answer', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness(sqlite!, { BODY_LIMIT_BYTES: '2048' });
  });
  afterAll(async () => {
    await h.close();
  });

  const raw = () => supertest(h.service.app);

  it('answers malformed JSON with 900 MALFORMED_JSON, not an HTML page', async () => {
    const res = await raw()
      .post(INSTRUCT_PATH)
      .set('Content-Type', 'application/json')
      .send('{"a":');

    expect(res.status).toBe(900);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toMatchObject({
      code: 'MALFORMED_JSON',
      error: true,
      isProcess: false,
      errors: [
        { field: 'requestBody', code: 'MALFORMED_JSON', message: 'the body is not valid JSON' },
      ],
    });
  });

  it('answers a body that is not JSON with 900 UNSUPPORTED_MEDIA_TYPE', async () => {
    const res = await raw().post(INSTRUCT_PATH).set('Content-Type', 'text/plain').send('hello');

    expect(res.status).toBe(900);
    expect(res.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(res.body.errors[0].field).toBe('Content-Type');
  });

  it('answers a body over the size limit with 900 PAYLOAD_TOO_LARGE naming the limit', async () => {
    const res = await h.post(INSTRUCT_PATH, { padding: 'x'.repeat(4096) });

    expect(res.status).toBe(900);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
    expect(res.body.message).toBe('the body is over 2048 bytes');
  });

  it('answers a missing body with 900 naming the required list', async () => {
    const res = await h.post(INSTRUCT_PATH, undefined);

    expect(res.status).toBe(900);
    expect(res.body.errors).toEqual([
      {
        field: 'withdrawInstructHandlingSaveInfoList',
        code: 'VALIDATION_FAILED',
        message: 'is required',
      },
    ]);
  });

  it('answers an unknown path with 904 and a wrong method with 905', async () => {
    const unknown = await h.get('/api/order/v1/nothing-here');
    const outside = await h.get('/elsewhere');
    const wrongMethod = await h.get(INSTRUCT_PATH);

    expect([unknown.status, outside.status, wrongMethod.status]).toEqual([904, 904, 905]);
    expect(unknown.body.code).toBe('NOT_FOUND');
    expect(wrongMethod.body).toMatchObject({
      code: 'METHOD_NOT_ALLOWED',
      message: 'GET is not allowed here',
    });
  });

  it('reports liveness and readiness', async () => {
    const health = await h.get('/api/order/health');
    const ready = await h.get('/api/order/ready');

    expect([health.status, ready.status]).toEqual([200, 200]);
    expect(ready.body.payload).toEqual({ status: 'UP' });
  });

  it('echoes a sane X-Request-Id and makes one up otherwise', async () => {
    const given = await raw().get('/api/order/health').set('X-Request-Id', 'abc-123');
    const insane = await raw().get('/api/order/health').set('X-Request-Id', 'a b<script>');

    expect(given.headers['x-request-id']).toBe('abc-123');
    expect(insane.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends security headers and no X-Powered-By or ETag', async () => {
    const res = await raw().get('/api/order/health');

    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers.etag).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
  });
});
