import { expect, test } from '../../support/fixtures.ts';

/** The bar: a proctor's action shows on the candidate's screen within a second of being confirmed. */
const AT_ONCE = { timeout: 1000 };

test.describe("a proctor's action reaches the candidate at once", () => {
  test('a pause covers the paper and stops the clock within 1 s; the resume opens it again within 1 s', async ({
    page,
    exam,
    candidate,
  }) => {
    await exam.enterAndAnswer(candidate, 1);
    const proctor = await candidate.proctor();
    const countdown = page.locator('.kw-countdown-value');

    await proctor.candidateAction(candidate.id, 'pause');
    await expect(exam.cover).toHaveAttribute('data-reason', 'paused', AT_ONCE);
    await expect(page.locator('.kw-countdown-paused')).toBeVisible(AT_ONCE);
    const frozen = await countdown.textContent();
    await page.waitForTimeout(1500);
    await expect(countdown).toHaveText(frozen!);

    await proctor.candidateAction(candidate.id, 'resume');
    await expect(exam.item).toBeVisible(AT_ONCE);
    await expect(exam.cover).toHaveCount(0);
    await exam.answerByKeys();
    await exam.expectSaved();
    expect(candidate.storedAnswers().size).toBe(2);
  });

  test('an answer given after the pause is refused by the server, kept queued, and sent after the resume', async ({
    page,
    exam,
    candidate,
  }) => {
    // This screen does not hear of the pause (its watch is cut), as on a slow network: the save is what meets it.
    await page.route('**/watch?*', (route) => route.abort());
    await exam.enterAndAnswer(candidate, 1);
    const proctor = await candidate.proctor();
    await proctor.candidateAction(candidate.id, 'pause');

    const late = await exam.answerByKeys();
    // The server refuses it (attempt_paused); the client then reads the pause and covers the paper.
    await expect(exam.cover).toHaveAttribute('data-reason', 'paused');
    await expect(exam.save).toHaveAttribute('data-pending', '1');
    expect(candidate.storedAnswers().has(late.code)).toBe(false);
    expect(candidate.storedAnswers().size).toBe(1);

    await page.unroute('**/watch?*');
    await proctor.candidateAction(candidate.id, 'resume');
    await expect(exam.item).toBeVisible();
    await exam.expectSaved();
    expect(candidate.storedAnswers().get(late.code)?.response).toEqual(late.response);
  });

  test('a room pause reaches the candidate within 1 s, and so does its resume', async ({ exam, candidate }) => {
    await exam.enterAndAnswer(candidate, 1);
    const proctor = await candidate.proctor();
    try {
      await proctor.roomAction(candidate.roomId, 'pause');
      await expect(exam.cover).toHaveAttribute('data-reason', 'paused', AT_ONCE);
    } finally {
      await proctor.roomAction(candidate.roomId, 'resume');
    }
    await expect(exam.item).toBeVisible(AT_ONCE);
  });

  test('an extension shows in the remaining time within 1 s', async ({ page, exam, candidate }) => {
    await exam.enterAndAnswer(candidate, 1);
    const proctor = await candidate.proctor();
    // "1:29:54" or "29:54": the seconds left, in whole minutes.
    const minutes = async () => {
      const parts = ((await page.locator('.kw-countdown-value').textContent()) ?? '').split(':').map(Number);
      return Math.floor(parts.reduce((total, n) => total * 60 + n, 0) / 60);
    };
    const before = await minutes();
    await proctor.extendCandidate(candidate.id, 30);
    await expect.poll(minutes, AT_ONCE).toBeGreaterThanOrEqual(before + 29);
  });

  test('a candidate whose paper the proctor collected is told so within 1 s, not "您已交卷"', async ({
    page,
    exam,
    candidate,
  }) => {
    await exam.enterAndAnswer(candidate, 2);
    const proctor = await candidate.proctor();
    await proctor.candidateAction(candidate.id, 'submit');
    await expect(page.getByRole('heading', { name: '监考员已为您收卷' })).toBeVisible(AT_ONCE);
    await expect(page.getByText('您已交卷')).toHaveCount(0);
    expect(candidate.attempt()?.submitReason).toBe('proctor');
    expect(candidate.storedAnswers().size).toBe(2);
  });
});
