import { expect, test } from '@playwright/test';
import { ConsolePage } from '../../support/console-page.ts';
import { startRunning, type Running } from '../../support/fixtures.ts';

/**
 * The administrator's blueprint story on the demo exam batch: the bank's default blueprint in the two-way table,
 * live feasibility naming the cell that cannot be filled and why, totals that follow every edit, the YAML view
 * in step with the table, then a paper assembled with a seed, previewed and verified.
 */
let running: Running;

test.beforeAll(async () => {
  running = await startRunning();
});
test.afterAll(async () => {
  await running?.dispose();
});

// Then fixes it, assembles and previews.
test('an administrator edits the blueprint in the table and sees which cell cannot be filled and why', async ({
  browser,
}) => {
  const admin = await ConsolePage.signIn(browser, running.server.url, 'admin');
  const { page } = admin;
  await admin.openBatch('DEMO-6-31-01-03-5');
  await admin.tab('试卷').click();
  const papers = page.getByRole('region', { name: '试卷' });
  // The demo batch has its sealed papers attached: assembling again is asked for.
  await expect(papers.getByTestId('attached-papers')).toContainText('A 卷');
  await papers.getByRole('button', { name: '重新组卷' }).click();
  const grid = papers.getByRole('table', { name: '双向细目表' });
  const verdict = papers.getByTestId('feasibility');
  const totals = papers.getByTestId('blueprint-totals');
  const assemble = papers.getByRole('button', { name: '组卷并封存' });

  // The default is the blueprint the demo exam was assembled from: it prefers the items least used in the last 3
  // batches, so it assembles, and each form says how exposed it is.
  await expect(totals).toContainText('合计 190 题、100 分');
  await expect(papers.getByLabel('曝光窗口（最近 K 批）')).toHaveValue('3');
  await expect(verdict).toContainText('可以组卷', { timeout: 30_000 });
  await expect(verdict).toContainText(
    /A 卷 190 题，平均难度 [\d.]+，合格线处期望得分 [\d.]+ 分、信息量 [\d.]+，曝光率 [\d.]+ %（近 3 批次用过 \d+ 题）/,
  );
  // Excluding the latest batch's items outright instead (the old rule) leaves too few, and the bank says where.
  await papers.getByLabel('排除最近几个批次用过的试题').fill('1');
  await expect(verdict).toContainText('因近期批次已用而排除', { timeout: 30_000 });
  await expect(assemble).toBeDisabled();
  await papers.getByLabel('排除最近几个批次用过的试题').fill('0');
  await papers.getByLabel('平行试卷套数').fill('1');
  await expect(verdict).toContainText('可以组卷', { timeout: 30_000 });
  // Areas follow the outline's weights: the server's largest-remainder counts, 9 items for area H (安全).
  await expect(grid.getByTestId('area-H-items')).toHaveText('9');

  // Fixing the difficulty of the multiple-choice items: all ten start in band 3, then most go to the hardest band.
  await grid.getByLabel('多选题 按难度分档').check();
  const bandLabel = (d: number) => `多选题 难度${d} 题量`;
  const band = (d: number) => grid.getByLabel(bandLabel(d));
  await expect(band(3)).toHaveValue('10');
  await band(3).fill('2');
  await expect(papers.getByRole('list', { name: '待修正' })).toContainText(
    '多选题各难度题量合计为 2 题，应等于该题型题量 10 题',
  );
  await expect(verdict).toContainText('请先修正');
  await band(5).fill('8');
  await expect(verdict).toContainText('不可组卷', { timeout: 30_000 });
  // One of the six is left out by the exposure-rate cap (in both of the last two batches).
  await expect(verdict).toContainText(
    '多选题 × 难度 5：需要 8 题，可用 5 题（题库中已通过 6 题，1 题因曝光率达到上限而排除）',
  );
  const hardest = grid.locator('td', { has: page.getByLabel(bandLabel(5)) });
  await expect(hardest).toHaveClass(/flag/);
  await expect(hardest).toContainText('需要 8，可用 5');
  await expect(assemble).toBeDisabled();

  // Fixed: four of the hardest (five usable), four of 较难.
  await band(5).fill('4');
  await band(4).fill('4');
  await expect(verdict).toContainText('可以组卷', { timeout: 30_000 });
  await expect(hardest).not.toHaveClass(/flag/);

  // The totals follow the table: one more true/false item makes 191 items and 100.5 points against a 100-point paper.
  const trueFalse = grid.getByLabel('判断题 题量');
  await trueFalse.fill('41');
  await expect(totals).toContainText('合计 191 题、100.5 分');
  await expect(grid.getByTestId('total-items')).toHaveText('191');
  await expect(grid.getByTestId('total-score')).toHaveClass(/flag/);
  await expect(papers.getByRole('list', { name: '待修正' })).toContainText('应等于总分 100 分');
  await trueFalse.fill('40');
  await expect(totals).toContainText('合计 190 题、100 分');

  // The YAML view shows the same blueprint, and an edit there reaches the table.
  await papers.getByRole('button', { name: '高级：YAML' }).click();
  const yaml = papers.getByLabel('组卷方案', { exact: true });
  await expect(yaml).toHaveValue(
    /- \{ type: 多选题, count: 10, points: 1, difficulty: \{ 1: 0, 2: 0, 3: 2, 4: 4, 5: 4 \} \}/,
  );
  await yaml.fill((await yaml.inputValue()).replace('durationMinutes: 90', 'durationMinutes: 100'));
  await expect(papers.getByLabel('考试时长（分钟）')).toHaveValue('100');
  await expect(totals).toContainText('考试 100 分钟');

  // Assembled with a seed of the administrator's choosing, previewed as candidates will see it, verified.
  await papers.getByLabel('组卷随机码').fill('E2E-BLUEPRINT-1');
  await expect(verdict).toContainText('可以组卷', { timeout: 30_000 });
  await assemble.click();
  await expect(papers.getByRole('status')).toContainText('已组卷：A 卷 190 题', { timeout: 30_000 });
  const row = papers.getByRole('row').filter({ hasText: 'E2E-BLUEPRINT-1' });
  await row.getByRole('button', { name: /^预览/ }).click();
  const preview = papers.getByRole('region', { name: '试卷预览' });
  await expect(preview.getByRole('heading', { level: 3 })).toContainText('A 卷');
  await expect(preview.getByRole('heading', { name: '多选题（共 10 题，每题 1 分）' })).toBeVisible();
  await expect(preview).toContainText('100 分钟');
  await expect(preview.getByRole('table', { name: '试卷构成' }).getByRole('row', { name: /多选题/ })).toContainText(
    '10',
  );
  await expect(preview.locator('.kw-item')).toHaveCount(190);
  await row.getByRole('button', { name: '核验校验码' }).click();
  await expect(papers.getByRole('status')).toContainText('核验通过');
  await admin.close();
});
