import { expect, test } from '../../support/fixtures.ts';

/** Seconds in the countdown's text: 1:29:58 or 05:09. */
const seconds = (text: string): number =>
  text
    .split(':')
    .map(Number)
    .reduce((total, part) => total * 60 + part, 0);

test.describe('the clock starts at 开始答题, not at login', () => {
  // Each candidate logs in and stops at the confirmation screen, where 开始答题 is.
  test.beforeEach(async ({ exam, candidate }) => {
    await exam.goto();
    await exam.fillLogin(candidate);
  });

  test('a candidate who reads the confirmation screen for a while still gets the full time', async ({
    page,
    exam,
    candidate,
  }) => {
    await expect(page.getByRole('heading', { name: '请核对考生信息' })).toBeVisible();
    const minutes = Number(/(\d+) 分钟/.exec((await page.locator('.kw-facts').textContent()) ?? '')?.[1]);
    expect(minutes).toBeGreaterThan(0);
    expect(candidate.attempt()?.status).toBe('not_started');

    // Checking name, seat and rules takes a while; no time is lost meanwhile.
    const WAIT_S = 6;
    await page.waitForTimeout(WAIT_S * 1000);
    expect(candidate.attempt()?.status).toBe('not_started');
    await page.getByRole('button', { name: '开始答题' }).click();
    await expect(exam.item).toBeVisible();
    const left = seconds((await page.locator('.kw-countdown-value').textContent())!);
    expect(left).toBeGreaterThan(minutes * 60 - WAIT_S / 2);
    expect(left).toBeLessThanOrEqual(minutes * 60);
    expect(candidate.attempt()?.status).toBe('in_progress');
    await exam.answerSeveral(1);
    await exam.expectSaved();
  });

  test('with the network down at 开始答题 nothing starts: the candidate is told, and the next click starts', async ({
    page,
    context,
    exam,
    candidate,
  }) => {
    const start = page.getByRole('button', { name: '开始答题' });
    await expect(start).toBeEnabled();
    await context.setOffline(true);
    await start.click();
    await expect(page.getByRole('alert')).toContainText('考试尚未开始，也没有开始计时');
    await expect(exam.item).toHaveCount(0);
    expect(candidate.attempt()?.status).toBe('not_started');

    await context.setOffline(false);
    await start.click();
    await expect(exam.item).toBeVisible();
    expect(candidate.attempt()?.status).toBe('in_progress');
  });
});
