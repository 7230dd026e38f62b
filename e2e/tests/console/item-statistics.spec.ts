import { expect, test } from '@playwright/test';
import { ConsolePage } from '../../support/console-page.ts';
import { runningForFile } from '../../support/fixtures.ts';

/**
 * Issue 13's loop, closed in the console: `kaowu demo` loads the simulated batch DEMO-2026-S01 with a planted
 * suspect key and a dead distractor; an author finds them flagged on the bank's 统计分析 tab, opens the
 * suspect item in the bank, returns it with a comment, and it waits in the review queue as 需复核（统计）.
 */
const running = runningForFile();

test('an author returns the planted suspect key from the statistics tab, and it joins the review queue', async ({
  browser,
}) => {
  const author = await ConsolePage.signIn(browser, running().server.url, 'expert_wang');
  const { page } = author;
  await author.openDemoBank();
  await author.tab('统计分析').click();
  const batch = page.getByLabel('认定批次');
  await expect(batch.locator('option', { hasText: 'DEMO-2026-S01' })).toHaveCount(1);
  await batch.selectOption({ label: (await batch.locator('option', { hasText: 'DEMO-2026-S01' }).textContent())! });
  await expect(page.getByTestId('stats-n')).toHaveText('60');
  const table = page.getByRole('table', { name: '试题统计' });
  // the planted faults: exactly one suspect key, and a distractor nobody picked
  const suspect = table.locator('tbody tr', { hasText: '答案存疑' });
  await expect(suspect).toHaveCount(1);
  await expect(table.locator('tbody tr', { hasText: '干扰项无人选' }).first()).toBeVisible();
  const code = (await suspect.locator('td').first().textContent())!.trim();
  const width = () => page.evaluate(() => document.documentElement.scrollWidth);
  expect(await width()).toBeLessThanOrEqual(1366);
  await suspect.getByRole('button', { name: code }).click();
  const detail = page.getByRole('complementary', { name: `试题 ${code} 的统计` });
  await expect(detail.getByRole('table', { name: '选项分析' })).toContainText('（答案）');
  await expect(detail.getByRole('img', { name: /特征曲线/ })).toBeVisible();
  await detail.getByRole('link', { name: '在题库中打开' }).click();

  const editor = page.getByRole('region', { name: '试题编辑' });
  await expect(editor.getByRole('heading', { name: `试题 ${code}` })).toBeVisible();
  const record = editor.getByRole('region', { name: '统计记录' });
  await expect(record).toContainText('DEMO-2026-S01');
  await expect(record).toContainText('答案存疑');
  await record.getByRole('button', { name: '退回修改' }).click();
  await expect(record.getByRole('alert')).toContainText('退回时请填写意见');
  await record.getByLabel(`${code} 处理意见`).fill('高分组多数选了另一项，请核对答案');
  await record.getByRole('button', { name: '退回修改' }).click();
  await expect(record.getByRole('status')).toContainText(`${code} 已退回修改`);

  await author.tab('审核').click();
  const card = page.locator(`article.review-card[data-code="${code}"]`);
  await expect(card.getByTestId('stats-review')).toHaveText('需复核（统计）');
  await expect(card).toContainText('高分组多数选了另一项，请核对答案');

  // the bank's list: a 统计 column, and a filter down to the items with findings
  await author.tab('试题').click();
  await page.getByLabel(/仅看有统计异常/).check();
  const list = page.getByRole('table', { name: '试题列表' });
  await expect(list.locator('tbody tr', { hasText: code })).toContainText('答案存疑');
  await expect(list.locator('tbody tr', { hasText: '干扰项无人选' }).first()).toBeVisible();
  await author.close();
});

test('the review queue lists the flagged items nobody acted on as 需复核（统计）; keeping or returning one takes it off', async ({
  browser,
}) => {
  const author = await ConsolePage.signIn(browser, running().server.url, 'expert_wang');
  const { page } = author;
  await author.openDemoBank();
  await author.tab('审核').click();
  const queue = page.getByRole('region', { name: '需复核（统计）' });
  const rows = queue.getByRole('table', { name: '统计异常待复核' }).locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  const before = await rows.count();
  // the planted dead distractor waits there with its finding
  const dead = rows.filter({ hasText: '干扰项无人选' }).first();
  const deadCode = (await dead.getAttribute('data-code'))!;
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
  // 保留 needs a comment
  await dead.getByRole('button', { name: '保留' }).click();
  await expect(queue.getByRole('alert')).toContainText('请填写意见');
  await dead.getByLabel(`${deadCode} 处理意见`).fill('常见错误选项，保留观察');
  await dead.getByRole('button', { name: '保留' }).click();
  await expect(queue.getByRole('status')).toContainText(`${deadCode} 已保留`);
  await expect(queue.locator(`tr[data-code="${deadCode}"]`)).toHaveCount(0);
  await expect(rows).toHaveCount(before - 1);
  // 退回修改 from the queue: it leaves the list and waits below as a review version marked 需复核（统计）
  const next = rows.first();
  const code = (await next.getAttribute('data-code'))!;
  await next.getByLabel(`${code} 处理意见`).fill('请核对本题的区分度');
  await next.getByRole('button', { name: '退回修改' }).click();
  await expect(queue.locator(`tr[data-code="${code}"]`)).toHaveCount(0);
  const card = page.locator(`article.review-card[data-code="${code}"]`);
  await expect(card.getByTestId('stats-review')).toHaveText('需复核（统计）');
  await expect(card).toContainText('请核对本题的区分度');
  await author.close();
});

test('an assessor sees the empirical difficulty beside the certified bands before signing', async ({ browser }) => {
  const assessor = await ConsolePage.signIn(browser, running().server.url, 'assessor_chen');
  const { page } = assessor;
  await assessor.openDemoBank();
  await assessor.tab('题库难度认证').click();
  const empirical = page.getByRole('region', { name: '实测难度' });
  await expect(empirical.getByTestId('calibration-seen')).toContainText('道已通过试题已校准');
  const rows = empirical.getByRole('table', { name: '各难度等级的实测难度' }).locator('tbody tr');
  await expect(rows).toHaveCount(5);
  await expect(rows.filter({ hasText: '中等' })).toContainText('0');
  await expect(empirical.getByRole('img', { name: /实测难度分布/ })).toBeVisible();
  await assessor.close();
});

test('an administrator recomputes a batch’s statistics, exports them, and is offered the key correction', async ({
  browser,
}) => {
  const admin = await ConsolePage.signIn(browser, running().server.url, 'admin');
  const { page } = admin;
  await admin.openBatch('DEMO-2026-S01');
  await admin.tab('统计分析').click();
  await expect(page.getByTestId('stats-n')).toHaveText('60');
  await page.getByRole('button', { name: '计算统计' }).click();
  await expect(page.getByRole('status').first()).toContainText('统计分析已计算：60 名考生');
  const workbook = await admin.downloadWorkbook('导出 Excel');
  expect(workbook.worksheets.map((w) => w.name)).toContain('试题统计');
  const suspect = page.getByRole('table', { name: '试题统计' }).locator('tbody tr', { hasText: '答案存疑' });
  const code = (await suspect.locator('td').first().textContent())!.trim();
  await suspect.getByRole('button', { name: code }).click();
  await expect(page.getByRole('button', { name: '更正并重新评分' })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
  await admin.close();
});
