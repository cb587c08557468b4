import type { Page, Response as BrowserResponse } from 'playwright-core';
import { OrderDetail, StatusChange } from '../../src/db/entities';
import { DOCS_PATH } from '../../src/http/docs';
import { ContractChecker } from '../support/contract';
import { databaseTargets } from '../support/databases';
import { deliNo, orderNo, returnOrder } from '../support/fixtures';
import { INSTRUCT_PATH, startHarness } from '../support/harness';
import type { Harness } from '../support/harness';
import { listen } from '../support/servers';
import type { Listening } from '../support/servers';
import { signToken } from '../support/tokens';
import { browserSuite, launchChromium } from './support/chromium';

const suite = browserSuite();
const OPERATOR = 'docs-page-operator';

/** Everything the page did that a docs page should not: errors, CSP refusals, other origins. */
interface PageTrouble {
  readonly errors: string[];
  readonly foreignRequests: string[];
}

function watch(page: Page, origin: string): PageTrouble {
  const trouble: PageTrouble = { errors: [], foreignRequests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') {
      trouble.errors.push(message.text());
    }
  });
  page.on('pageerror', (error) => trouble.errors.push(error.message));
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(`${origin}/`) && !url.startsWith('data:')) {
      trouble.foreignRequests.push(url);
    }
  });
  return trouble;
}

async function authorize(page: Page, token: string): Promise<void> {
  await page.locator('button.authorize').first().click();
  const dialog = page.locator('.modal-ux');
  await dialog.locator('.auth-container input').first().fill(token);
  await dialog.locator('button.modal-btn.authorize').click();
  await dialog.getByText('Authorized').waitFor();
  await dialog.locator('button.btn-done').click();
}

/** Opens the operation, fills the body and executes it; returns what the browser received. */
async function tryItOut(page: Page, operationId: string, body: unknown) {
  const operation = page.locator(`#operations-회수-${operationId}`);
  await operation.locator('.opblock-summary').click();
  await operation.getByRole('button', { name: 'Try it out' }).click();
  await operation.locator('textarea.body-param__text').fill(JSON.stringify(body));
  const answered = page.waitForResponse((r) => r.url().endsWith(INSTRUCT_PATH));
  await operation.getByRole('button', { name: 'Execute' }).click();
  const response: BrowserResponse = await answered;
  const shown = operation.locator('.live-responses-table .response');
  await shown.waitFor();
  return {
    response,
    shownStatus: (await shown.locator('.response-col_status').textContent())?.trim(),
    shownBody: await shown.locator('.response-col_description pre').first().textContent(),
  };
}

(suite.run ? describe : describe.skip)('API docs page in headless Chromium', () => {
  const [sqlite] = databaseTargets();
  let h: Harness;
  let live: Listening;
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;

  beforeAll(async () => {
    if (suite.missing) {
      throw new Error(`CI=true: the browser test cannot run: ${suite.missing}`);
    }
    h = await startHarness(sqlite!);
    live = await listen(h.service.app);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await live?.close();
    await h?.close();
  });

  it('shows both 회수 operations and runs 회수지시 with "Try it out" against this server', async () => {
    await h.load([returnOrder(1)]);
    const token = await signToken({ sub: OPERATOR });
    const page = await browser!.context.newPage();
    const trouble = watch(page, live.origin);

    await page.goto(`${live.origin}${DOCS_PATH}`);
    const instruct = page.locator('#operations-회수-saveWithdrawInstructProcess');
    const statUpdate = page.locator('#operations-회수-saveWithdrawStatUpdateProcess');
    await instruct.waitFor();
    expect(await instruct.locator('.opblock-summary-description').textContent()).toBe(
      '회수지시(BO)',
    );
    expect(await statUpdate.locator('.opblock-summary-description').textContent()).toBe(
      '회수 진행상태 수정(BO)',
    );

    await page.locator('.servers select').selectOption('/api/order/');
    await authorize(page, token);
    const body = {
      withdrawInstructHandlingSaveInfoList: [{ ordNo: orderNo(1), deliNo: deliNo(1), rtnQty: 2 }],
    };
    const { response, shownStatus, shownBody } = await tryItOut(
      page,
      'saveWithdrawInstructProcess',
      body,
    );

    expect(response.url()).toBe(`${live.origin}${INSTRUCT_PATH}`);
    expect(response.request().headers().authorization).toBe(`Bearer ${token}`);
    const answer = { status: response.status(), body: (await response.json()) as unknown };
    (await ContractChecker.create()).check('post', INSTRUCT_PATH, answer);
    expect(shownStatus).toBe('200');
    expect(JSON.parse(shownBody ?? '')).toEqual(answer.body);
    expect(answer.body).toMatchObject({
      code: 'SUCCESS',
      payload: { processedCount: 1, orderDetails: [{ ordNo: orderNo(1), ordDtlStatCd: '34' }] },
    });

    const detail = await h.em().findOneOrFail(OrderDetail, { orderNumber: orderNo(1) });
    expect(detail.status).toBe('34');
    const history = await h.em().find(StatusChange, { orderDetailId: detail.id });
    expect(history.map((c) => c.changedBy)).toEqual([OPERATOR]);
    expect(trouble).toEqual({ errors: [], foreignRequests: [] });
  });
});
