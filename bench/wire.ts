/** The two operations under load, their paths and the bodies the load generator sends. */
export type Operation = 'instruct' | 'statUpdate';

const BASE = '/api/order/v1/delivery/withdrawProcess';

export const PATHS: Readonly<Record<Operation, string>> = {
  instruct: `${BASE}/saveWithdrawInstructProcess`,
  statUpdate: `${BASE}/saveWithdrawStatUpdateProcess`,
};

/** Order n of the fixture: `20261203O` and 7 digits (the fixture holds more than 999,999). */
export const orderNumber = (n: number): string => `20261203O${String(n).padStart(7, '0')}`;
export const deliveryNumber = (n: number): string => `D${String(n).padStart(9, '0')}`;

/** Every fixture order has one delivery and one return detail of this quantity. */
export const RETURN_QUANTITY = 1;

function instructItem(n: number) {
  return { ordNo: orderNumber(n), deliNo: deliveryNumber(n), rtnQty: RETURN_QUANTITY };
}

function statUpdateItem(n: number) {
  return {
    ordNo: orderNumber(n),
    deliNo: deliveryNumber(n),
    hdcCd: '04',
    invNo: `6${String(n).padStart(11, '0')}`,
    wthdYn: 'Y',
  };
}

/** The JSON body moving orders `first .. first + count - 1`: 32 → 34, or 34 → 35. */
export function requestBody(operation: Operation, first: number, count: number): string {
  const numbers = Array.from({ length: count }, (_, i) => first + i);
  if (operation === 'instruct') {
    return JSON.stringify({ withdrawInstructHandlingSaveInfoList: numbers.map(instructItem) });
  }
  return JSON.stringify({
    ordDtlStatCd: '34',
    updateTargetOrdDtlStatCd: '35',
    withdrawStatUpdateSaveInfoList: numbers.map(statUpdateItem),
  });
}
