import { expect, test, type Page } from '@playwright/test';
import { ConsolePage } from '../../support/console-page.ts';
import { runningForFile } from '../../support/fixtures.ts';
import { writeSql } from '../../support/target.ts';

/**
 * 审计记录 in the console (可追溯、可倒查): an administrator reads the hash-chained audit trail in words, narrows
 * it to the completed demo batch and to one kind of action, pages back through it, shares the filtered address,
 * verifies the chain and exports what the inspectors asked for; a supervisor reaches their batch's records from
 * the batch page; a proctor has no way in and is told why; an edited record is found by the check.
 */
const RESULTS_PLAN_NUMBER = 'DEMO-2026-001';
const EXAM_PLAN_NUMBER = 'DEMO-6-31-01-03-5';

const running = runningForFile();

const table = (page: Page) => page.getByRole('table', { name: '审计记录列表' });
const rows = (page: Page) => table(page).locator('tbody tr');
const shownCount = (page: Page) => page.getByText(/^已显示 \d+ 条/);

async function applyFilter(page: Page, fields: { batch?: string; action?: string }): Promise<void> {
  const bar = page.getByRole('search', { name: '筛选审计记录' });
  if (fields.batch !== undefined) await bar.getByLabel('批次', { exact: true }).selectOption(fields.batch);
  if (fields.action !== undefined) await bar.getByLabel('操作', { exact: true }).selectOption({ label: fields.action });
  await bar.getByRole('button', { name: '筛选', exact: true }).click();
}

test('an administrator filters, pages, shares, verifies and exports the audit trail', async ({ browser }) => {
  const admin = await ConsolePage.signIn(browser, running().server.url, 'admin');
  const page = admin.page;
  await page.getByRole('link', { name: '审计记录', exact: true }).click();
  await expect(page.getByRole('region', { name: '审计记录' })).toBeVisible();
  await expect(rows(page)).toHaveCount(50);
  // Newest first, in words: the administrator's own sign-in first.
  await expect(rows(page).first()).toContainText('周敏（admin）工作人员登录');

  // The completed batch: its own records and those of its room, candidates and attempts, 50 at a time; its
  // certificates were issued at 09:00 Beijing time.
  await applyFilter(page, { batch: RESULTS_PLAN_NUMBER });
  await expect(page).toHaveURL(new RegExp(`/console/audit\\?batch=${RESULTS_PLAN_NUMBER}`));
  await expect(rows(page)).toHaveCount(50);
  const issue = rows(page).filter({ hasText: '核发证书' });
  await expect(issue).toContainText('2026-10-20 09:00:00');
  await expect(issue).toContainText(`批次 ${RESULTS_PLAN_NUMBER}`);
  await expect(table(page)).toContainText('公示认定结果');
  await expect(table(page)).toContainText('交卷');
  await expect(
    table(page)
      .getByRole('link', { name: /^考生 .+（\d+）$/ })
      .first(),
  ).toBeVisible();
  // At 1366×768 the filter bar and the table fit the width: nothing scrolls sideways.
  const pane = await page.locator('.content').evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect(pane.scroll).toBeLessThanOrEqual(pane.client);
  await page.getByRole('button', { name: '加载更早的记录' }).click();
  await expect(rows(page)).toHaveCount(100);
  await page.getByRole('button', { name: '加载更早的记录' }).click();
  await expect(shownCount(page)).toContainText('已到最早的记录');
  await expect(page.getByRole('button', { name: '加载更早的记录' })).toHaveCount(0);
  const total = await rows(page).count();
  expect(total).toBeGreaterThan(100);
  const seqs = await rows(page).evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-seq'))));
  expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
  expect(new Set(seqs).size).toBe(seqs.length);

  // One kind of action within the batch: every row is a results step, named in Chinese (its code on hover).
  await applyFilter(page, { action: '成绩与认定（全部）' });
  await expect(page).toHaveURL(/action=results\./);
  await expect(rows(page).first()).toContainText('核发证书');
  const codes = await rows(page)
    .locator('td:nth-child(4)')
    .evaluateAll((tds) => tds.map((td) => td.getAttribute('title') ?? ''));
  expect(codes.length).toBeGreaterThan(5);
  expect(codes.every((c) => c.startsWith('results.'))).toBe(true);
  const labels = await rows(page).locator('td:nth-child(4)').allInnerTexts();
  expect(labels).toContain('公示认定结果');
  expect(labels.some((l) => l.startsWith('results.'))).toBe(false);
  const filtered = await rows(page).count();

  // The filtered view is an address: reloaded (or shared), it opens the same way.
  await page.reload();
  await expect(rows(page)).toHaveCount(filtered);
  await expect(page.getByLabel('批次', { exact: true })).toHaveValue(RESULTS_PLAN_NUMBER);
  await expect(page.getByLabel('操作', { exact: true })).toHaveValue('results.');
  // The hash is shortened, and in full on hover.
  const hash = rows(page).first().locator('code');
  await expect(hash).toHaveText(/^[0-9a-f]{10}…$/);
  await expect(hash).toHaveAttribute('title', /^本条校验码 [0-9a-f]{64}\n前一条校验码 [0-9a-f]{64}$/);

  await page.getByRole('button', { name: '校验审计链' }).click();
  await expect(page.getByRole('status', { name: '审计链校验结果' })).toHaveText(
    /^审计链完整：共 \d+ 条记录，逐条核对校验码无误$/,
  );

  // The export holds exactly the filtered records, the words and the hashes.
  const workbook = await admin.downloadWorkbook('导出审计记录');
  const sheet = workbook.getWorksheet('审计记录')!;
  expect(sheet.getRow(1).getCell(7).value).toBe('操作');
  expect(sheet.rowCount).toBe(filtered + 1);
  const exported: { seq: number; label: string; code: string; hash: string }[] = [];
  sheet.eachRow((row, n) => {
    if (n > 1)
      exported.push({
        seq: Number(row.getCell(1).value),
        label: String(row.getCell(7).value),
        code: String(row.getCell(8).value),
        hash: String(row.getCell(17).value),
      });
  });
  expect(exported.every((r) => r.code.startsWith('results.'))).toBe(true);
  expect(exported[0]).toMatchObject({
    label: '核发证书',
    code: 'results.issue',
    hash: expect.stringMatching(/^[0-9a-f]{64}$/),
  });
  const about = workbook.getWorksheet('导出说明')!;
  const aboutText = about.getSheetValues().flat().map(String).join(' ');
  expect(aboutText).toContain(`批次：${RESULTS_PLAN_NUMBER}`);
  expect(aboutText).toContain('操作：results.');
  // Exporting is itself on the record, against the batch.
  await applyFilter(page, { action: '导出审计记录' });
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText('周敏（admin）');

  // Editing a stored record behind the server's back breaks the chain at that record.
  writeSql(running().server.options.dbPath, `update audit_log set detail_json = '{"rows":1}' where seq = 3`);
  await page.getByRole('button', { name: '校验审计链' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '审计链' })).toHaveText(
    /^审计链不完整：第 3 条被改动或删除（第 3 条记录的内容已被篡改）/,
  );
  await admin.close();
});

test("a supervisor reads their batch's records from the batch page; a proctor is refused", async ({ browser }) => {
  const qian = await ConsolePage.signIn(browser, running().server.url, 'supervisor_qian');
  await expect(qian.page.getByRole('link', { name: '审计记录', exact: true })).toHaveCount(0);
  await qian.openBatch(EXAM_PLAN_NUMBER);
  await qian.page.getByRole('link', { name: '本批次审计记录' }).click();
  await expect(qian.page).toHaveURL(new RegExp(`/console/audit\\?batch=${EXAM_PLAN_NUMBER}`));
  // The demo's two internal supervisors supervise the demo batches: the page says which, and reads only those.
  await expect(qian.page.getByText(/只显示您督导的批次（/)).toContainText(
    new RegExp(`${RESULTS_PLAN_NUMBER}.*${EXAM_PLAN_NUMBER}|${EXAM_PLAN_NUMBER}.*${RESULTS_PLAN_NUMBER}`),
  );
  await expect(table(qian.page)).toContainText('新建认定批次');
  await expect(qian.page.getByRole('button', { name: '校验审计链' })).toHaveCount(0);
  // A shared address of their other batch opens it, with the filter in the address.
  await qian.page.goto(`${running().server.url}/console/audit?batch=${RESULTS_PLAN_NUMBER}`);
  await expect(table(qian.page)).toContainText('核发证书');
  await applyFilter(qian.page, { batch: EXAM_PLAN_NUMBER });
  await expect(table(qian.page)).toContainText('新建认定批次');
  await qian.close();

  const sun = await ConsolePage.signIn(browser, running().server.url, 'proctor_sun');
  await expect(sun.page.getByRole('link', { name: '认定批次', exact: true })).toBeVisible();
  await expect(sun.page.getByRole('link', { name: '审计记录', exact: true })).toHaveCount(0);
  await sun.close();
  const atAddress = await ConsolePage.signIn(browser, running().server.url, 'proctor_sun', { path: '/console/audit' });
  await expect(atAddress.page.getByRole('alert')).toHaveText(
    '无法查看审计记录：用户 proctor_sun 无权查看审计记录：审计记录只对考务管理员和批次的内部督导员开放 forbidden',
  );
  await expect(atAddress.page.getByRole('alert').locator('code.error-code')).toHaveText('forbidden');
  await expect(atAddress.page.getByRole('table', { name: '审计记录列表' })).toHaveCount(0);
  await atAddress.close();
});
