import { expect, test } from '../../support/fixtures.ts';
import { ExamPage } from '../../support/exam-page.ts';

test.describe('moving to another computer (换机)', () => {
  test('a second browser is refused until the proctor approves, then resumes with every answer', async ({
    browser,
    page,
    exam,
    candidate,
  }) => {
    const answered = await exam.enterAndAnswer(candidate, 4);
    const firstDevice = candidate.attempt()!.deviceId;

    // Another machine: a new browser context is a new device.
    const other = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const second = new ExamPage(await other.newPage(), exam.base);
    await second.goto();
    await second.fillLogin(candidate);
    await expect(second.page.getByRole('alert')).toContainText('已向监考员申请换机');
    await expect(second.page.getByRole('heading', { name: '请核对考生信息' })).toHaveCount(0);

    const proctor = await candidate.proctor();
    const seat = (await proctor.room(candidate.roomId)).seats.find((s) => s.ticket === candidate.ticket)!;
    expect(seat.transferId).not.toBeNull();
    // Until approved, trying again is still refused (and waits again).
    await second.page.getByRole('button', { name: '登录' }).click();
    await expect(second.page.getByRole('alert')).toContainText('批准后本机将自动继续答题');
    await proctor.approveTransfer(seat.transferId!);

    // No second 登录: the approval reaches this computer and it goes on by itself; the old one is told at once.
    // The exam had started on the first computer: no confirmation again, the running clock goes on; the paper
    // waits behind the fullscreen cover like after a reload.
    await expect(second.page.getByRole('heading', { name: '请核对考生信息' })).toHaveCount(0);
    await second.page.getByRole('button', { name: '进入全屏，继续答题' }).click();
    await expect(second.item).toBeVisible();
    expect(await second.answeredCount()).toBe(4);
    for (const code of answered.keys())
      await expect(second.page.locator(`.kw-sheet-grid .kw-cell.answered[data-item="${code}"]`)).toHaveCount(1);
    // It goes on from there: a new answer is stored from the new device.
    await second.page.locator(`.kw-sheet-grid .kw-cell:not(.answered)`).first().click();
    await second.answerByKeys();
    await second.expectSaved();
    expect(candidate.storedAnswers().size).toBe(5);
    expect(candidate.attempt()!.deviceId).not.toBe(firstDevice);

    // The old machine can no longer answer: it says where the exam went, and a key press saves nothing.
    await expect(page.getByRole('heading', { name: '考试已转到另一台电脑' })).toBeVisible();
    await page.keyboard.press('a');
    expect(candidate.storedAnswers().size).toBe(5);
    await other.close();
  });
});
