import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { ConsolePage } from '../../support/console-page.ts';
import { ExamPage } from '../../support/exam-page.ts';
import { startRunning, type Running } from '../../support/fixtures.ts';

/**
 * The proctor's story on the live room board, in real Chromium against the real server: every action is asked
 * for in a confirmation dialog, shows on the candidate's screen, and lands in the board's audit trail.
 */
const PLAN_NUMBER = 'DEMO-6-31-01-03-5';

let running: Running;
test.beforeAll(async () => {
  running = await startRunning();
});
test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus)
    await testInfo.attach('server output', { body: running.server.output, contentType: 'text/plain' });
});
test.afterAll(async () => {
  await running?.dispose();
});

/** Clicks, expects a confirmation dialog asking exactly that (ConsolePage accepts it), and returns once asked. */
async function confirmed(page: Page, control: Locator, question: string): Promise<void> {
  const [dialog] = await Promise.all([page.waitForEvent('dialog'), control.click()]);
  expect(dialog.type()).toBe('confirm');
  expect(dialog.message()).toBe(question);
}

/** A candidate's machine: a browser context of its own is a device of its own. */
async function device(browser: Browser): Promise<ExamPage> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  return new ExamPage(await context.newPage(), running.server.url);
}

// Open, pause, extend, transfer, note, force-submit — each confirmed and audited.
test('a proctor runs the room from the live board', async ({ browser }) => {
  const candidate = running.take();
  const proctorName = running.db.proctorOf(candidate.roomId);
  const proctor = await ConsolePage.signIn(browser, running.server.url, proctorName);
  const { page } = proctor;
  await proctor.openBatch(PLAN_NUMBER);
  await proctor.openRoomBoard();
  const board = page.getByRole('region', { name: '考场看板' });
  const log = board.getByRole('log');
  /** The record of `action` by this proctor, in the board's audit list, that also says `text`. */
  const logged = (action: string, text: string) =>
    log.locator(`li[data-action="${action}"]`).filter({ hasText: proctorName }).filter({ hasText: text }).first();
  const tile = board.locator(`article.tile[data-ticket="${candidate.ticket}"]`);
  const seatLabel = `${candidate.seat} 号 ${candidate.name}`;
  await expect(board.getByText('实时')).toBeVisible();
  await expect(tile.locator('.seat-status')).toHaveText('未登录');

  await test.step('open the room (the demo opened it: close it, then open it again)', async () => {
    await confirmed(page, board.getByRole('button', { name: '结束考场' }), '确定结束考场 01？结束后考生不能再登录。');
    await expect(board.getByTestId('room-status')).toHaveText('已结束');
    await expect(logged('room.close', '结束考场')).toBeVisible();
    await confirmed(page, board.getByRole('button', { name: '开放考场' }), '确定开放考场 01？考生即可登录开考。');
    await expect(board.getByTestId('room-status')).toHaveText('已开考');
    await expect(logged('room.open', '全场')).toBeVisible();
  });

  const first = await device(browser);
  await test.step('a candidate logs in and starts: the tile changes live', async () => {
    await first.enter(candidate);
    await expect(tile.locator('.seat-status')).toHaveText('答题中');
    await expect(log.locator('li[data-action="attempt.start"]').filter({ hasText: seatLabel })).toContainText(
      '考生本人',
    );
    await first.answerSeveral(2);
    await first.expectSaved();
    await expect(tile.locator('.answered')).toHaveText(/^2\/\d+$/);
    await expect(tile.getByRole('progressbar')).toHaveAttribute('value', '2');
  });

  await test.step('pause the whole room: the candidate sees it paused and cannot answer; then resume', async () => {
    await confirmed(page, board.getByRole('button', { name: '全场暂停' }), '确定暂停全场？所有考生计时停止。');
    await expect(board.getByTestId('room-status')).toHaveText('已开考（暂停中）');
    await expect(tile.locator('.seat-status')).toHaveText('已暂停');
    await expect(logged('room.pause', '全场暂停')).toBeVisible();
    // The client learns it at once (its watch): the paper is covered, keys do nothing.
    await expect(first.cover).toHaveAttribute('data-reason', 'paused');
    await expect(first.page.getByRole('heading', { name: '考试已暂停' })).toBeVisible();
    await expect(first.item).toHaveCount(0);
    await first.page.keyboard.press('a');
    expect(running.db.answers(candidate.ticket).size).toBe(2);

    await confirmed(page, board.getByRole('button', { name: '全场恢复' }), '确定恢复全场？');
    await expect(board.getByTestId('room-status')).toHaveText('已开考');
    await expect(tile.locator('.seat-status')).toHaveText('答题中');
    await expect(logged('room.resume', '全场恢复')).toBeVisible();
    await expect(first.cover).toHaveCount(0);
    await expect(first.item).toBeVisible();
  });

  await test.step("extend one candidate's time: time left grows on the tile", async () => {
    // "1:29:54" or "29:54": whole minutes left.
    const minutesLeft = async () =>
      Math.floor(
        ((await tile.locator('.time-left').textContent()) ?? '').split(':').reduce((t, n) => t * 60 + Number(n), 0) /
          60,
      );
    const before = await minutesLeft();
    await tile.getByLabel(`${candidate.name} 延时分钟数`).fill('15');
    await confirmed(
      page,
      tile.getByRole('button', { name: '延时（分钟）' }),
      `确定为 ${candidate.name} 延时 15 分钟？`,
    );
    await expect(board.getByRole('status')).toHaveText(`${candidate.name} 已延时 15 分钟`);
    await expect.poll(minutesLeft).toBeGreaterThanOrEqual(before + 14);
    await expect(logged('attempt.extend', seatLabel)).toContainText('延时 15 分钟');
    await expect(tile.locator('.last-record')).toContainText('延时 15 分钟');
  });

  const second = await device(browser);
  // The new device then goes on.
  await test.step('a second device asks for a transfer; the proctor approves it on the board', async () => {
    await second.goto();
    await second.fillLogin(candidate);
    await expect(second.page.getByRole('alert')).toContainText('请联系监考员');
    await expect(tile.getByText('申请换机', { exact: true })).toBeVisible();
    await confirmed(
      page,
      tile.getByRole('button', { name: '批准换机' }),
      `确认 ${candidate.name} 换机？旧设备将立即失效。`,
    );
    await expect(logged('attempt.transfer', seatLabel)).toContainText('批准换机');
    await expect(tile.getByText('申请换机', { exact: true })).toHaveCount(0);

    await second.page.getByRole('button', { name: '登录' }).click();
    // The clock already runs: the new device resumes (straight into the paper, or through the start screen).
    await second.page.getByRole('button', { name: /^(开始答题|进入全屏，继续答题)$/ }).click();
    await expect(second.item).toBeVisible();
    expect(await second.answeredCount()).toBe(2);
    await second.page.locator('.kw-sheet-grid .kw-cell:not(.answered)').first().click();
    await second.answerByKeys();
    await second.expectSaved();
    await expect(tile.locator('.answered')).toHaveText(/^3\/\d+$/);
    // The old machine is done: its next key press finds the exam gone to the other computer.
    await first.page.keyboard.press('a');
    await expect(first.page.getByRole('heading', { name: '考试已转到另一台电脑' })).toBeVisible();
  });

  await test.step('write an incident note about the seat', async () => {
    const note = `${candidate.name} 换机：原电脑键盘失灵，已更换到备用机`;
    await board.getByLabel('涉及考生').selectOption({ label: seatLabel });
    await board.getByLabel('情况记录').fill(note);
    await confirmed(
      page,
      board.getByRole('button', { name: '记录情况' }),
      `确定记录这条考场情况？（${seatLabel}）\n${note}`,
    );
    await expect(board.getByRole('status')).toHaveText('情况已记录');
    await expect(logged('room.incident', seatLabel)).toContainText(`情况记录：${note}`);
    await expect(board.getByLabel('情况记录')).toHaveValue('');
  });

  await test.step("force-submit: the candidate's screen says the proctor submitted the paper", async () => {
    await confirmed(
      page,
      tile.getByRole('button', { name: '收卷' }),
      `确定强制 ${candidate.name} 交卷？此操作不可撤销。`,
    );
    await expect(tile.locator('.seat-status')).toHaveText('已交卷');
    await expect(logged('attempt.submit', seatLabel)).toContainText('强制收卷');
    await expect(tile.getByRole('button', { name: '收卷' })).toHaveCount(0);
    // Told at once, and told who did it: not "您已交卷".
    await expect(second.page.getByRole('heading', { name: '监考员已为您收卷' })).toBeVisible({ timeout: 1000 });
    expect(running.db.attempt(candidate.ticket)).toMatchObject({ status: 'submitted', submitReason: 'proctor' });
  });

  // The trail reads newest first and holds every step of the story in order: the proctor's eight actions, and
  // between the room's opening and the pause the candidate's own start.
  const trail = await log
    .locator('li')
    .evaluateAll((items) =>
      items.map((li) => ({ action: li.getAttribute('data-action'), text: li.textContent ?? '' })),
    );
  expect(
    trail
      .filter((e) => e.text.includes(proctorName))
      .map((e) => e.action)
      .slice(0, 8),
  ).toEqual([
    'attempt.submit',
    'room.incident',
    'attempt.transfer',
    'attempt.extend',
    'room.resume',
    'room.pause',
    'room.open',
    'room.close',
  ]);
  const pause = trail.findIndex((e) => e.action === 'room.pause');
  const opened = trail.findIndex((e) => e.action === 'room.open');
  expect(trail.slice(pause + 1, opened).every((e) => e.text.includes('考生本人') && e.text.includes(seatLabel))).toBe(
    true,
  );
  expect(trail.slice(pause + 1, opened).map((e) => e.action)).toContain('attempt.start');
  await first.page.context().close();
  await second.page.context().close();
  await proctor.close();
});
