import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createWithdrawalClient } from '../../src/client';
import type { RequestBodyOf, WithdrawalClient } from '../../src/client';
import type { OrderFile } from '../../src/orders/order-file';
import { ContractChecker } from '../support/contract';
import { deliNo, orderNo, returnOrder } from '../support/fixtures';
import { freePort } from '../support/servers';
import { TEST_SECRET, signToken } from '../support/tokens';
import { answersOk, ensureBuilt, runNode, startNode, waitUntil } from './support/processes';
import type { Child } from './support/processes';

const ROOT = path.resolve(__dirname, '..', '..');
const SERVER = path.join(ROOT, 'dist', 'src', 'server.js');
const LOAD_ORDERS = path.join(ROOT, 'dist', 'src', 'cli', 'load-orders.js');
const EXPORT_ORDERS = path.join(ROOT, 'dist', 'src', 'cli', 'export-orders.js');
const PRISM = path.join(ROOT, 'node_modules', '.bin', 'prism');
const API_ROOT = '/api/order';
const INSTRUCT = '/v1/delivery/withdrawProcess/saveWithdrawInstructProcess';
const STAT_UPDATE = '/v1/delivery/withdrawProcess/saveWithdrawStatUpdateProcess';

// Parcels 1, 2 (a return and an exchange leg) and 4; an e-coupon 3.
const ORDERS = [
  returnOrder(1),
  returnOrder(2, { rtnQty: 1, extraDetails: [{ ordDtlGbCd: '30', rtnQty: 1 }] }),
  returnOrder(3, { deliveryType: 'E_COUPON' }),
  returnOrder(4),
];

type InstructItems =
  RequestBodyOf<'saveWithdrawInstructProcess'>['withdrawInstructHandlingSaveInfoList'];
type UpdateItems = RequestBodyOf<'saveWithdrawStatUpdateProcess'>['withdrawStatUpdateSaveInfoList'];

const item = (n: number, rtnQty = 2) => ({ ordNo: orderNo(n), deliNo: deliNo(n), rtnQty });
const parcel = (n: number, hdcCd: string, invNo: string) => ({
  ordNo: orderNo(n),
  deliNo: deliNo(n),
  hdcCd,
  invNo,
});

/** The server's environment: a fresh SQLite file and the test secret, nothing inherited. */
function serverEnv(dir: string): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(
    ([name]) => !/^(AUTH_|DATABASE_URL$|PORT$|MAX_BATCH_ITEMS$)/.test(name),
  );
  return {
    ...Object.fromEntries(inherited),
    DATABASE_URL: `sqlite:${path.join(dir, 'black-box.db')}`,
    AUTH_JWT_SECRET: TEST_SECRET,
    LOG_LEVEL: 'warn',
  };
}

/** Prism's log lines that report a broken contract, request or response. */
function violationsIn(log: string): string[] {
  return log.split('\n').filter((line) => /violation|✖/i.test(line));
}

describe('black box: the built server behind Prism 5 as a validating proxy', () => {
  let dir: string;
  let server: Child | undefined;
  let prism: Child | undefined;
  let contract: ContractChecker;
  let client: WithdrawalClient;
  let env: NodeJS.ProcessEnv;
  let prismUrl: string;

  beforeAll(async () => {
    ensureBuilt(SERVER);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'black-box-'));
    env = serverEnv(dir);
    const file = path.join(dir, 'orders.json');
    fs.writeFileSync(file, JSON.stringify({ orders: ORDERS } satisfies OrderFile));
    await runNode(LOAD_ORDERS, [file], env);

    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    server = startNode(SERVER, [], { ...env, PORT: String(port) });
    await waitUntil('server', server, () => answersOk(`${origin}${API_ROOT}/ready`));

    // Prism reloads a spec file that changes under it: give it a copy that holds still.
    const spec = path.join(dir, 'openapi.json');
    fs.copyFileSync(path.join(ROOT, 'spec', 'openapi.json'), spec);
    const prismPort = await freePort();
    // Prism serves the spec's paths at its root and appends them to the upstream URL as they
    // are, so the upstream is the API root.
    const upstream = `${origin}${API_ROOT}`;
    const args = ['proxy', spec, upstream, '--errors', '-p', String(prismPort), '-h', '127.0.0.1'];
    prism = startNode(PRISM, args, { ...process.env, SCARF_ANALYTICS: 'false' });
    await waitUntil('prism', prism, () => prism!.output().includes('Prism is listening'));

    contract = await ContractChecker.create();
    prismUrl = `http://127.0.0.1:${prismPort}`;
    client = createWithdrawalClient({
      baseUrl: prismUrl,
      token: () => signToken({ sub: 'black-box-operator' }),
    });
  });

  afterAll(async () => {
    await prism?.stop();
    await server?.stop();
  });

  /** Each answer: checked against the spec here as well, and carrying no Prism violation. */
  function observed<R extends { status: number; body: unknown; response: Response }>(
    method: string,
    operationPath: string,
    result: R,
  ): R {
    contract.check(method, `${API_ROOT}${operationPath}`, result);
    expect(result.response.headers.get('sl-violations')).toBeNull();
    return result;
  }

  async function statusesOf(...numbers: number[]): Promise<string[][]> {
    const exported = await runNode(EXPORT_ORDERS, numbers.map(orderNo), env);
    const file = JSON.parse(exported) as OrderFile;
    return file.orders.map((o) => o.details.map((d) => d.ordDtlStatCd));
  }

  it('runs a day of 회수 through the typed client with zero contract violations', async () => {
    const instruct = (items: InstructItems, headers?: Record<string, string>) =>
      client
        .saveWithdrawInstructProcess({ withdrawInstructHandlingSaveInfoList: items }, { headers })
        .then((r) => observed('post', INSTRUCT, r));
    const update = (from: string, to: string, items: UpdateItems) =>
      client
        .saveWithdrawStatUpdateProcess({
          ordDtlStatCd: from,
          updateTargetOrdDtlStatCd: to,
          withdrawStatUpdateSaveInfoList: items,
        })
        .then((r) => observed('post', STAT_UPDATE, r));

    expect((await client.getHealth().then((r) => observed('get', '/health', r))).status).toBe(200);
    expect((await client.getReady().then((r) => observed('get', '/ready', r))).status).toBe(200);

    const instructed = await instruct([item(1), item(2), item(3)]);
    expect(instructed.status).toBe(200);
    expect(instructed.status === 200 && instructed.body.payload.processedCount).toBe(4);

    const mismatch = await instruct([item(4, 5)]);
    expect(mismatch.status === 900 && mismatch.body.errors).toEqual([
      expect.objectContaining({
        field: 'withdrawInstructHandlingSaveInfoList[0].rtnQty',
        code: 'RETURN_QTY_MISMATCH',
      }),
    ]);
    const again = await instruct([item(1)]);
    expect(again.status === 900 && again.body.errors?.map((e) => e.code)).toEqual([
      'NOT_IN_STATUS',
    ]);

    const retry = { 'Idempotency-Key': 'black-box-instruct-4' };
    const first = await instruct([item(4)], retry);
    const replayed = await instruct([item(4)], retry);
    expect([first.status, replayed.status]).toEqual([200, 200]);
    expect(replayed.response.headers.get('Idempotency-Replayed')).toBe('true');

    const confirmed = await update('34', '35', [
      parcel(1, 'CJ', '612345678901'),
      parcel(2, 'HANJIN', '498765432109'),
      { ordNo: orderNo(3), deliNo: deliNo(3), hdcCd: null, invNo: null },
    ]);
    expect(confirmed.status === 200 && confirmed.body.payload.deliveries).toHaveLength(3);

    const skipped = await update('34', '36', [parcel(2, 'HANJIN', '498765432109')]);
    expect(skipped.status === 900 && skipped.body.code).toBe('TRANSITION_NOT_ALLOWED');
    const noWaybill = await update('35', '36', [
      { ordNo: orderNo(2), deliNo: deliNo(2), hdcCd: 'HANJIN', invNo: null },
    ]);
    expect(noWaybill.status === 900 && noWaybill.body.errors?.[0]?.code).toBe('WAYBILL_REQUIRED');

    const completed = await update('35', '36', [
      { ...parcel(1, 'CJ', '612345678901'), wthdYn: 'Y', wthdFnshGbCd: '10' },
    ]);
    expect(completed.status).toBe(200);

    expect(await statusesOf(1, 2, 3, 4)).toEqual([['36'], ['35', '35'], ['35'], ['34']]);
    expect(violationsIn(prism!.output())).toEqual([]);
  });

  it('passes 901 and 903 through, and Prism finds them on-contract too', async () => {
    const body = { withdrawInstructHandlingSaveInfoList: [item(4)] };
    const forged = createWithdrawalClient({
      baseUrl: prismUrl,
      token: await signToken({ secret: 'another-secret-of-at-least-32-characters' }),
    });
    const unscoped = createWithdrawalClient({
      baseUrl: prismUrl,
      token: await signToken({ scope: 'orders:read' }),
    });

    const unauthenticated = await forged.saveWithdrawInstructProcess(body);
    const forbidden = await unscoped.saveWithdrawInstructProcess(body);

    expect(observed('post', INSTRUCT, unauthenticated).status).toBe(901);
    expect(observed('post', INSTRUCT, forbidden).status).toBe(903);
    expect(violationsIn(prism!.output())).toEqual([]);
  });
});
