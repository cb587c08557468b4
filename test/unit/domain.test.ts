import { describeStatus } from '../../src/domain/codes';
import { findStatusUpdateTransition } from '../../src/domain/transitions';
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
