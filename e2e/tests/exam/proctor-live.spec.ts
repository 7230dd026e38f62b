import { expect, test } from '../../support/fixtures.ts';

test.describe('lockdown, as the proctor sees it', () => {
  test("leaving fullscreen covers the paper and shows up in the proctor's live view", async ({
    page,
    exam,
    candidate,
  }) => {
    await exam.enterAndAnswer(candidate, 2);
    const proctor = await candidate.proctor();
    const live = proctor.live(candidate.roomId);
    try {
      await live.ready;
      const before = live.seat(live.views.at(-1)!, candidate.ticket);
      expect(before.status).toBe('in_progress');
      expect(before.answered).toBe(2);

      await page.evaluate(() => document.exitFullscreen());
      await expect(exam.cover).toHaveAttribute('data-reason', 'fullscreen');
      await expect(exam.item).toHaveCount(0);
      // Keys do nothing while the paper is covered.
      await page.keyboard.press('b');
      await live.waitFor((v) => live.seat(v, candidate.ticket).events > before.events);
      expect(candidate.events().map((e) => e.kind)).toContain('fullscreen_exit');

      // The way back has the focus: Enter (a user gesture) re-enters fullscreen.
      await expect(page.getByRole('button', { name: '进入全屏，继续答题' })).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(exam.item).toBeVisible();
      await exam.expectSaved();
      expect(candidate.storedAnswers().size).toBe(2);
    } finally {
      live.close();
    }
  });

  test('copy, paste, the context menu, printing and selection are blocked and reported', async ({
    page,
    exam,
    candidate,
  }) => {
    await exam.enter(candidate);
    const stem = exam.item.locator('.kw-item-stem');
    await stem.dblclick();
    expect(await page.evaluate(() => window.getSelection()?.toString() ?? '')).toBe('');
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await page.keyboard.press('Control+p');
    await stem.click({ button: 'right' });
    await page.evaluate(() => document.dispatchEvent(new ClipboardEvent('copy', { bubbles: true, cancelable: true })));
    await exam.expectSaved();
    await expect
      .poll(() => candidate.events().map((e) => e.kind))
      .toEqual(expect.arrayContaining(['copy_blocked', 'paste_blocked', 'context_menu_blocked', 'print_blocked']));
    // The paper is untouched and still answerable.
    await expect(exam.cover).toHaveCount(0);
    await exam.answerByKeys();
    await exam.expectSaved();
  });
});
