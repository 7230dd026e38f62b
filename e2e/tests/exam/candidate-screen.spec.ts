import { expect, test } from '../../support/fixtures.ts';

test.describe("the candidate's screen at 1366×768", () => {
  test('开始答题 is in view on the confirmation screen without scrolling', async ({ page, exam, candidate }) => {
    await exam.goto();
    await exam.fillLogin(candidate);
    const start = page.getByRole('button', { name: '开始答题' });
    await expect(start).toBeVisible();
    await expect(start).toBeInViewport({ ratio: 1 });
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
  });

  test('an item says its type and points once', async ({ page, exam, candidate }) => {
    await exam.enter(candidate);
    const type = (await exam.item.locator('.kw-item-type').textContent())!;
    const points = (await exam.item.locator('.kw-item-points').textContent())!.replace(/[（）]/g, '');
    const paper = ((await page.locator('.kw-paper').textContent()) ?? '').replace(/\s+/g, '');
    expect(paper.split(type).length - 1, `${type} once`).toBe(1);
    expect(paper.split(points.replace(/\s+/g, '')).length - 1, `${points} once`).toBe(1);
    await expect(page.locator('.kw-where')).toContainText('第 1 /');
  });

  test('at 特大 the previous and next buttons stay in reach on the longest item', async ({ page, exam, candidate }) => {
    await exam.enter(candidate);
    await page.getByRole('button', { name: '特大' }).click();
    // The last item is a multiple-choice one, the tallest kind: at 特大 it runs past the bottom of the screen.
    await page.locator('.kw-sheet-grid .kw-cell').last().click();
    await page.getByRole('button', { name: '下一题 →' }).isDisabled();
    const tall = await page.evaluate(() => document.documentElement.scrollHeight > window.innerHeight);
    expect(tall, 'the item is taller than the screen at 特大').toBe(true);
    await expect(page.getByRole('button', { name: '← 上一题' })).toBeInViewport({ ratio: 1 });
    await page.getByRole('button', { name: '← 上一题' }).click();
    await expect(page.getByRole('button', { name: '下一题 →' })).toBeInViewport({ ratio: 1 });
  });

  test('the keyboard cursor does not look chosen, and Enter chooses like space', async ({ page, exam, candidate }) => {
    await exam.enter(candidate);
    const first = exam.item.locator('.kw-option').first();
    const second = exam.item.locator('.kw-option').nth(1);
    // A fresh item: the cursor is on the first option, nothing is chosen, and the two look different.
    await expect(first).toHaveClass(/cursor/);
    await expect(first).toHaveAttribute('aria-checked', 'false');
    const looks = (l: typeof first) =>
      l.evaluate((el) => {
        const s = getComputedStyle(el);
        return { background: s.backgroundColor, border: s.borderColor };
      });
    const plain = await looks(second);
    expect(await looks(first)).toEqual(plain);
    // Chosen looks different from the cursor.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(second).toHaveAttribute('aria-checked', 'true');
    expect(await looks(second)).not.toEqual(plain);
    await expect(first).toHaveAttribute('aria-checked', 'false');
    await exam.expectSaved();
    expect([...candidate.storedAnswers().values()].map((a) => a.response)).toEqual([
      (await exam.current()).type === 'true_false' ? false : 1,
    ]);
  });

  test('the submit dialog opens at its top: the summary first, then the lists', async ({ page, exam, candidate }) => {
    await exam.enter(candidate);
    await exam.answerSeveral(2);
    await page.keyboard.press('m');
    const total = (await page.locator('.kw-sheet-grid .kw-cell').count()) as number;
    await page.getByRole('button', { name: '交卷' }).click();
    const dialog = page.getByRole('dialog');
    const summary = dialog.getByText(`共 ${total} 题，已答 2 题、未答 ${total - 2} 题、标记 1 题`);
    await expect(summary).toBeInViewport({ ratio: 1 });
    expect(await dialog.evaluate((d) => d.scrollTop)).toBe(0);
    // The lists come after the summary.
    const [summaryBox, listBox] = [
      await summary.boundingBox(),
      await dialog.locator('.kw-jump-list').first().boundingBox(),
    ];
    expect(summaryBox!.y).toBeLessThan(listBox!.y);
    await expect(dialog.getByRole('button', { name: '返回检查' })).toBeFocused();
    await expect(dialog.getByRole('button', { name: '确认交卷' })).toBeInViewport();
  });
});
