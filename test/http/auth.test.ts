import { SignJWT } from 'jose';
import { OrderDetail, StatusChange } from '../../src/db/entities';
import { databaseTargets } from '../support/databases';
import { deliNo, orderNo, returnOrder } from '../support/fixtures';
import { INSTRUCT_PATH, startHarness } from '../support/harness';
import type { Harness } from '../support/harness';
import { TEST_SECRET, signToken } from '../support/tokens';

const [sqlite] = databaseTargets();
const body = {
  withdrawInstructHandlingSaveInfoList: [{ ordNo: orderNo(1), deliNo: deliNo(1), rtnQty: 2 }],
};

function unsignedToken(): string {
  const encode = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${encode({ alg: 'none' })}.${encode({ sub: 'x', scope: 'withdrawal:write', exp: now + 60 })}.`;
}

describe('bearer authentication', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness(sqlite!, {
      AUTH_ISSUER: 'https://bo.x2bee.test',
      AUTH_AUDIENCE: 'order-api',
    });
  });
  afterAll(async () => {
    await h.close();
  });
  beforeEach(async () => {
    await h.reset();
    await h.load([returnOrder(1)]);
  });

  const good = { issuer: 'https://bo.x2bee.test', audience: 'order-api' };

  it('records the token subject as the actor of every history row', async () => {
    const token = await signToken({ ...good, sub: 'operator-kim' });

    const res = await h.post(INSTRUCT_PATH, body, { Authorization: `Bearer ${token}` });

    expect(res.status).toBe(200);
    expect(await h.em().find(StatusChange, {})).toEqual([
      expect.objectContaining({ changedBy: 'operator-kim' }),
    ]);
  });

  it.each([
    ['no header', async () => ''],
    ['a non-bearer scheme', async () => `Basic ${Buffer.from('a:b').toString('base64')}`],
    ['garbage', async () => 'Bearer not.a.jwt'],
    ['an expired token', async () => `Bearer ${await signToken({ ...good, expiresIn: '-2h' })}`],
    [
      'a not-yet-valid token',
      async () => `Bearer ${await signToken({ ...good, notBefore: '2h' })}`,
    ],
    [
      'a wrong signature',
      async () => `Bearer ${await signToken({ ...good, secret: 'x'.repeat(40) })}`,
    ],
    ['alg none', async () => `Bearer ${unsignedToken()}`],
    [
      'a wrong issuer',
      async () => `Bearer ${await signToken({ ...good, issuer: 'https://evil' })}`,
    ],
    ['a wrong audience', async () => `Bearer ${await signToken({ ...good, audience: 'other' })}`],
    [
      'no subject',
      async () =>
        `Bearer ${await new SignJWT({ scope: 'withdrawal:write' })
          .setProtectedHeader({ alg: 'HS256' })
          .setIssuer(good.issuer)
          .setAudience(good.audience)
          .setExpirationTime('5m')
          .sign(new TextEncoder().encode(TEST_SECRET))}`,
    ],
  ])('answers 901 and changes nothing for %s', async (_case, header) => {
    const authorization = await header();

    const res = await h.post(INSTRUCT_PATH, body, { Authorization: authorization });

    expect(res.status).toBe(901);
    expect(res.body).toMatchObject({ code: 'UNAUTHENTICATED', error: true });
    expect(res.body.errors[0].field).toBe('Authorization');
    expect(await h.em().count(OrderDetail, { status: '32' })).toBe(1);
  });

  it('answers 903 for a valid token without the withdrawal:write scope', async () => {
    const token = await signToken({ ...good, scope: 'withdrawal:read orders:write' });

    const res = await h.post(INSTRUCT_PATH, body, { Authorization: `Bearer ${token}` });

    expect(res.status).toBe(903);
    expect(res.body.code).toBe('FORBIDDEN');
    expect(await h.em().count(OrderDetail, { status: '32' })).toBe(1);
  });

  it('checks the token before the body', async () => {
    const res = await h.post(INSTRUCT_PATH, { nonsense: true }, { Authorization: '' });

    expect(res.status).toBe(901);
  });

  it('leaves the probes open', async () => {
    expect((await h.get('/api/order/health')).status).toBe(200);
  });
});
