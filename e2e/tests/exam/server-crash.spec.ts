import { expect, test } from '../../support/fixtures.ts';

test.describe('the server is killed (SIGKILL) and restarted mid-exam', () => {
  test('nothing acknowledged is lost and the client recovers by itself, without a reload', async ({
    page,
    exam,
    running,
    candidate,
  }) => {
    const acknowledged = await exam.enterAndAnswer(candidate, 4);
    // A mark on the page: it survives only if the page is never reloaded.
    await page.evaluate(() => ((window as unknown as { kwMark: number }).kwMark = 42));

    await running.server.stop('SIGKILL');
    const whileDown = await exam.answerSeveral(3);
    await expect(exam.save).toHaveAttribute('data-status', 'offline');
    await expect(exam.save).toHaveAttribute('data-pending', '3');

    await running.server.start();
    await exam.expectSaved();
    expect(await page.evaluate(() => (window as unknown as { kwMark?: number }).kwMark)).toBe(42);
    const stored = candidate.storedAnswers();
    for (const [code, response] of [...acknowledged, ...whileDown])
      expect(stored.get(code)?.response, code).toEqual(response);
    expect(stored.size).toBe(7);
    // Still answering normally after the restart.
    await exam.answerSeveral(1);
    await exam.expectSaved();
    expect(candidate.storedAnswers().size).toBe(8);
  });
});
