import { OrderDetail, StatusChange } from '../../src/db/entities';
import { INSTRUCT_TRANSITION } from '../../src/domain/transitions';
import { ApiError } from '../../src/errors/api-error';
import { applyTransition, loadSnapshot } from '../../src/withdrawal/targets';
import { databaseTargets } from '../support/databases';
import { deliNo, orderNo, returnOrders } from '../support/fixtures';
import { INSTRUCT_PATH, STAT_UPDATE_PATH, useHarness } from '../support/harness';

const instructBody = (from: number, to: number) => ({
  withdrawInstructHandlingSaveInfoList: Array.from({ length: to - from + 1 }, (_, i) => ({
    ordNo: orderNo(from + i),
    deliNo: deliNo(from + i),
    rtnQty: 2,
  })),
});

describe.each(databaseTargets())('racing requests on $name', (target) => {
  const h = useHarness(target);

  it('fails the whole batch when a target moved between read and conditional write', async () => {
    await h.load(returnOrders(3));
    const em = h.em();
    const context = { actor: 'race-test', requestId: null, now: new Date() };

    const attempt = em.transactional(async (tx) => {
      const refs = [1, 2, 3].map((n) => ({ orderNumber: orderNo(n), deliveryNumber: deliNo(n) }));
      const snapshot = await loadSnapshot(tx, refs);
      const targets = [...snapshot.detailsByDelivery.values()].flat();
      // Another writer moves detail 2 after our read (simulated on the same transaction, since
      // SQLite has a single writer and PostgreSQL's row lock would make it wait).
      await tx.nativeUpdate(OrderDetail, { orderNumber: orderNo(2) }, { status: '34' });
      return applyTransition(tx, targets, INSTRUCT_TRANSITION, context);
    });

    await expect(attempt).rejects.toMatchObject({ code: 'CONCURRENT_UPDATE' });
    await expect(attempt).rejects.toBeInstanceOf(ApiError);
    const statuses = (await h.em().find(OrderDetail, {}, { orderBy: { id: 'asc' } })).map(
      (d) => d.status,
    );
    expect(statuses).toEqual(['32', '32', '32']);
    expect(await h.em().count(StatusChange, {})).toBe(0);
  });

  it('lets exactly one of several identical concurrent instructions through', async () => {
    await h.load(returnOrders(50));

    const answers = await Promise.all(
      Array.from({ length: 8 }, () => h.post(INSTRUCT_PATH, instructBody(1, 50))),
    );

    expect(answers.map((a) => a.status).sort()).toEqual([200, 900, 900, 900, 900, 900, 900, 900]);
    expect(await h.em().count(OrderDetail, { status: '34' })).toBe(50);
    expect(await h.em().count(StatusChange, {})).toBe(50);
  });

  it('serialises overlapping batches: every detail moves once, losers change nothing', async () => {
    await h.load(returnOrders(60, { status: '34' }));
    const item = (n: number) => ({
      ordNo: orderNo(n),
      deliNo: deliNo(n),
      hdcCd: '04',
      invNo: `W${n}`,
    });
    const batch = (from: number, to: number) => ({
      ordDtlStatCd: '34',
      updateTargetOrdDtlStatCd: '35',
      withdrawStatUpdateSaveInfoList: Array.from({ length: to - from + 1 }, (_, i) =>
        item(from + i),
      ),
    });

    // Overlapping windows, listed in opposite orders, so a naive lock order would deadlock.
    const bodies = [batch(1, 30), batch(20, 50), batch(40, 60), batch(1, 60)];
    bodies[1]!.withdrawStatUpdateSaveInfoList.reverse();
    const answers = await Promise.all(bodies.map((b) => h.post(STAT_UPDATE_PATH, b)));

    const moved = answers
      .filter((a) => a.status === 200)
      .reduce((n, a) => n + Number(a.body.payload.processedCount), 0);
    expect(answers.every((a) => a.status === 200 || a.status === 900)).toBe(true);
    expect(await h.em().count(StatusChange, {})).toBe(moved);
    expect(await h.em().count(OrderDetail, { status: '35' })).toBe(moved);
    expect(moved).toBeGreaterThan(0);
  });
});
