import { expect, test } from '../../support/fixtures.ts';
import type { Response } from '../../support/exam-page.ts';

test.describe('a candidate who uses only the keyboard', () => {
  test('logs in, answers every item, flags one, submits, and the server stores exactly those answers', async ({
    page,
    exam,
    running,
    candidate,
  }) => {
    test.setTimeout(180_000);
    await exam.goto();
    // The ticket field has the focus; Tab to the ID number; Enter logs in.
    await expect(page.getByLabel('准考证号')).toBeFocused();
    await page.keyboard.type(candidate.ticket);
    await page.keyboard.press('Tab');
    await page.keyboard.type(candidate.idNumber);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: '请核对考生信息' })).toBeVisible();
    await expect(page.locator('.kw-facts')).toContainText(candidate.ticket);
    await expect(page.locator('.kw-facts')).toContainText(
      `${candidate.idNumber.slice(0, 6)}********${candidate.idNumber.slice(-4)}`,
    );

    await tabTo(page, '开始答题');
    await page.keyboard.press('Enter');
    await expect(exam.item).toBeVisible();
    await expect.poll(() => exam.isFullscreen()).toBe(true);

    const total = Number(/\/\s*(\d+)/.exec((await page.locator('.kw-sheet-count').textContent())!)![1]);
    expect(total).toBeGreaterThan(50);
    const expected = new Map<string, Response>();
    let flagged: number | undefined;
    for (let i = 0; i < total; i++) {
      const { code, response } = await exam.answerByKeys();
      expected.set(code, response);
      if (i === 7) {
        await page.keyboard.press('m');
        flagged = (await exam.current()).number;
      }
      if (i < total - 1) await exam.next();
    }
    await expect(page.locator('.kw-sheet-count')).toContainText(`已答 ${total} / ${total}`);
    await expect(page.locator('.kw-sheet-grid .kw-cell.flagged')).toHaveCount(1);
    // Going back with ← shows the earlier choice.
    await page.keyboard.press('ArrowLeft');
    await expect(exam.item.locator('.kw-option.chosen').first()).toBeVisible();
    await exam.expectSaved();

    await tabTo(page, '交卷');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: '确认交卷' });
    await expect(dialog).toContainText('所有题目均已作答');
    await expect(dialog.locator('[data-list="flagged"]')).toContainText(String(flagged));
    // The safe choice has the focus; one Tab reaches 确认交卷.
    await expect(dialog.getByRole('button', { name: '返回检查' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(dialog.getByRole('button', { name: '确认交卷' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: '您已交卷' })).toBeVisible();

    const attempt = running.db.attempt(candidate.ticket)!;
    expect(attempt.status).toBe('submitted');
    expect(attempt.submitReason).toBe('candidate');
    const stored = running.db.answers(candidate.ticket);
    expect(stored.size).toBe(total);
    for (const [code, response] of expected) expect(stored.get(code)?.response, code).toEqual(response);
    // Nothing of the attempt is left in the browser once it is submitted.
    const left = await page.evaluate(() =>
      Object.keys(localStorage).filter((k) => k.startsWith('kaowu.exam.') && k !== 'kaowu.exam.device'),
    );
    expect(left).toEqual([]);
  });
});

/** Presses Tab until the button named `name` has the focus (at most 30 times): how a keyboard user reaches it. */
async function tabTo(page: import('@playwright/test').Page, name: string): Promise<void> {
  for (let i = 0; i < 30; i++) {
    const focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    if (focused === name) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${name}`);
}
