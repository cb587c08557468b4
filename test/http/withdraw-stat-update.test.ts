import { OrderDelivery, OrderDetail, StatusChange, WaybillChange } from '../../src/db/entities';
import { exportOrders } from '../../src/orders/export-orders';
import { databaseTargets } from '../support/databases';
import { deliNo, orderNo, returnOrder, returnOrders } from '../support/fixtures';
import { STAT_UPDATE_PATH, useHarness } from '../support/harness';

interface Info {
  ordNo: string;
  deliNo: string;
  hdcCd: string | null;
  invNo: string | null;
  wthdYn?: string;
  wthdFnshGbCd?: string;
}

const info = (n: number, extra: Partial<Info> = {}): Info => ({
  ordNo: orderNo(n),
  deliNo: deliNo(n),
  hdcCd: '04',
  invNo: `6100000${String(n).padStart(5, '0')}`,
  ...extra,
});
const body = (from: string, to: string, ...items: Info[]) => ({
  ordDtlStatCd: from,
  updateTargetOrdDtlStatCd: to,
  withdrawStatUpdateSaveInfoList: items,
});
const fieldsAndCodes = (res: { body: { errors: { field: string; code: string }[] } }) =>
  res.body.errors.map((e) => [e.field, e.code]);

describe.each(databaseTargets())(
  '회수 진행상태 수정 saveWithdrawStatUpdateProcess on $name',
  (target) => {
    const h = useHarness(target);

    const detailOf = async (n: number) =>
      h.em().findOneOrFail(OrderDetail, { orderNumber: orderNo(n), orderSeq: 1 });
    const deliveryOf = async (n: number) =>
      h.em().findOneOrFail(OrderDelivery, { deliveryNumber: deliNo(n) });

    it('confirms a pickup (34 → 35), storing courier, waybill and the confirmation time', async () => {
      await h.load([returnOrder(1, { status: '34' })]);

      const res = await h.post(STAT_UPDATE_PATH, body('34', '35', info(1, { wthdYn: 'Y' })), {
        'X-Request-Id': 'req-confirm-1',
      });

      expect(res.status).toBe(200);
      expect(res.body.payload).toEqual({
        processedCount: 1,
        orderDetails: [
          {
            ordNo: orderNo(1),
            ordSeq: 1,
            procSeq: 1,
            deliNo: deliNo(1),
            prevOrdDtlStatCd: '34',
            ordDtlStatCd: '35',
          },
        ],
        deliveries: [
          {
            deliNo: deliNo(1),
            hdcCd: '04',
            invNo: '610000000001',
            wthdYn: 'Y',
            wthdFnshGbCd: null,
          },
        ],
      });
      const detail = await detailOf(1);
      expect(detail.status).toBe('35');
      const delivery = await deliveryOf(1);
      expect(delivery).toMatchObject({
        courierCode: '04',
        waybillNumber: '610000000001',
        withdrawalFlag: 'Y',
        pickupCompletedAt: null,
      });
      expect(delivery.pickupConfirmedAt?.getTime()).toBe(detail.statusChangedAt.getTime());
      expect(await h.em().find(StatusChange, { orderDetailId: detail.id })).toEqual([
        expect.objectContaining({
          fromStatus: '34',
          toStatus: '35',
          changedBy: 'bo-operator-1',
          requestId: 'req-confirm-1',
        }),
      ]);
    });

    it('completes a pickup (35 → 36), stamping the completion time and wthdFnshGbCd', async () => {
      await h.load([
        returnOrder(1, {
          status: '35',
          delivery: { hdcCd: '04', invNo: '610000000001', wthdYn: 'Y' },
        }),
      ]);

      const res = await h.post(STAT_UPDATE_PATH, body('35', '36', info(1, { wthdFnshGbCd: '10' })));

      expect(res.status).toBe(200);
      expect((await detailOf(1)).status).toBe('36');
      const delivery = await deliveryOf(1);
      expect(delivery.pickupCompletedAt).toBeInstanceOf(Date);
      expect(delivery.withdrawalCompletionType).toBe('10');
      expect(delivery.withdrawalFlag).toBe('Y');
      expect(await h.em().count(WaybillChange, {})).toBe(0);
    });

    it.each([
      ['32', '34'],
      ['34', '36'],
      ['36', '35'],
      ['35', '34'],
      ['34', '34'],
      ['36', '37'],
      ['99', '35'],
    ])('refuses the pair %s → %s, naming the allowed pairs', async (from, to) => {
      await h.load([returnOrder(1, { status: from })]);
      const before = await h.snapshot();

      const res = await h.post(STAT_UPDATE_PATH, body(from, to, info(1)));

      expect(res.status).toBe(900);
      expect(res.body.code).toBe('TRANSITION_NOT_ALLOWED');
      expect(res.body.message).toBe(
        `${from} → ${to} is not allowed; allowed: 34 회수지시 → 35 회수확인, 35 회수확인 → 36 회수완료`,
      );
      expect(res.body.errors).toEqual([
        expect.objectContaining({
          field: 'updateTargetOrdDtlStatCd',
          code: 'TRANSITION_NOT_ALLOWED',
        }),
      ]);
      expect(await h.snapshot()).toEqual(before);
    });

    it('refuses a delivery whose details are not in the current status, saying which they are in', async () => {
      await h.load([returnOrder(1, { status: '32' })]);

      const res = await h.post(STAT_UPDATE_PATH, body('34', '35', info(1)));

      expect(res.status).toBe(900);
      expect(res.body.errors).toEqual([
        {
          field: 'withdrawStatUpdateSaveInfoList[0].deliNo',
          code: 'NOT_IN_STATUS',
          message: 'no return order detail of this delivery is in 34 회수지시 (found: 32 반품접수)',
        },
      ]);
    });

    it('refuses an unknown order', async () => {
      const res = await h.post(STAT_UPDATE_PATH, body('34', '35', info(7)));

      expect(res.status).toBe(900);
      expect(fieldsAndCodes(res)).toEqual([
        ['withdrawStatUpdateSaveInfoList[0].ordNo', 'ORDER_NOT_FOUND'],
      ]);
    });

    it('accepts null courier and waybill for an e-coupon delivery', async () => {
      await h.load([returnOrder(1, { status: '34', deliveryType: 'E_COUPON' })]);

      const res = await h.post(
        STAT_UPDATE_PATH,
        body('34', '35', info(1, { hdcCd: null, invNo: null })),
      );

      expect(res.status).toBe(200);
      expect(await deliveryOf(1)).toMatchObject({ courierCode: null, waybillNumber: null });
      expect((await detailOf(1)).status).toBe('35');
    });

    it.each([
      ['null courier', { hdcCd: null }, ['hdcCd']],
      ['null waybill', { invNo: null }, ['invNo']],
      ['empty courier and blank waybill', { hdcCd: '', invNo: '  ' }, ['hdcCd', 'invNo']],
    ])('refuses a %s on a parcel delivery', async (_case, extra, fields) => {
      await h.load([returnOrder(1, { status: '34' })]);
      const before = await h.snapshot();

      const res = await h.post(STAT_UPDATE_PATH, body('34', '35', info(1, extra)));

      expect(res.status).toBe(900);
      expect(fieldsAndCodes(res)).toEqual(
        fields.map((f) => [`withdrawStatUpdateSaveInfoList[0].${f}`, 'WAYBILL_REQUIRED']),
      );
      expect(await h.snapshot()).toEqual(before);
    });

    it('refuses a wthdYn other than Y or N', async () => {
      await h.load([returnOrder(1, { status: '34' })]);

      const res = await h.post(STAT_UPDATE_PATH, body('34', '35', info(1, { wthdYn: 'X' })));

      expect(res.status).toBe(900);
      expect(res.body.errors).toEqual([
        {
          field: 'withdrawStatUpdateSaveInfoList[0].wthdYn',
          code: 'INVALID_WITHDRAWAL_FLAG',
          message: 'wthdYn must be Y or N, got "X"',
        },
      ]);
    });

    it('writes delivery info once per deliNo, the first item with wthdYn Y winning', async () => {
      await h.load([
        returnOrder(1, {
          status: '34',
          extraDetails: [{ ordDtlStatCd: '34' }, { ordDtlStatCd: '34' }],
        }),
      ]);
      const items = [
        info(1, { hdcCd: '01', invNo: 'FIRST', wthdYn: 'N' }),
        info(1, { hdcCd: '02', invNo: 'SECOND-Y', wthdYn: 'Y', wthdFnshGbCd: 'A' }),
        info(1, { hdcCd: '03', invNo: 'THIRD-Y', wthdYn: 'Y' }),
      ];

      const res = await h.post(STAT_UPDATE_PATH, body('34', '35', ...items));

      expect(res.status).toBe(200);
      expect(res.body.payload.processedCount).toBe(3);
      expect(res.body.payload.deliveries).toEqual([
        { deliNo: deliNo(1), hdcCd: '02', invNo: 'SECOND-Y', wthdYn: 'Y', wthdFnshGbCd: 'A' },
      ]);
      expect(await deliveryOf(1)).toMatchObject({
        courierCode: '02',
        waybillNumber: 'SECOND-Y',
        withdrawalFlag: 'Y',
        withdrawalCompletionType: 'A',
      });
      const details = await h.em().find(OrderDetail, { orderNumber: orderNo(1) });
      expect(details.map((d) => d.status)).toEqual(['35', '35', '35']);
      const history = await h
        .em()
        .find(StatusChange, { orderDetailId: { $in: details.map((d) => d.id) } });
      expect(history).toHaveLength(3);
      expect(await h.em().count(WaybillChange, { deliveryNumber: deliNo(1) })).toBe(1);
    });

    it('keeps the first item when no item of a delivery says wthdYn Y', async () => {
      await h.load([returnOrder(1, { status: '34' })]);

      const res = await h.post(
        STAT_UPDATE_PATH,
        body(
          '34',
          '35',
          info(1, { invNo: 'A', wthdYn: 'N' }),
          info(1, { invNo: 'B', wthdYn: 'N' }),
        ),
      );

      expect(res.status).toBe(200);
      expect((await deliveryOf(1)).waybillNumber).toBe('A');
    });

    it('keeps the replaced courier and waybill in the waybill history', async () => {
      await h.load([
        returnOrder(1, { status: '35', delivery: { hdcCd: '04', invNo: 'OLD-111', wthdYn: 'Y' } }),
      ]);

      const res = await h.post(
        STAT_UPDATE_PATH,
        body('35', '36', info(1, { hdcCd: '05', invNo: 'NEW-222' })),
        { 'X-Request-Id': 'req-correct-1' },
      );

      expect(res.status).toBe(200);
      expect(await deliveryOf(1)).toMatchObject({ courierCode: '05', waybillNumber: 'NEW-222' });
      expect(await h.em().find(WaybillChange, { deliveryNumber: deliNo(1) })).toEqual([
        expect.objectContaining({
          previousCourierCode: '04',
          previousWaybillNumber: 'OLD-111',
          courierCode: '05',
          waybillNumber: 'NEW-222',
          changedBy: 'bo-operator-1',
          requestId: 'req-correct-1',
        }),
      ]);
    });

    it('leaves everything unchanged when one item among many valid ones is bad', async () => {
      await h.load([...returnOrders(30, { status: '34' })]);
      const before = await h.snapshot();
      const items = Array.from({ length: 30 }, (_, i) => info(i + 1));
      items[12] = info(13, { invNo: null });
      items[29] = info(99);

      const res = await h.post(STAT_UPDATE_PATH, body('34', '35', ...items));

      expect(res.status).toBe(900);
      expect(fieldsAndCodes(res)).toEqual([
        ['withdrawStatUpdateSaveInfoList[12].invNo', 'WAYBILL_REQUIRED'],
        ['withdrawStatUpdateSaveInfoList[29].ordNo', 'ORDER_NOT_FOUND'],
      ]);
      expect(await h.snapshot()).toEqual(before);
    });

    it('answers 900 naming the field for schema violations', async () => {
      const missing = await h.post(STAT_UPDATE_PATH, {
        ordDtlStatCd: '34',
        withdrawStatUpdateSaveInfoList: [{ ordNo: orderNo(1), deliNo: deliNo(1), hdcCd: '04' }],
      });

      expect(missing.status).toBe(900);
      expect(fieldsAndCodes(missing)).toEqual([
        ['updateTargetOrdDtlStatCd', 'VALIDATION_FAILED'],
        ['withdrawStatUpdateSaveInfoList[0].invNo', 'VALIDATION_FAILED'],
      ]);
      const empty = await h.post(STAT_UPDATE_PATH, body('', '35', info(1)));
      expect(fieldsAndCodes(empty)).toEqual([['ordDtlStatCd', 'VALIDATION_FAILED']]);
    });

    it('moves a 1,000-item batch and shows the result in export-orders', async () => {
      await h.load(returnOrders(1000, { status: '34' }));
      const items = Array.from({ length: 1000 }, (_, i) => info(i + 1, { wthdYn: 'Y' }));

      const confirm = await h.post(STAT_UPDATE_PATH, body('34', '35', ...items));
      const complete = await h.post(
        STAT_UPDATE_PATH,
        body('35', '36', ...items.map((i) => ({ ...i, wthdFnshGbCd: '10' }))),
      );

      expect([confirm.status, complete.status]).toEqual([200, 200]);
      expect(complete.body.payload.processedCount).toBe(1000);
      expect(await h.em().count(OrderDetail, { status: '36' })).toBe(1000);
      expect(await h.em().count(StatusChange, {})).toBe(2000);

      const { orders } = await exportOrders(h.em(), [orderNo(500)]);
      const [delivery] = orders[0]!.deliveries;
      expect(delivery).toMatchObject({
        hdcCd: '04',
        invNo: '610000000500',
        wthdYn: 'Y',
        wthdFnshGbCd: '10',
      });
      expect(delivery!.wthdCnfmDtm).not.toBeNull();
      expect(delivery!.wthdFnshDtm).not.toBeNull();
      expect(delivery!.waybillHistory).toEqual([
        expect.objectContaining({
          befHdcCd: null,
          befInvNo: null,
          hdcCd: '04',
          invNo: '610000000500',
        }),
      ]);
      expect(orders[0]!.details[0]!.history.map((s) => [s.befStatCd, s.aftStatCd])).toEqual([
        ['34', '35'],
        ['35', '36'],
      ]);
    });
  },
);
