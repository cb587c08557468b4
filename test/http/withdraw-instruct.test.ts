import { OrderDelivery, OrderDetail, StatusChange } from '../../src/db/entities';
import { databaseTargets } from '../support/databases';
import { deliNo, orderNo, returnOrder, returnOrders } from '../support/fixtures';
import { INSTRUCT_PATH, useHarness } from '../support/harness';

const item = (n: number, rtnQty = 2) => ({ ordNo: orderNo(n), deliNo: deliNo(n), rtnQty });
const body = (...items: object[]) => ({ withdrawInstructHandlingSaveInfoList: items });

describe.each(databaseTargets())('회수지시 saveWithdrawInstructProcess on $name', (target) => {
  const h = useHarness(target);

  async function detailsOf(n: number): Promise<OrderDetail[]> {
    return h.em().find(OrderDetail, { orderNumber: orderNo(n) }, { orderBy: { orderSeq: 'asc' } });
  }

  it('moves a return detail from 32 반품접수 to 34 회수지시 and answers what moved', async () => {
    await h.load([returnOrder(1)]);

    const res = await h.post(INSTRUCT_PATH, body(item(1)), { 'X-Request-Id': 'req-instruct-1' });

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      timestamp: expect.any(String),
      code: 'SUCCESS',
      message: 'success',
      isProcess: true,
      error: false,
      errors: [],
      payload: {
        processedCount: 1,
        orderDetails: [
          {
            ordNo: orderNo(1),
            ordSeq: 1,
            procSeq: 1,
            deliNo: deliNo(1),
            prevOrdDtlStatCd: '32',
            ordDtlStatCd: '34',
          },
        ],
      },
    });
    const [detail] = await detailsOf(1);
    expect(detail?.status).toBe('34');
    const history = await h.em().find(StatusChange, { orderDetailId: detail!.id });
    expect(history).toEqual([
      expect.objectContaining({
        fromStatus: '32',
        toStatus: '34',
        changedBy: 'bo-operator-1',
        requestId: 'req-instruct-1',
      }),
    ]);
    const delivery = await h.em().findOneOrFail(OrderDelivery, { deliveryNumber: deliNo(1) });
    expect(delivery.pickupInstructedAt).toBeInstanceOf(Date);
    expect(detail!.statusChangedAt.getTime()).toBe(delivery.pickupInstructedAt!.getTime());
  });

  it('moves every return and exchange-return detail of the delivery, but no normal detail', async () => {
    await h.load([
      returnOrder(1, {
        rtnQty: 1,
        extraDetails: [
          { ordDtlGbCd: '30', rtnQty: 3 },
          { ordDtlGbCd: '10', rtnQty: 5 },
          { ordDtlGbCd: '20', ordDtlStatCd: '36', rtnQty: 7 },
        ],
      }),
    ]);

    const res = await h.post(INSTRUCT_PATH, body(item(1, 4)));

    expect(res.status).toBe(200);
    expect(res.body.payload.processedCount).toBe(2);
    expect((await detailsOf(1)).map((d) => [d.detailType, d.status])).toEqual([
      ['20', '34'],
      ['30', '34'],
      ['10', '32'],
      ['20', '36'],
    ]);
  });

  it('rejects an unknown order, naming the item, and writes nothing', async () => {
    await h.load([returnOrder(1)]);
    const before = await h.snapshot();

    const res = await h.post(INSTRUCT_PATH, body(item(1), item(2)));

    expect(res.status).toBe(900);
    expect(res.body).toEqual({
      timestamp: expect.any(String),
      code: 'ITEMS_REJECTED',
      message: '1 item was rejected; nothing was changed',
      isProcess: false,
      error: true,
      errors: [
        {
          field: 'withdrawInstructHandlingSaveInfoList[1].ordNo',
          code: 'ORDER_NOT_FOUND',
          message: `order ${orderNo(2)} does not exist`,
        },
      ],
    });
    expect(await h.snapshot()).toEqual(before);
  });

  it('rejects a delivery the order does not have', async () => {
    await h.load([returnOrder(1), returnOrder(2)]);

    const res = await h.post(
      INSTRUCT_PATH,
      body({ ordNo: orderNo(1), deliNo: deliNo(2), rtnQty: 2 }),
    );

    expect(res.status).toBe(900);
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        field: 'withdrawInstructHandlingSaveInfoList[0].deliNo',
        code: 'DELIVERY_NOT_FOUND',
      }),
    ]);
  });

  it('rejects a delivery with no detail in 반품접수 and says which statuses it has', async () => {
    await h.load([returnOrder(1, { status: '34', extraDetails: [{ ordDtlStatCd: '36' }] })]);

    const res = await h.post(INSTRUCT_PATH, body(item(1)));

    expect(res.status).toBe(900);
    expect(res.body.errors).toEqual([
      {
        field: 'withdrawInstructHandlingSaveInfoList[0].deliNo',
        code: 'NOT_IN_STATUS',
        message:
          'no return order detail of this delivery is in 32 반품접수 (found: 34 회수지시, 36 회수완료)',
      },
    ]);
  });

  it('rejects a rtnQty that differs from the accepted return quantity, saying both', async () => {
    await h.load([returnOrder(1, { rtnQty: 2 })]);

    const res = await h.post(INSTRUCT_PATH, body(item(1, 3)));

    expect(res.status).toBe(900);
    expect(res.body.errors).toEqual([
      {
        field: 'withdrawInstructHandlingSaveInfoList[0].rtnQty',
        code: 'RETURN_QTY_MISMATCH',
        message: 'rtnQty 3 differs from the accepted return quantity 2',
      },
    ]);
    expect((await detailsOf(1))[0]?.status).toBe('32');
  });

  it('rejects the same ordNo and deliNo twice in one list', async () => {
    await h.load([returnOrder(1)]);

    const res = await h.post(INSTRUCT_PATH, body(item(1), item(1)));

    expect(res.status).toBe(900);
    expect(res.body.errors).toEqual([
      {
        field: 'withdrawInstructHandlingSaveInfoList[1]',
        code: 'DUPLICATE_ITEM',
        message: 'the same ordNo and deliNo as withdrawInstructHandlingSaveInfoList[0]',
      },
    ]);
  });

  it('rejects the whole batch when one item among many valid ones fails, listing every failure', async () => {
    await h.load([...returnOrders(20), returnOrder(21, { status: '34' })]);
    const before = await h.snapshot();
    const items = Array.from({ length: 21 }, (_, i) => item(i + 1));
    items[5] = item(6, 9);

    const res = await h.post(INSTRUCT_PATH, body(...items));

    expect(res.status).toBe(900);
    expect(res.body.errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
      ['withdrawInstructHandlingSaveInfoList[5].rtnQty', 'RETURN_QTY_MISMATCH'],
      ['withdrawInstructHandlingSaveInfoList[20].deliNo', 'NOT_IN_STATUS'],
    ]);
    expect(await h.snapshot()).toEqual(before);
  });

  it('refuses a second instruction of the same delivery', async () => {
    await h.load([returnOrder(1)]);
    expect((await h.post(INSTRUCT_PATH, body(item(1)))).status).toBe(200);

    const again = await h.post(INSTRUCT_PATH, body(item(1)));

    expect(again.status).toBe(900);
    expect(again.body.errors[0].code).toBe('NOT_IN_STATUS');
    const [detail] = await detailsOf(1);
    expect(await h.em().count(StatusChange, { orderDetailId: detail!.id })).toBe(1);
  });

  it.each([
    [
      'a missing rtnQty',
      { ordNo: orderNo(1), deliNo: deliNo(1) },
      'withdrawInstructHandlingSaveInfoList[0].rtnQty',
    ],
    [
      'a rtnQty given as a string',
      { ...item(1), rtnQty: '2' },
      'withdrawInstructHandlingSaveInfoList[0].rtnQty',
    ],
    [
      'a rtnQty past int32',
      { ...item(1), rtnQty: 2 ** 31 },
      'withdrawInstructHandlingSaveInfoList[0].rtnQty',
    ],
    [
      'an ordNo longer than its column',
      { ...item(1), ordNo: 'X'.repeat(21) },
      'withdrawInstructHandlingSaveInfoList[0].ordNo',
    ],
  ])('answers 900 naming the field for %s', async (_case, bad, field) => {
    await h.load([returnOrder(1)]);

    const res = await h.post(INSTRUCT_PATH, body(bad));

    expect(res.status).toBe(900);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors).toEqual([
      expect.objectContaining({ field, code: 'VALIDATION_FAILED' }),
    ]);
    expect((await detailsOf(1))[0]?.status).toBe('32');
  });

  it('answers 900 for an empty list and for a list over the batch limit', async () => {
    const empty = await h.post(INSTRUCT_PATH, body());
    const tooMany = await h.post(
      INSTRUCT_PATH,
      body(...Array.from({ length: 1001 }, (_, i) => item(i + 1))),
    );

    expect([empty.status, tooMany.status]).toEqual([900, 900]);
    expect(empty.body.errors[0].field).toBe('withdrawInstructHandlingSaveInfoList');
    expect(tooMany.body.errors[0]).toEqual({
      field: 'withdrawInstructHandlingSaveInfoList',
      code: 'VALIDATION_FAILED',
      message: 'must NOT have more than 1000 items',
    });
  });

  it('answers 900 when the list itself is missing', async () => {
    const res = await h.post(INSTRUCT_PATH, {});

    expect(res.status).toBe(900);
    expect(res.body.errors).toEqual([
      {
        field: 'withdrawInstructHandlingSaveInfoList',
        code: 'VALIDATION_FAILED',
        message: 'is required',
      },
    ]);
  });

  it('instructs a 1,000-item batch in one request', async () => {
    await h.load(returnOrders(1000));
    const items = Array.from({ length: 1000 }, (_, i) => item(i + 1));

    const res = await h.post(INSTRUCT_PATH, body(...items));

    expect(res.status).toBe(200);
    expect(res.body.payload.processedCount).toBe(1000);
    expect(await h.em().count(OrderDetail, { status: '34' })).toBe(1000);
    expect(await h.em().count(StatusChange, { toStatus: '34' })).toBe(1000);
    expect(await h.em().count(OrderDelivery, { pickupInstructedAt: { $ne: null } })).toBe(1000);
  });
});
