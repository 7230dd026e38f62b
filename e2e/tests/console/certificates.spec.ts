import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { unzipSync } from 'fflate';
import { ConsolePage } from '../../support/console-page.ts';
import { runningForFile } from '../../support/fixtures.ts';
import { readRows } from '../../support/target.ts';

/**
 * Electronic certificates of the completed demo batch: the administrator downloads the batch's PDFs from the
 * console, the QR code printed on one (rendered by poppler, decoded by zbar as a phone would) opens the public
 * page /verify/, which says 有效; after 证书注销 it says 已注销; a query by number with a wrong name gets the same
 * "nothing found" page as an unknown number.
 */
const PLAN_NUMBER = 'DEMO-2026-001';
const running = runningForFile();

function holderOf(target: string, number: string): string {
  const [row] = readRows<{ name: string }>(
    target,
    'select c.name from certificates k join candidates c on c.id = k.candidate_id where k.number = $number',
    { number },
  );
  if (!row) throw new Error(`no certificate ${number} in the server's database`);
  return row.name;
}

/** The QR code of a certificate PDF, as a phone camera would read it: page rendered to PNG, then decoded. */
function qrOf(pdf: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'kaowu-qr-'));
  writeFileSync(join(dir, 'c.pdf'), pdf);
  execFileSync('pdftoppm', ['-r', '150', '-png', '-singlefile', join(dir, 'c.pdf'), join(dir, 'page')]);
  return execFileSync('zbarimg', ['--quiet', '--raw', join(dir, 'page.png')], { encoding: 'utf8' }).trim();
}

test('a downloaded certificate’s QR code opens /verify/: 有效, then 已注销 after revocation', async ({ browser }) => {
  const { server } = running();
  const admin = await ConsolePage.signIn(browser, server.url, 'admin');
  const page = admin.page;
  await admin.openBatch(PLAN_NUMBER);
  await admin.tab('成绩与认定').click();
  const panel = page.getByRole('region', { name: '公示与发证' });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    panel.getByRole('link', { name: '下载电子证书（PDF）' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`${PLAN_NUMBER}-电子证书.zip`);
  const files = unzipSync(new Uint8Array(readFileSync(await download.path())));
  const names = Object.keys(files);
  expect(names.length).toBeGreaterThanOrEqual(18);
  const [file, pdf] = Object.entries(files)[0]!;
  const number = file.slice(0, 22);
  const holder = holderOf(server.options.dbPath, number);
  expect(file).toBe(`${number}-${holder}.pdf`);

  const url = qrOf(pdf);
  expect(url.startsWith(`${server.url}/verify/?t=`)).toBe(true);
  const visitor = await browser.newContext();
  const phone = await visitor.newPage();
  await phone.goto(url);
  await expect(phone.getByRole('status')).toHaveText('有效');
  await expect(phone.locator('dl')).toContainText(number);
  await expect(phone.locator('dl')).toContainText('五级/初级工');
  await expect(phone.locator('dl')).not.toContainText(holder);

  // 证书注销 from the console, with a reason.
  await panel.getByLabel('注销证书编号').fill(number);
  await panel.getByLabel('注销原因').fill('经查弄虚作假取得证书');
  await panel.getByRole('button', { name: '注销证书' }).click();
  await expect(panel.getByText(`证书 ${number} 已注销`)).toBeVisible();
  // The certificate rows (download, revocation, authority numbers) fit a 1366 px wide screen: no sideways scroll.
  await page.setViewportSize({ width: 1366, height: 768 });
  const widths = await panel.evaluate((el) => ({
    page: document.documentElement.scrollWidth,
    window: window.innerWidth,
    panel: el.scrollWidth,
    panelBox: el.clientWidth,
  }));
  expect(widths.page, 'the results screen is wider than 1366 px').toBeLessThanOrEqual(widths.window);
  expect(widths.panel, 'the certificate rows overflow their panel').toBeLessThanOrEqual(widths.panelBox);
  await phone.goto(url);
  await expect(phone.getByRole('status')).toHaveText('已注销');

  // By number and name on the form: the exact name answers; a wrong name looks like an unknown number.
  await phone.goto(`${server.url}/verify/`);
  await phone.getByLabel('证书编号').fill(number);
  await phone.getByLabel('持证人姓名').fill(holder);
  await phone.getByRole('button', { name: '查询' }).click();
  await expect(phone.getByRole('status')).toHaveText('已注销');
  await phone.getByRole('link', { name: '查询其他证书' }).click();
  await phone.getByLabel('证书编号').fill(number);
  await phone.getByLabel('持证人姓名').fill(`${holder}甲`);
  await phone.getByRole('button', { name: '查询' }).click();
  const wrongName = await phone.content();
  await phone.getByLabel('证书编号').fill(`${number.slice(0, 16)}999999`);
  await phone.getByLabel('持证人姓名').fill(holder);
  await phone.getByRole('button', { name: '查询' }).click();
  await expect(phone.getByRole('status')).toContainText('未查询到匹配的证书');
  expect(await phone.content()).toBe(wrongName);
  await visitor.close();
  await admin.close();
});
