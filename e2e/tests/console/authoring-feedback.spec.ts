import { expect, type Locator, type Page, test } from '@playwright/test';
import { ConsolePage } from '../../support/console-page.ts';
import { runningForFile } from '../../support/fixtures.ts';

/**
 * Feedback where the person is looking, people by name, and item lists an author can work through: a saved or
 * refused message shows at the top of the viewport even when 保存 was pressed low on the page; 命题人 reads 王建国,
 * not expert_wang, in the list, the history and the review queue; search runs as one types; the demo bank's 725
 * items page past 300. One server for the file (the second test reviews what the first submitted).
 */
test.describe.configure({ mode: 'serial' });
const running = runningForFile();
let itemCode = '';

/** The element's box lies inside the viewport's top band (the first 120 px). */
async function expectAtTopOfViewport(page: Page, notice: Locator): Promise<void> {
  await expect(notice).toBeVisible();
  const box = (await notice.boundingBox())!;
  const height = page.viewportSize()!.height;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThan(Math.min(120, height));
}

test('an author: names not login names, search as you type, paging past 300, the save notice at the top', async ({
  browser,
}) => {
  const author = await ConsolePage.signIn(browser, running().server.url, 'expert_wang');
  const { page } = author;
  await author.openDemoBank();
  const list = page.getByRole('table', { name: '试题列表' });
  const rows = list.locator('tbody tr');
  const count = page.locator('.items .bulk span');
  await expect(count).toContainText(/共 7\d\d 道/);
  const total = Number((await count.textContent())!.match(/共 (\d+) 道/)![1]);
  // No login name anywhere in the list's 命题人 column.
  await expect(list).not.toContainText('expert_');
  // Every item is reachable: the last page holds the rest after 100 a page.
  await expect(rows).toHaveCount(100);
  const pager = page.getByRole('navigation', { name: '翻页' });
  await expect(pager).toContainText(`第 1 / ${Math.ceil(total / 100)} 页`);
  for (let p = 1; p < Math.ceil(total / 100); p++) await pager.getByRole('button', { name: '下一页' }).click();
  await expect(rows).toHaveCount(total - 100 * (Math.ceil(total / 100) - 1));
  await expect(pager.getByRole('button', { name: '下一页' })).toBeDisabled();
  // Typing a name searches without pressing anything; the result starts at its first page.
  await page.getByLabel('命题人').pressSequentially('王建国');
  await expect(count).not.toContainText(`共 ${total} 道`);
  await expect(list.locator('tbody tr td:nth-child(8)').first()).toHaveText('王建国');
  const mine = Number((await count.textContent())!.match(/共 (\d+) 道/)![1]);
  expect(mine).toBeGreaterThan(0);
  expect(mine).toBeLessThan(total);
  const cells = await list.locator('tbody tr td:nth-child(8)').allTextContents();
  expect(new Set(cells)).toEqual(new Set(['王建国']));
  // The search button runs the search at once, as Enter does.
  await page.getByLabel('搜索', { exact: true }).fill('验电');
  await page.getByRole('button', { name: '搜索', exact: true }).click();
  await expect(count).not.toContainText(`共 ${mine} 道`);
  await expect(rows.first()).toBeVisible();
  const first = rows.first();
  itemCode = (await first.locator('td').nth(1).textContent())!.trim();
  await first.getByRole('button', { name: itemCode }).click();
  const editor = page.getByRole('region', { name: '试题编辑' });
  await editor.getByLabel('题干').fill(`${await editor.getByLabel('题干').inputValue()}（修订）`);
  // Pressed low on the page, the outcome still shows where the person is looking.
  const save = editor.getByRole('button', { name: '保存草稿' });
  await save.scrollIntoViewIfNeeded();
  await save.click();
  await expectAtTopOfViewport(page, editor.getByRole('status'));
  await expect(editor.getByRole('status')).toContainText('已保存');
  await editor.getByRole('button', { name: '提交审核' }).click();
  await expect(editor.getByRole('status')).toContainText('已提交审核');
  await expectAtTopOfViewport(page, editor.getByRole('status'));
  // The history (approved version and the revision) names the author and the reviewer.
  const history = page.getByRole('region', { name: '版本历史' });
  await expect(history).toContainText('王建国');
  await expect(history).not.toContainText('expert_');
  await author.close();
});

test('a reviewer reads the author by name in the review queue', async ({ browser }) => {
  const reviewer = await ConsolePage.signIn(browser, running().server.url, 'expert_li');
  const { page } = reviewer;
  // The home page (the bank list) counts what waits for this reviewer: the queue's cards, none of their own.
  const toReview = page.getByTestId('to-review-6-31-01-03-5');
  await expect(toReview).toHaveText(/^\d+$/);
  const waiting = Number(await toReview.textContent());
  expect(waiting).toBeGreaterThan(0);
  await reviewer.openDemoBank();
  await reviewer.tab('审核').click();
  await expect(page.locator('article.review-card .row button', { hasText: '通过' })).toHaveCount(waiting);
  const card = page.locator(`article.review-card[data-code="${itemCode}"]`);
  await expect(card.locator('header.row')).toContainText('命题人 王建国');
  await expect(page.getByRole('region', { name: '审核' })).not.toContainText('expert_');
  // A refusal (returning without a comment) also shows at the top of the viewport.
  await card.getByRole('button', { name: '退回' }).scrollIntoViewIfNeeded();
  await card.getByRole('button', { name: '退回' }).click();
  const alert = page.getByRole('region', { name: '审核' }).getByRole('alert');
  await expect(alert).toContainText('退回时请填写意见');
  await expectAtTopOfViewport(page, alert);
  await card.getByRole('button', { name: '通过' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '通过，进入下一版本' }).click();
  await expect(page.getByRole('region', { name: '审核' }).getByRole('status')).toContainText(`${itemCode} 已通过`);
  await reviewer.close();
});

test("an assessor's home page counts the changes waiting for certification", async ({ browser }) => {
  const assessor = await ConsolePage.signIn(browser, running().server.url, 'assessor_chen');
  const { page } = assessor;
  // The one approved revision since the demo's certified release 1.
  await expect(page.getByRole('columnheader', { name: '待认证变更' })).toBeVisible();
  await expect(page.getByTestId('to-certify-6-31-01-03-5')).toHaveText('1');
  await assessor.openDemoBank();
  await expect(page.getByTestId('release-state')).toContainText('待认证变更 1 项');
  await assessor.close();
});

test('an author sees no certification column', async ({ browser }) => {
  const author = await ConsolePage.signIn(browser, running().server.url, 'expert_zhao');
  await expect(author.page.getByRole('table').first()).toContainText('待我审核');
  await expect(author.page.getByRole('columnheader', { name: '待认证变更' })).toHaveCount(0);
  await author.close();
});
