import { describeStatus } from '../../src/domain/codes';
import { findStatusUpdateTransition } from '../../src/domain/transitions';
import { MAX_BODY_DEPTH, findUnstorable } from '../../src/http/body-guard';
import { readablePath } from '../../src/http/validation-errors';
import { chooseDeliveryWrites } from '../../src/withdrawal/update-withdrawal-status';

describe('the status rules', () => {
  it('allows exactly 34 → 35 and 35 → 36 for the status update', () => {
    const codes = ['32', '34', '35', '36', '37'];
    const allowed = codes.flatMap((from) =>
      codes.filter((to) => findStatusUpdateTransition(from, to)).map((to) => `${from}→${to}`),
    );

    expect(allowed).toEqual(['34→35', '35→36']);
  });

  it('names known statuses in Korean and leaves unknown ones bare', () => {
    expect(describeStatus('35')).toBe('35 회수확인');
    expect(describeStatus('99')).toBe('99');
  });
});

describe('readable field paths', () => {
  it('turns JSON pointers into list[index].field paths', () => {
    expect(readablePath('/requestBody/withdrawStatUpdateSaveInfoList/12/invNo')).toBe(
      'withdrawStatUpdateSaveInfoList[12].invNo',
    );
    expect(readablePath('/requestBody', 'ordDtlStatCd')).toBe('ordDtlStatCd');
    expect(readablePath('/headers/idempotency-key')).toBe('headers.idempotency-key');
    expect(readablePath('/requestBody/a~1b/0')).toBe('a/b[0]');
  });
});

describe('delivery de-duplication (release v2.00_240729)', () => {
  const item = (deliveryNumber: string, waybillNumber: string, withdrawalFlag?: string) => ({
    orderNumber: 'O1',
    deliveryNumber,
    courierCode: '04',
    waybillNumber,
    withdrawalFlag,
  });

  it('keeps one write per delivery: the first Y, else the first, in first-seen order', () => {
    const writes = chooseDeliveryWrites(
      [
        item('D1', 'a', 'N'),
        item('D2', 'b'),
        item('D1', 'c', 'Y'),
        item('D1', 'd', 'Y'),
        item('D2', 'e', 'N'),
      ],
      new Map(),
    );

    expect(writes.map((w) => [w.deliveryNumber, w.waybillNumber])).toEqual([
      ['D1', 'c'],
      ['D2', 'b'],
    ]);
  });

  it('keeps stored optional fields the winning item leaves out', () => {
    const stored = new Map([
      [
        'D1',
        {
          deliveryNumber: 'D1',
          orderNumber: 'O1',
          deliveryType: 'PARCEL',
          courierCode: null,
          waybillNumber: null,
          withdrawalFlag: 'Y',
          withdrawalCompletionType: '10',
        },
      ],
    ]);

    const [write] = chooseDeliveryWrites([item('D1', 'a')], stored);

    expect(write).toMatchObject({ withdrawalFlag: 'Y', withdrawalCompletionType: '10' });
  });
});

describe('what no column can store', () => {
  it('names each NUL character by its readable path in document order, values and keys alike', () => {
    const body = {
      ordDtlStatCd: '3\u00004',
      withdrawStatUpdateSaveInfoList: [{ ordNo: 'O1' }, { ordNo: 'O\u00002', 'a\u0000b': 1 }],
    };

    expect(findUnstorable(body).map((e) => e.field)).toEqual([
      'ordDtlStatCd',
      'withdrawStatUpdateSaveInfoList[1].ordNo',
      'withdrawStatUpdateSaveInfoList[1].a\u0000b',
    ]);
  });

  it('refuses nesting past the limit once, at the first level too deep', () => {
    let body: unknown = 'leaf';
    for (let level = 0; level <= MAX_BODY_DEPTH; level += 1) {
      body = level % 2 === 0 ? [body] : { x: body };
    }

    const errors = findUnstorable({ list: body });

    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toBe(`is nested deeper than ${MAX_BODY_DEPTH} levels`);
    expect(errors[0]?.field).toMatch(/^list\[0\]\.x\[0\]\.x/);
  });

  it('passes a body with nothing unstorable', () => {
    expect(findUnstorable({ list: [{ ordNo: 'O1', rtnQty: 1 }], flag: null })).toEqual([]);
  });
});
