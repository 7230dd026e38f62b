import { expect, test } from '@playwright/test';
import { ConsolePage } from '../../support/console-page.ts';
import { runningForFile } from '../../support/fixtures.ts';

/**
 * A bank in use is maintained all year: an approved edit of one stem goes into the next release, while the certified
 * release stays the one papers are assembled from. The reviewer is told before approving; assessors read exactly
 * what changed, with a diff; formal assembly is still allowed. One server for the story (each step builds on the last).
 */
test.describe.configure({ mode: 'serial' });
const running = runningForFile();
const NEW_STEM = '修订后的题干：停电检修时，验电前应先检查验电器是否完好。';
let itemCode = '';
let oldStem = '';

test('an author revises an approved item and submits the revision', async ({ browser }) => {
  const author = await ConsolePage.signIn(browser, running().server.url, 'expert_wang');
  const { page } = author;
  await author.openDemoBank();
  await expect(page.getByTestId('release-state')).toContainText('已认证版本 1');
  await expect(page.getByTestId('release-state')).toContainText('待认证变更 0 项');
  await page.getByLabel('命题人').fill('expert_wang');
  await page.getByLabel('命题人').press('Enter');
  const first = page.getByRole('table', { name: '试题列表' }).locator('tbody tr').first();
  await expect(first).toContainText('已通过');
  itemCode = (await first.locator('td').nth(1).textContent())!.trim();
  await first.getByRole('button', { name: itemCode }).click();
  const editor = page.getByRole('region', { name: '试题编辑' });
  oldStem = await editor.getByLabel('题干').inputValue();
  await editor.getByLabel('题干').fill(NEW_STEM);
  await editor.getByRole('button', { name: '保存草稿' }).click();
  await expect(editor.getByRole('status')).toContainText('已保存');
  await editor.getByRole('button', { name: '提交审核' }).click();
  await expect(editor.getByRole('status')).toContainText('已提交审核');
  // The revision adds no item: the approved version is still counted (725, not 726).
  await expect(page.getByTestId('approved-count')).toHaveText('725');
  await author.close();
});

test('the reviewer sees the diff, is told the change needs a new certification, and approves', async ({ browser }) => {
  const reviewer = await ConsolePage.signIn(browser, running().server.url, 'expert_li');
  const { page } = reviewer;
  await reviewer.openDemoBank();
  await reviewer.tab('审核').click();
  const card = page.locator(`article.review-card[data-code="${itemCode}"]`);
  const diff = card.getByRole('table', { name: `${itemCode} 修订对比` });
  await expect(diff).toContainText(oldStem);
  await expect(diff).toContainText(NEW_STEM);
  await card.getByRole('button', { name: '通过' }).click();
  const dialog = page.getByRole('dialog', { name: `通过试题 ${itemCode}` });
  await expect(dialog).toContainText('进入题库的下一版本');
  await expect(dialog).toContainText('仍使用已认证版本 1');
  await dialog.getByRole('button', { name: '通过，进入下一版本' }).click();
  await expect(page.getByRole('status').first()).toContainText(`${itemCode} 已通过`);
  // The certified release survives: papers still come from it, and the change waits for the next release.
  await expect(page.getByTestId('release-state')).toContainText('已认证版本 1');
  await expect(page.getByTestId('release-state')).toContainText('待认证变更 1 项');
  await expect(page.getByTestId('certification-state')).toContainText('新版本认证 0/3');
  await expect(page.getByText('可用于组卷（按已认证版本 1）')).toBeVisible();
  await expect(page.getByText('尚不可正式组卷')).toHaveCount(0);
  await reviewer.close();
});

test('an assessor reads exactly what changed since the release and signs the next one', async ({ browser }) => {
  const assessor = await ConsolePage.signIn(browser, running().server.url, 'assessor_chen');
  const { page } = assessor;
  await assessor.openDemoBank();
  await assessor.tab('题库难度认证').click();
  const cert = page.getByRole('region', { name: '题库难度认证' });
  const changes = cert.getByRole('region', { name: '待认证变更' });
  await expect(changes).toContainText('修改 1 题');
  await expect(changes.getByRole('table', { name: `${itemCode} 修改对比` })).toContainText(NEW_STEM);
  await cert.getByRole('button', { name: '签署题库难度认证' }).click();
  await expect(cert.getByRole('alert')).toContainText('请填写认证意见');
  await cert.getByLabel('认证意见').fill('修订后难度仍与五级相符');
  await cert.getByRole('button', { name: '签署题库难度认证' }).click();
  const dialog = page.getByRole('dialog', { name: '签署题库难度认证' });
  await expect(dialog).toContainText('取代已认证版本 1 用于正式组卷');
  await dialog.getByRole('button', { name: '签署认证' }).click();
  await expect(cert.getByRole('status')).toContainText('已签署认证');
  await expect(cert.getByRole('button', { name: '已认证' })).toBeDisabled();
  await expect(page.getByTestId('certification-state')).toContainText('新版本认证 1/3');
  await expect(page.getByTestId('release-state')).toContainText('已认证版本 1');
  await assessor.close();
});

test('an administrator still assembles a formal paper, from the certified release', async ({ browser }) => {
  const admin = await ConsolePage.signIn(browser, running().server.url, 'admin');
  const { page } = admin;
  await admin.openBatch('DEMO-6-31-01-03-5');
  await admin.tab('试卷').click();
  const papers = page.getByRole('region', { name: '试卷' });
  const verdict = papers.getByTestId('feasibility');
  // The demo batch has its sealed papers already: the blueprint editor opens behind 重新组卷.
  await papers.getByRole('button', { name: '重新组卷' }).click();
  await papers.getByLabel('排除最近几个批次用过的试题').fill('0');
  await papers.getByLabel('平行试卷套数').fill('1');
  await papers.getByLabel('组卷随机码').fill('E2E-RELEASE-1');
  await expect(verdict).toContainText('可以组卷', { timeout: 30_000 });
  await papers.getByRole('button', { name: '组卷并封存' }).click();
  await expect(papers.getByRole('status')).toContainText('已组卷：A 卷 190 题', { timeout: 30_000 });
  const row = papers.getByRole('row').filter({ hasText: 'E2E-RELEASE-1' });
  await row.getByRole('button', { name: /^预览/ }).click();
  const preview = papers.getByRole('region', { name: '试卷预览' });
  await expect(preview.locator('.kw-item')).toHaveCount(190);
  // The approved revision is not yet certified: no formal paper carries it.
  await expect(preview).not.toContainText(NEW_STEM);
  await admin.close();
});
