import type { Response } from 'supertest';
import { databaseTargets } from '../support/databases';
import { deliNo, orderNo, returnOrders } from '../support/fixtures';
import { INSTRUCT_PATH, STAT_UPDATE_PATH, startHarness } from '../support/harness';
import type { Harness } from '../support/harness';

const range = (first: number, count: number) => Array.from({ length: count }, (_, i) => first + i);

const instructBody = (numbers: number[]) => ({
  withdrawInstructHandlingSaveInfoList: numbers.map((n) => ({
    ordNo: orderNo(n),
    deliNo: deliNo(n),
    rtnQty: 2,
  })),
});

const statUpdateBody = (numbers: number[]) => ({
  ordDtlStatCd: '34',
  updateTargetOrdDtlStatCd: '35',
  withdrawStatUpdateSaveInfoList: numbers.map((n) => ({
    ordNo: orderNo(n),
    deliNo: deliNo(n),
    hdcCd: '04',
    invNo: `6${String(n).padStart(11, '0')}`,
    wthdYn: 'Y',
  })),
});

/** `select`, `update`, `begin`…: what each statement does, in order. */
const verbs = (statements: readonly string[]) =>
  statements.map((sql) => sql.trim().split(/\s+/)[0]?.toLowerCase());

describe.each(databaseTargets())('SQL statements per request on $name', (target) => {
  let h: Harness;
  let statements: string[] = [];

  beforeAll(async () => {
    h = await startHarness(target, {}, { onQuery: (sql) => statements.push(sql) });
  });
  afterAll(async () => {
    await h.close();
  });
  beforeEach(async () => {
    await h.reset();
  });

  async function statementsOf(send: () => Promise<Response>): Promise<string[]> {
    statements = [];
    const res = await send();
    expect(res.status).toBe(200);
    return statements;
  }

  it('회수지시 sends as many statements for 1,000 items as for 1', async () => {
    await h.load(returnOrders(1001));

    const one = await statementsOf(() => h.post(INSTRUCT_PATH, instructBody([1])));
    const thousand = await statementsOf(() => h.post(INSTRUCT_PATH, instructBody(range(2, 1000))));

    expect(one.length).toBeGreaterThan(0);
    expect(thousand.length).toBe(one.length);
    expect(verbs(thousand)).toEqual(verbs(one));
  });

  it('회수 진행상태 수정 sends as many statements for 1,000 items as for 1', async () => {
    await h.load(returnOrders(1001, { status: '34' }));

    const one = await statementsOf(() => h.post(STAT_UPDATE_PATH, statUpdateBody([1])));
    const thousand = await statementsOf(() =>
      h.post(STAT_UPDATE_PATH, statUpdateBody(range(2, 1000))),
    );

    expect(one.length).toBeGreaterThan(0);
    expect(thousand.length).toBe(one.length);
    expect(verbs(thousand)).toEqual(verbs(one));
  });
});
