import { UndeclaredStatusError, createWithdrawalClient } from '../../src/client';
import type { ApiResult, FieldError, StatusOf, WithdrawalClient } from '../../src/client';
import { ContractChecker } from '../support/contract';
import { databaseTargets } from '../support/databases';
import { deliNo, orderNo, returnOrder } from '../support/fixtures';
import { startHarness } from '../support/harness';
import type { Harness } from '../support/harness';
import { listen } from '../support/servers';
import type { Listening } from '../support/servers';
import { signToken } from '../support/tokens';

// Compile-time checks (`make lint` type-checks the tests): the statuses are the spec's.
type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(): T | undefined => undefined;
assertType<Equal<StatusOf<'saveWithdrawInstructProcess'>, 200 | 500 | 900 | 901 | 903>>();
assertType<Equal<StatusOf<'getReady'>, 200 | 503>>();

/** What a caller writes: narrow on the status, then read the body, no casts. */
function refusedFields(result: ApiResult<'saveWithdrawInstructProcess'>): string[] {
  if (result.status === 200) {
    return [];
  }
  // @ts-expect-error -- an error body has no typed payload: only a 200 carries processedCount
  assertType<Equal<typeof result.body.payload.processedCount, number>>();
  const errors: FieldError[] = result.body.errors ?? [];
  return errors.map((e) => e.field);
}

const item = (n: number, rtnQty = 2) => ({ ordNo: orderNo(n), deliNo: deliNo(n), rtnQty });
const API_ROOT = '/api/order';

describe('typed client (src/client) against the running service', () => {
  const [sqlite] = databaseTargets();
  let h: Harness;
  let live: Listening;
  let contract: ContractChecker;
  let client: WithdrawalClient;

  beforeAll(async () => {
    h = await startHarness(sqlite!);
    live = await listen(h.service.app);
    contract = await ContractChecker.create();
    client = createWithdrawalClient({
      baseUrl: `${live.origin}${API_ROOT}`,
      token: () => signToken({ sub: 'client-test' }),
    });
  });
  afterAll(async () => {
    await live.close();
    await h.close();
  });
  beforeEach(async () => {
    await h.reset();
  });

  /** Every answer the client returns is also checked against the spec. */
  function checked<R extends { status: number; body: unknown }>(path: string, result: R): R {
    contract.check('post', `${API_ROOT}${path}`, result);
    return result;
  }
  const INSTRUCT = '/v1/delivery/withdrawProcess/saveWithdrawInstructProcess';

  it('answers 200 with the payload typed by the spec', async () => {
    await h.load([returnOrder(1)]);

    const result = checked(
      INSTRUCT,
      await client.saveWithdrawInstructProcess({ withdrawInstructHandlingSaveInfoList: [item(1)] }),
    );

    expect(result.status).toBe(200);
    if (result.status === 200) {
      expect(result.body.payload.processedCount).toBe(1);
      expect(result.body.payload.orderDetails[0]?.ordDtlStatCd).toBe('34');
    }
  });

  it('types a 900: narrowing on the status reads errors[].field and code', async () => {
    await h.load([returnOrder(1)]);

    const result = checked(
      INSTRUCT,
      await client.saveWithdrawInstructProcess({
        withdrawInstructHandlingSaveInfoList: [item(1), item(2)],
      }),
    );

    expect(result.status).toBe(900);
    expect(refusedFields(result)).toEqual(['withdrawInstructHandlingSaveInfoList[1].ordNo']);
    if (result.status === 900) {
      expect(result.body.code).toBe('ITEMS_REJECTED');
      expect(result.body.errors?.[0]?.code).toBe('ORDER_NOT_FOUND');
    }
  });

  it('answers 901 without a token and 903 with a token that lacks the scope', async () => {
    const anonymous = createWithdrawalClient({ baseUrl: `${live.origin}${API_ROOT}` });
    const unscoped = createWithdrawalClient({
      baseUrl: `${live.origin}${API_ROOT}`,
      token: await signToken({ scope: 'orders:read' }),
    });
    const body = { withdrawInstructHandlingSaveInfoList: [item(1)] };

    const unauthenticated = checked(INSTRUCT, await anonymous.saveWithdrawInstructProcess(body));
    const forbidden = checked(INSTRUCT, await unscoped.saveWithdrawInstructProcess(body));

    expect([unauthenticated.status, forbidden.status]).toEqual([901, 903]);
    expect(refusedFields(unauthenticated)).toEqual(['Authorization']);
  });

  it('asks the token source before every request and sends per-call headers', async () => {
    let asked = 0;
    const counting = createWithdrawalClient({
      baseUrl: `${live.origin}${API_ROOT}`,
      token: () => {
        asked += 1;
        return signToken();
      },
    });

    await counting.getHealth();
    const result = await counting.saveWithdrawInstructProcess(
      { withdrawInstructHandlingSaveInfoList: [item(1)] },
      { headers: { 'X-Request-Id': 'client-call-1' } },
    );

    expect(asked).toBe(2);
    expect(result.response.headers.get('X-Request-Id')).toBe('client-call-1');
  });

  it('reads the probes', async () => {
    const health = await client.getHealth();
    const ready = await client.getReady();

    expect([health.status, ready.status]).toEqual([200, 200]);
    if (ready.status === 200) {
      expect(ready.body.payload.status).toBe('UP');
    }
  });

  it('throws UndeclaredStatusError on a status the spec does not declare', async () => {
    const misrouted = createWithdrawalClient({ baseUrl: `${live.origin}${API_ROOT}/nowhere` });

    const call = misrouted.getHealth();

    await expect(call).rejects.toBeInstanceOf(UndeclaredStatusError);
    await expect(call).rejects.toMatchObject({ status: 904, operationId: 'getHealth' });
  });
});
