import { IdempotencyRecord, OrderDetail, StatusChange } from '../../src/db/entities';
import { databaseTargets } from '../support/databases';
import { deliNo, orderNo, returnOrders } from '../support/fixtures';
import { INSTRUCT_PATH, STAT_UPDATE_PATH, useHarness } from '../support/harness';
import { signToken } from '../support/tokens';

const instruct = (...ns: number[]) => ({
  withdrawInstructHandlingSaveInfoList: ns.map((n) => ({
    ordNo: orderNo(n),
    deliNo: deliNo(n),
    rtnQty: 2,
  })),
});

describe.each(databaseTargets())('Idempotency-Key on $name', (target) => {
  const h = useHarness(target);
  beforeEach(async () => {
    await h.load(returnOrders(3));
  });

  it('answers a retry with the stored answer and writes nothing again', async () => {
    const first = await h.post(INSTRUCT_PATH, instruct(1, 2), { 'Idempotency-Key': 'k-1' });
    const before = await h.snapshot();

    const retry = await h.post(INSTRUCT_PATH, instruct(1, 2), { 'Idempotency-Key': 'k-1' });

    expect(first.status).toBe(200);
    expect(first.headers['idempotency-replayed']).toBeUndefined();
    expect(retry.status).toBe(200);
    expect(retry.headers['idempotency-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(await h.snapshot()).toEqual(before);
  });

  it('treats the same body with keys in another order as the same request', async () => {
    const body = {
      withdrawInstructHandlingSaveInfoList: [{ ordNo: orderNo(1), deliNo: deliNo(1), rtnQty: 2 }],
    };
    const reordered = {
      withdrawInstructHandlingSaveInfoList: [{ rtnQty: 2, deliNo: deliNo(1), ordNo: orderNo(1) }],
    };
    await h.post(INSTRUCT_PATH, body, { 'Idempotency-Key': 'k-order' });

    const retry = await h.post(INSTRUCT_PATH, reordered, { 'Idempotency-Key': 'k-order' });

    expect(retry.headers['idempotency-replayed']).toBe('true');
  });

  it('refuses the same key with a different body and changes nothing', async () => {
    await h.post(INSTRUCT_PATH, instruct(1), { 'Idempotency-Key': 'k-2' });
    const before = await h.snapshot();

    const other = await h.post(INSTRUCT_PATH, instruct(2), { 'Idempotency-Key': 'k-2' });

    expect(other.status).toBe(900);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(other.body.errors[0].field).toBe('Idempotency-Key');
    expect(await h.snapshot()).toEqual(before);
  });

  it('refuses a key reused on the other operation', async () => {
    await h.post(INSTRUCT_PATH, instruct(1), { 'Idempotency-Key': 'k-3' });

    const res = await h.post(
      STAT_UPDATE_PATH,
      {
        ordDtlStatCd: '34',
        updateTargetOrdDtlStatCd: '35',
        withdrawStatUpdateSaveInfoList: [
          { ordNo: orderNo(1), deliNo: deliNo(1), hdcCd: '04', invNo: 'W1' },
        ],
      },
      { 'Idempotency-Key': 'k-3' },
    );

    expect(res.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await h.em().count(OrderDetail, { status: '35' })).toBe(0);
  });

  it('processes exactly one of two concurrent requests with one key; both get its answer', async () => {
    const [a, b] = await Promise.all([
      h.post(INSTRUCT_PATH, instruct(1, 2, 3), { 'Idempotency-Key': 'k-race' }),
      h.post(INSTRUCT_PATH, instruct(1, 2, 3), { 'Idempotency-Key': 'k-race' }),
    ]);

    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body).toEqual(b.body);
    const replayed = [a, b].filter((r) => r.headers['idempotency-replayed'] === 'true');
    expect(replayed).toHaveLength(1);
    expect(await h.em().count(StatusChange, {})).toBe(3);
  });

  it('keeps keys per caller', async () => {
    await h.post(INSTRUCT_PATH, instruct(1), { 'Idempotency-Key': 'shared' });
    const otherCaller = `Bearer ${await signToken({ sub: 'bo-operator-2' })}`;

    const res = await h.post(INSTRUCT_PATH, instruct(1), {
      'Idempotency-Key': 'shared',
      Authorization: otherCaller,
    });

    expect(res.status).toBe(900);
    expect(res.body.errors[0].code).toBe('NOT_IN_STATUS');
  });

  it('stores no refusal: a retry after the cause is fixed is processed', async () => {
    const refused = await h.post(INSTRUCT_PATH, instruct(9), { 'Idempotency-Key': 'k-4' });
    await h.load(returnOrders(9));

    const retried = await h.post(INSTRUCT_PATH, instruct(9), { 'Idempotency-Key': 'k-4' });

    expect(refused.status).toBe(900);
    expect(retried.status).toBe(200);
    expect(retried.headers['idempotency-replayed']).toBeUndefined();
  });

  it('forgets a key once it has expired', async () => {
    await h.post(INSTRUCT_PATH, instruct(1), { 'Idempotency-Key': 'k-5' });
    await h
      .em()
      .nativeUpdate(IdempotencyRecord, { key: 'k-5' }, { expiresAt: new Date(Date.now() - 1000) });

    const res = await h.post(INSTRUCT_PATH, instruct(2), { 'Idempotency-Key': 'k-5' });

    expect(res.status).toBe(200);
    expect(res.headers['idempotency-replayed']).toBeUndefined();
  });

  it('refuses a key longer than 100 characters', async () => {
    const res = await h.post(INSTRUCT_PATH, instruct(1), { 'Idempotency-Key': 'k'.repeat(101) });

    expect(res.status).toBe(900);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });
});
