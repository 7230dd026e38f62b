import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ConsolePage } from '../../support/console-page.ts';
import { runningForFile } from '../../support/fixtures.ts';
import { REPO } from '../../support/server.ts';

/**
 * Workbooks from every tool: Kaowu's template re-saved by openpyxl with 批注, and a CSV converted by LibreOffice
 * (its only sheet named after the file), each imported by an author in the console. The fixtures were made with
 * the real tools by packages/bank/fixtures/workbooks/make-fixtures.sh.
 */
const running = runningForFile();
const FIXTURES = join(REPO, 'packages/bank/fixtures/workbooks');

for (const [file, tool, stem] of [
  ['template-openpyxl.xlsx', 'openpyxl', 'openpyxl 保存：职业道德是从业人员在职业活动中应遵循的行为准则。'],
  ['items-libreoffice.xlsx', 'LibreOffice', 'LibreOffice 转换：团结协作是电工职业守则的要求之一。'],
] as const)
  test(`an author imports a workbook saved by ${tool}`, async ({ browser }) => {
    const author = await ConsolePage.signIn(browser, running().server.url, 'expert_wang');
    const { page } = author;
    await author.openDemoBank();
    await author.tab('导入导出').click();
    const panel = page.getByRole('region', { name: '导入导出' });
    await panel.getByLabel('选择工作簿').setInputFiles(join(FIXTURES, file));
    await panel.getByRole('button', { name: '导入', exact: true }).click();
    // Two items each; the template's example row (编号 示例) is not one of them.
    await expect(panel.getByRole('status')).toContainText('已导入 2 行：新建 2');
    await expect(panel.getByRole('table', { name: '错误列表' })).toHaveCount(0);
    await author.tab('试题').click();
    await page.getByLabel('搜索').fill(stem);
    await page.getByLabel('搜索').press('Enter');
    await expect(page.getByRole('table', { name: '试题列表' }).locator('tbody tr')).toHaveCount(1);
    await author.close();
  });
