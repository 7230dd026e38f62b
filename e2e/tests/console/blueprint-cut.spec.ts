import { expect, test } from '@playwright/test';
import { ConsolePage } from '../../support/console-page.ts';
import { startRunning, type Running } from '../../support/fixtures.ts';

/**
 * The blueprint editor's measurement rules (issue 14): the pass-mark ability, the expected-score and information
 * windows at it, the equating tolerance of parallel forms and the exposure settings, each form's expected score,
 * information and exposure shown live beside the per-cell verdict — on one 1366 × 768 screen.
 */
let running: Running;

test.beforeAll(async () => {
  running = await startRunning();
});
test.afterAll(async () => {
  await running?.dispose();
});

test('an administrator sets the cut, its windows, equating and exposure, and sees each form measured live', async ({
  browser,
}) => {
  const admin = await ConsolePage.signIn(browser, running.server.url, 'admin');
  const { page } = admin;
  await admin.openBatch('DEMO-6-31-01-03-5');
  await admin.tab('试卷').click();
  const papers = page.getByRole('region', { name: '试卷' });
  await papers.getByRole('button', { name: '重新组卷' }).click();
  const verdict = papers.getByTestId('feasibility');
  const fix = papers.getByRole('list', { name: '待修正' });

  // The demo blueprint's rules, as its blueprint.yaml states them.
  await expect(papers.getByLabel('合格线能力值')).toHaveValue('0.4');
  await expect(papers.getByLabel('曝光窗口（最近 K 批）')).toHaveValue('3');
  await expect(papers.getByLabel('最高曝光率（%）')).toHaveValue('67');
  await expect(papers.getByLabel('期望得分范围下限')).toHaveValue('');
  await expect(papers.getByLabel('平行卷等值容差')).toHaveValue('');
  const measured = /A 卷 190 题，平均难度 [\d.]+，合格线处期望得分 ([\d.]+) 分、信息量 ([\d.]+)，曝光率 ([\d.]+) %/;
  await expect(verdict).toContainText(measured, { timeout: 30_000 });
  const at04 = Number(measured.exec((await verdict.textContent()) ?? '')?.[1]);
  expect(at04).toBeGreaterThan(0);
  expect(at04).toBeLessThan(100);

  // A higher cut means an abler borderline candidate: the same kind of paper's expected score there rises.
  await papers.getByLabel('合格线能力值').fill('1.5');
  await expect(verdict).toContainText('正在检查');
  await expect(verdict).toContainText(measured, { timeout: 30_000 });
  const at15 = Number(measured.exec((await verdict.textContent()) ?? '')?.[1]);
  expect(at15).toBeGreaterThan(at04);
  await papers.getByLabel('合格线能力值').fill('0.4');

  // Bad values are pointed at where they are typed, and the bank is not asked until they are fixed.
  await papers.getByLabel('期望得分范围下限').fill('62');
  await papers.getByLabel('期望得分范围上限').fill('58');
  await expect(fix).toContainText('期望得分范围的下限 62 大于上限 58');
  await expect(papers.getByLabel('期望得分范围下限')).toHaveAttribute('aria-invalid', 'true');
  await expect(verdict).toContainText('请先修正');
  // A window no paper of this blueprint reaches: the bank says so, and what range the papers can reach.
  await papers.getByLabel('期望得分范围下限').fill('99');
  await papers.getByLabel('期望得分范围上限').fill('100');
  await expect(verdict).toContainText('不可组卷', { timeout: 30_000 });
  await expect(verdict).toContainText(
    /合格线（能力值 0\.4）处的期望得分要求不能满足（组卷方案要求 99–100），满足其他要求的试卷只能在 [\d.]+–[\d.]+ 之间/,
  );
  await expect(papers.getByRole('button', { name: '组卷并封存' })).toBeDisabled();
  await papers.getByLabel('期望得分范围下限').fill('');
  await papers.getByLabel('期望得分范围上限').fill('');
  await papers.getByLabel('合格线能力值').fill('');
  await papers.getByLabel('平行卷等值容差').fill('1');
  await expect(fix).toContainText('平行卷等值容差比较合格线处的期望得分，需要同时填写合格线能力值');
  await papers.getByLabel('合格线能力值').fill('0.4');
  await expect(fix).toHaveCount(0);

  // Two equated forms: each is measured at the cut and for exposure, beside the verdict.
  await papers.getByLabel('平行试卷套数').fill('2');
  await papers.getByLabel('测验信息量范围下限').fill('20');
  await papers.getByLabel('测验信息量范围上限').fill('47.5');
  await expect(verdict).toContainText('可以组卷', { timeout: 30_000 });
  const form = (letter: string) =>
    new RegExp(`${letter} 卷 190 题，平均难度 [\\d.]+，合格线处期望得分 ([\\d.]+) 分、信息量 ([\\d.]+)，曝光率`);
  await expect(verdict).toContainText(form('B'));
  // Equated within 1 point, each form's information inside its window.
  const text = (await verdict.textContent()) ?? '';
  const [a, b] = ['A', 'B'].map((letter) => form(letter).exec(text)!.slice(1).map(Number));
  expect(Math.abs(a![0]! - b![0]!)).toBeLessThanOrEqual(1);
  for (const f of [a!, b!]) expect(f[1]).toBeGreaterThanOrEqual(20);
  for (const f of [a!, b!]) expect(f[1]).toBeLessThanOrEqual(47.5);

  // The YAML view writes the rules as blueprint.yaml names them.
  await papers.getByRole('button', { name: '高级：YAML' }).click();
  const yaml = papers.getByLabel('组卷方案', { exact: true });
  await expect(yaml).toHaveValue(/cut:\n {2}ability: 0\.4\n {2}information:\n {4}min: 20\n {4}max: 47\.5\n/);
  await expect(yaml).toHaveValue(/forms:\n {2}count: 2\n {2}maxOverlap: 1\n {2}equatingTolerance: 1\n/);

  // Everything fits the 1366-pixel screen: no sideways scrolling.
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
  await admin.close();
});
