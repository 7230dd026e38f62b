import { ExamDb } from '../../support/db.ts';
import { ExamPage } from '../../support/exam-page.ts';
import { expect, startRunning, test, type Running } from '../../support/fixtures.ts';

/** Seconds the candidate has: the server's clock is moved to just before the end of the demo exam window. */
const LEFT_S = 20;

test.describe('when the time is up', () => {
  let late: Running;
  test.beforeAll(async () => {
    const template = new ExamDb(process.env.KAOWU_E2E_TEMPLATE_DB!);
    const first = template.candidates()[0]!;
    // The window's end cuts the attempt's duration: starting LEFT_S before it leaves LEFT_S to answer.
    late = await startRunning({ clockOffsetMs: template.windowEnd(first.ticket) - Date.now() - (LEFT_S + 5) * 1000 });
  });
  test.afterAll(async () => {
    await late?.dispose();
  });

  // The candidate sees the finished screen, and later logins are refused.
  test('the paper closes at zero and the server submits', async ({ page }) => {
    test.setTimeout(150_000);
    const candidate = late.take();
    const exam = new ExamPage(page, late.server.url);
    await exam.enter(candidate);
    const answered = await exam.answerSeveral(2);
    await exam.expectSaved();
    await expect(page.locator('.kw-countdown')).toHaveAttribute('data-level', 'danger');

    await expect(exam.cover).toHaveAttribute('data-reason', 'time_up', { timeout: (LEFT_S + 10) * 1000 });
    await expect(page.locator('.kw-countdown-value')).toHaveText('00:00');
    // The server submitted it, and the candidate is told so: the time ran out, they did not submit.
    await expect(page.getByRole('heading', { name: '考试时间到，已自动交卷' })).toBeVisible({ timeout: 40_000 });

    const attempt = late.db.attempt(candidate.ticket)!;
    expect(attempt.status).toBe('submitted');
    expect(attempt.submitReason).toBe('expired');
    const stored = late.db.answers(candidate.ticket);
    for (const [code, response] of answered) expect(stored.get(code)?.response).toEqual(response);

    // The window has closed too: the next candidate is told so, in words.
    const next = new ExamPage(await page.context().newPage(), late.server.url);
    await next.goto();
    await next.fillLogin(late.take());
    await expect(next.page.getByRole('alert')).toContainText('不在考试时间内');
  });
});
