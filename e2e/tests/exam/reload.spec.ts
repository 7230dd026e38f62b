import { expect, test } from '../../support/fixtures.ts';

test.describe('a reload in the middle of the exam', () => {
  test('keeps every answer, the flags and the position; the paper stays covered until fullscreen is back', async ({
    page,
    exam,
    candidate,
  }) => {
    await exam.enter(candidate);
    const answered = await exam.answerSeveral(5);
    await page.keyboard.press('m');
    const flaggedCode = (await exam.current()).code;
    await exam.next();
    const position = await exam.current();
    await exam.expectSaved();

    await page.reload();
    await expect(exam.cover).toHaveAttribute('data-reason', 'fullscreen');
    await expect(exam.item).toHaveCount(0);
    await page.getByRole('button', { name: '进入全屏，继续答题' }).click();
    await expect(exam.item).toHaveAttribute('data-item', position.code);
    expect(await exam.answeredCount()).toBe(5);
    await expect(page.locator(`.kw-sheet-grid .kw-cell.flagged[data-item="${flaggedCode}"]`)).toHaveCount(1);
    for (const code of answered.keys())
      await expect(page.locator(`.kw-sheet-grid .kw-cell.answered[data-item="${code}"]`)).toHaveCount(1);
    expect(candidate.storedAnswers().size).toBe(5);
  });

  test('keeps answers the server has not acknowledged yet, and sends them afterwards', async ({
    page,
    exam,
    candidate,
  }) => {
    await exam.enterAndAnswer(candidate, 2);
    // The server stops answering saves (a proxy's 503): the next answers stay in the outbox.
    await page.route('**/answers', (route) => route.fulfill({ status: 503, body: '' }));
    const unsent = await exam.answerSeveral(3);
    await expect(exam.save).toHaveAttribute('data-pending', '3');
    await expect(exam.save).toHaveAttribute('data-status', 'offline');

    await page.reload();
    await page.getByRole('button', { name: '进入全屏，继续答题' }).click();
    expect(await exam.answeredCount()).toBe(5);
    await expect(exam.save).toHaveAttribute('data-pending', '3');
    expect(candidate.storedAnswers().size).toBe(2);

    await page.unroute('**/answers');
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await exam.expectSaved();
    const stored = candidate.storedAnswers();
    expect(stored.size).toBe(5);
    for (const [code, response] of unsent) expect(stored.get(code)?.response).toEqual(response);
  });
});
