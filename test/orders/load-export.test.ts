import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Order, OrderDelivery, OrderDetail } from '../../src/db/entities';
import { exportOrders } from '../../src/orders/export-orders';
import { loadOrders } from '../../src/orders/load-orders';
import { OrderFileError } from '../../src/orders/order-file';
import { databaseTargets } from '../support/databases';
import { deliNo, orderNo, returnOrder } from '../support/fixtures';
import { INSTRUCT_PATH, useHarness } from '../support/harness';

const run = promisify(execFile);

describe.each(databaseTargets())('load-orders and export-orders on $name', (target) => {
  const h = useHarness(target);

  it('loads a file in one go and a second load of it changes nothing', async () => {
    const file = { orders: [returnOrder(1), returnOrder(2, { deliveryType: 'E_COUPON' })] };

    const first = await loadOrders(h.em(), file);
    const before = await h.snapshot();
    const second = await loadOrders(h.em(), file);

    expect(first).toEqual({ orders: 2, deliveries: 2, details: 2, skipped: 0 });
    expect(second).toEqual({ orders: 0, deliveries: 0, details: 0, skipped: 6 });
    expect(await h.snapshot()).toEqual(before);
  });

  it('refuses a bad file whole, naming every failing record', async () => {
    const bad = {
      orders: [
        returnOrder(1),
        { ...returnOrder(2), details: [{ ...returnOrder(2).details[0], rtnQty: 'two' }] },
        { ...returnOrder(3), deliveries: [{ deliNo: deliNo(3), deliveryType: 'TRUCK' }] },
      ],
    };

    const attempt = loadOrders(h.em(), bad);

    await expect(attempt).rejects.toBeInstanceOf(OrderFileError);
    await expect(attempt).rejects.toMatchObject({
      problems: [
        'orders[1].details[0].rtnQty: must be integer',
        'orders[2].deliveries[0].deliveryType: must be equal to one of the allowed values',
      ],
    });
    expect(await h.em().count(Order, {})).toBe(0);
  });

  it('refuses a detail whose delivery is not one of its order', async () => {
    const order = { ...returnOrder(1), details: [{ ...returnOrder(1).details[0]!, deliNo: 'D9' }] };

    await expect(loadOrders(h.em(), { orders: [order] })).rejects.toMatchObject({
      problems: [`orders[0].details[0].deliNo: D9 is not a delivery of ${orderNo(1)}`],
    });
  });

  it('refuses a delivery number that already belongs to another order', async () => {
    await loadOrders(h.em(), { orders: [returnOrder(1)] });
    const thief = {
      ...returnOrder(2),
      deliveries: [{ deliNo: deliNo(1), deliveryType: 'PARCEL' as const }],
    };
    thief.details[0]!.deliNo = deliNo(1);

    await expect(loadOrders(h.em(), { orders: [thief] })).rejects.toMatchObject({
      problems: [`orders[0].deliveries[0].deliNo: ${deliNo(1)} belongs to ${orderNo(1)}`],
    });
    expect(await h.em().count(Order, {})).toBe(1);
  });

  it('exports current state with status history, and an export loads again as it is', async () => {
    await h.load([returnOrder(1, { delivery: { hdcCd: '04', invNo: 'W-1', wthdYn: 'N' } })]);
    await h.post(INSTRUCT_PATH, {
      withdrawInstructHandlingSaveInfoList: [{ ordNo: orderNo(1), deliNo: deliNo(1), rtnQty: 2 }],
    });

    const exported = await exportOrders(h.em(), [orderNo(1), 'NOPE']);

    expect(exported.missing).toEqual(['NOPE']);
    expect(exported.orders).toEqual([
      {
        ordNo: orderNo(1),
        deliveries: [
          {
            deliNo: deliNo(1),
            deliveryType: 'PARCEL',
            hdcCd: '04',
            invNo: 'W-1',
            wthdYn: 'N',
            wthdFnshGbCd: null,
            wthdIndcDtm: expect.any(String),
            wthdCnfmDtm: null,
            wthdFnshDtm: null,
            waybillHistory: [],
          },
        ],
        details: [
          expect.objectContaining({
            ordSeq: 1,
            ordDtlStatCd: '34',
            rtnQty: 2,
            history: [
              expect.objectContaining({ befStatCd: '32', aftStatCd: '34', chgId: 'bo-operator-1' }),
            ],
          }),
        ],
      },
    ]);

    await h.reset();
    await loadOrders(h.em(), exported);
    const reloaded = await h.em().findOneOrFail(OrderDetail, { orderNumber: orderNo(1) });
    expect(reloaded.status).toBe('34');
    expect(
      (await h.em().findOneOrFail(OrderDelivery, { deliveryNumber: deliNo(1) })).waybillNumber,
    ).toBe('W-1');
  });
});

describe('the order CLIs', () => {
  const dist = path.resolve(__dirname, '../../dist/src/cli');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'withdrawal-cli-'));
  const env = { ...process.env, DATABASE_URL: `sqlite:${path.join(dir, 'cli.db')}` };

  beforeAll(() => {
    if (!fs.existsSync(path.join(dist, 'load-orders.js'))) {
      throw new Error('dist/ is missing: run `npm run build` first (make test does)');
    }
  });

  it('loads the demo file once, skips it when the database holds orders, and exports it', async () => {
    const demo = path.resolve(__dirname, '../../demo/orders.json');

    const first = await run('node', [path.join(dist, 'load-orders.js'), '--if-empty', demo], {
      env,
    });
    const second = await run('node', [path.join(dist, 'load-orders.js'), '--if-empty', demo], {
      env,
    });
    const exported = await run('node', [path.join(dist, 'export-orders.js'), '20261203O000005'], {
      env,
    });

    expect(JSON.parse(first.stdout)).toEqual({ orders: 5, deliveries: 5, details: 6, skipped: 0 });
    expect(second.stdout).toBe('database already holds orders: nothing loaded\n');
    const { orders } = JSON.parse(exported.stdout);
    expect(orders[0].deliveries[0]).toMatchObject({ deliNo: 'D000000005', invNo: '512345678901' });
  });

  it('exits 1 naming the failing record of a bad file, and 1 naming unknown orders', async () => {
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(
      bad,
      JSON.stringify({ orders: [{ ordNo: 'X', deliveries: [], details: [{}] }] }),
    );

    await expect(
      run('node', [path.join(dist, 'load-orders.js'), bad], { env }),
    ).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('orders[0].details[0].ordSeq: is required'),
    });
    await expect(
      run('node', [path.join(dist, 'export-orders.js'), 'NOPE'], { env }),
    ).rejects.toMatchObject({
      code: 1,
      stderr: 'not found: NOPE\n',
    });
  });
});
