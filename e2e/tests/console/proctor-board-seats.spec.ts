import { expect, test, type Browser, type Page } from '@playwright/test';
import { ConsolePage } from '../../support/console-page.ts';
import { ExamPage } from '../../support/exam-page.ts';
import { startRunning, type Running } from '../../support/fixtures.ts';

/**
 * The seat tiles of the live board, as the proctor reads and uses them: a seat with anomalies stands out (and a
 * return to fullscreen is none), each seat has its own extension minutes, 缺考 is marked from the board, and the
 * time left reads as on the candidate's screen.
 */
let running: Running;
test.beforeAll(async () => {
  running = await startRunning();
});
test.afterAll(async () => {
  await running?.dispose();
});

async function device(browser: Browser): Promise<ExamPage> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  return new ExamPage(await context.newPage(), running.server.url);
}

async function board(browser: Browser, roomId: string): Promise<{ proctor: ConsolePage; page: Page }> {
  const proctor = await ConsolePage.signIn(browser, running.server.url, running.db.proctorOf(roomId), {
    path: `/console/rooms/${encodeURIComponent(roomId)}`,
  });
  await proctor.page.setViewportSize({ width: 1366, height: 768 });
  await expect(proctor.page.getByRole('region', { name: '考场看板' }).getByText('实时')).toBeVisible();
  return { proctor, page: proctor.page };
}

test('a seat with anomalies stands out with its count; coming back to fullscreen adds none', async ({ browser }) => {
  const candidate = running.take();
  const quiet = running.take();
  const { proctor, page } = await board(browser, candidate.roomId);
  const tile = page.locator(`article.tile[data-ticket="${candidate.ticket}"]`);
  const exam = await device(browser);
  await exam.enter(candidate);
  await expect(tile.locator('.seat-status')).toHaveText('答题中');
  await expect(tile).not.toHaveClass(/anomalous/);

  await exam.page.evaluate(() => document.exitFullscreen());
  await expect(exam.cover).toHaveAttribute('data-reason', 'fullscreen');
  await expect(tile).toHaveClass(/anomalous/);
  await expect(tile.locator('.anomaly-badge')).toHaveText('异常 1');
  const red = await tile.evaluate((el) => getComputedStyle(el).borderTopColor);
  const other = page.locator(`article.tile[data-ticket="${quiet.ticket}"]`);
  expect(await other.evaluate((el) => getComputedStyle(el).borderTopColor)).not.toBe(red);

  // The tiles with their new controls still fit the width of the screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

  await exam.page.getByRole('button', { name: '进入全屏，继续答题' }).click();
  await expect(exam.item).toBeVisible();
  // The return shows as the latest event, and the count stays at one.
  await expect(tile.locator('.last-event')).toContainText('回到全屏');
  await expect(tile.locator('.anomaly-badge')).toHaveText('异常 1');
  await exam.page.context().close();
  await proctor.close();
});

test("a seat's 延时 uses its own minutes, not the room-level field", async ({ browser }) => {
  const candidate = running.take();
  const { proctor, page } = await board(browser, candidate.roomId);
  const tile = page.locator(`article.tile[data-ticket="${candidate.ticket}"]`);
  const exam = await device(browser);
  await exam.enter(candidate);
  await expect(tile.locator('.seat-status')).toHaveText('答题中');
  await page.getByLabel('全场延时（分钟）').fill('30');
  await tile.getByLabel(`${candidate.name} 延时分钟数`).fill('7');
  const [dialog] = await Promise.all([
    page.waitForEvent('dialog'),
    tile.getByRole('button', { name: '延时（分钟）' }).click(),
  ]);
  expect(dialog.message()).toBe(`确定为 ${candidate.name} 延时 7 分钟？`);
  await expect(page.getByRole('status')).toHaveText(`${candidate.name} 已延时 7 分钟`);
  await expect(tile.locator('.last-record')).toContainText('延时 7 分钟');
  await exam.page.context().close();
  await proctor.close();
});

test('缺考 is marked from the board for a candidate who has not logged in, and their login is refused', async ({
  browser,
}) => {
  const candidate = running.take();
  const { proctor, page } = await board(browser, candidate.roomId);
  const tile = page.locator(`article.tile[data-ticket="${candidate.ticket}"]`);
  await expect(tile.locator('.seat-status')).toHaveText('未登录');
  const [dialog] = await Promise.all([
    page.waitForEvent('dialog'),
    tile.getByRole('button', { name: '登记缺考' }).click(),
  ]);
  expect(dialog.message()).toBe(`确定登记 ${candidate.name} 缺考？登记后该考生不能再开始答题。`);
  await expect(tile.locator('.seat-status')).toHaveText('缺考');
  await expect(page.getByRole('log').locator('li[data-action="candidate.absent"]').first()).toBeVisible();

  const exam = await device(browser);
  await exam.goto();
  await exam.fillLogin(candidate);
  await expect(exam.page.getByRole('alert')).toContainText('缺考');
  await expect(exam.page.getByRole('button', { name: '开始答题' })).toHaveCount(0);
  await exam.page.context().close();
  await proctor.close();
});

test("time left reads the same on the candidate's screen and the board (h:mm:ss)", async ({ browser }) => {
  const candidate = running.take();
  const { proctor, page } = await board(browser, candidate.roomId);
  const exam = await device(browser);
  await exam.enter(candidate);
  const mine = (await exam.page.locator('.kw-countdown-value').textContent())!;
  expect(mine).toMatch(/^\d:\d\d:\d\d$/);
  const left = page.locator(`article.tile[data-ticket="${candidate.ticket}"] .time-left`);
  await expect(left).toHaveText(/^\d:\d\d:\d\d$/);
  // Same hours and minutes (the seconds tick between the two reads).
  const minutes = (t: string) => Math.floor(t.split(':').reduce((a, n) => a * 60 + Number(n), 0) / 60);
  expect(Math.abs(minutes((await left.textContent())!) - minutes(mine))).toBeLessThanOrEqual(1);
  await exam.page.context().close();
  await proctor.close();
});
