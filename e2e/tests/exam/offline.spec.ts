import { expect, test } from '../../support/fixtures.ts';

test.describe('the network goes away for 20 seconds', () => {
  test('the candidate keeps answering, nothing is lost, and everything is sent when it returns', async ({
    page,
    context,
    exam,
    candidate,
  }) => {
    const before = await exam.enterAndAnswer(candidate, 3);

    await context.setOffline(true);
    const offlineSince = Date.now();
    const during = new Map<string, unknown>();
    for (let i = 0; i < 8; i++) {
      for (const [code, r] of await exam.answerSeveral(1)) during.set(code, r);
      await page.waitForTimeout(2_000);
    }
    await expect(exam.save).toHaveAttribute('data-status', 'offline');
    await expect(exam.save).toContainText(`离线，答案已保存在本机（${during.size} 条待发送）`);
    expect(candidate.storedAnswers().size).toBe(3);
    const waited = Date.now() - offlineSince;
    if (waited < 20_000) await page.waitForTimeout(20_000 - waited);

    await context.setOffline(false);
    await exam.expectSaved();
    await expect(exam.save).toHaveText('已保存');
    const stored = candidate.storedAnswers();
    expect(stored.size).toBe(before.size + during.size);
    for (const [code, response] of [...before, ...during]) expect(stored.get(code)?.response, code).toEqual(response);
    expect(candidate.events().map((e) => e.kind)).toEqual(
      expect.arrayContaining(['network_offline', 'network_online']),
    );
  });
});
