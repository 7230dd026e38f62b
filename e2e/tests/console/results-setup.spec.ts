import { expect, test } from '@playwright/test';
import type ExcelJS from 'exceljs';
import { ConsolePage, workbookFile } from '../../support/console-page.ts';
import { startRunning, type Running } from '../../support/fixtures.ts';

/**
 * An administrator sets up the results of the demo exam batch in the console, without the CLI: the assessment
 * plan (a broken one refused with its reason and not saved, then a valid one), the practical panel and an
 * avoidance relation, the applications from the downloaded template (a workbook with a bad row refused whole,
 * then the corrected one), and the eligibility of every candidate with the reasons of the ineligible one.
 */
const PLAN_NUMBER = 'DEMO-6-31-01-03-5';
let running: Running;

test.beforeAll(async () => {
  running = await startRunning();
});
test.afterAll(async () => {
  await running?.dispose();
});

/** Rows 2… of 申报信息 are the candidates in 准考证号 order; sets 用工形式, 入职日期, 养老保险缴费月数. */
function fill(wb: ExcelJS.Workbook, row: number, employment: string, since: string, months: number): void {
  const r = wb.getWorksheet('申报信息')!.getRow(row);
  r.getCell(4).value = employment;
  r.getCell(5).value = since;
  r.getCell(6).value = months;
}

test('an administrator sets the plan, a panel and the applications, and reads eligibility with the reasons', async ({
  browser,
}) => {
  const admin = await ConsolePage.signIn(browser, running.server.url, 'admin');
  const { page } = admin;
  await admin.openBatch(PLAN_NUMBER);
  await admin.tab('认定方案').click();

  // The plan: weights adding up to 90 are refused with the domain's own words, and nothing is saved.
  const plan = page.getByRole('region', { name: '认定方案' });
  await expect(plan.getByTestId('current-plan')).toContainText('尚未设置认定方案');
  await plan.getByLabel('第 1 个组成部分 权重').fill('30');
  await plan.getByLabel('第 2 个组成部分 权重').fill('60');
  await expect(plan.getByTestId('weight-total')).toHaveText('权重合计 90%');
  await expect(plan.getByRole('list', { name: '方案问题' })).toContainText('各组成部分权重合计为 90%，应为 100%');
  await plan.getByRole('button', { name: '保存认定方案' }).click();
  await expect(plan.getByRole('alert')).toHaveText('认定方案有 1 处问题：各组成部分权重合计为 90%，应为 100% invalid');
  await expect(plan.getByTestId('current-plan')).toContainText('尚未设置认定方案');

  // Corrected, with the enterprise's retirement ages, it checks clean and is saved.
  await plan.getByLabel('第 2 个组成部分 权重').fill('70');
  await plan.getByLabel('退休年龄（男）').fill('60');
  await plan.getByLabel('退休年龄（女）').fill('55');
  await expect(plan.getByRole('status', { name: '方案检查' })).toHaveText('方案检查通过');
  await plan.getByRole('button', { name: '保存认定方案' }).click();
  await expect(plan.getByRole('status').filter({ hasText: '认定方案已保存' })).toBeVisible();
  const current = plan.getByRole('table', { name: '当前认定方案' });
  await expect(current.getByRole('row').filter({ hasText: '操作技能' })).toContainText('70%');
  await expect(current.getByRole('row').filter({ hasText: '理论知识' })).toContainText('30%');

  // The practical panel from the registered assessors, led by 陈立新; 刘卫东 avoids the first candidate.
  const panels = page.getByRole('region', { name: '考评组' });
  const skill = panels.getByRole('group', { name: '操作技能考评组' });
  await skill.getByLabel('考评组长').selectOption('assessor_chen');
  await skill.getByRole('checkbox', { name: '刘卫东' }).check();
  await skill.getByRole('button', { name: '保存考评组' }).click();
  await expect(skill.getByRole('alert')).toContainText('只有 2 人');
  await skill.getByRole('checkbox', { name: '周海峰' }).check();
  await skill.getByRole('button', { name: '保存考评组' }).click();
  await expect(skill.getByRole('status')).toHaveText('操作技能的考评组已保存');
  await expect(skill.getByLabel('考评组长')).toHaveValue('assessor_chen');
  const relations = page.getByRole('region', { name: '回避关系' });
  const first = relations.getByLabel('考生').locator('option').nth(1);
  const firstTicket = (await first.getAttribute('value'))!;
  await relations.getByLabel('考生').selectOption(firstTicket);
  await relations.getByLabel('考评员').selectOption('assessor_liu');
  await relations.getByRole('textbox', { name: '关系' }).fill('亲属');
  await relations.getByRole('button', { name: '登记回避' }).click();
  await expect(relations.getByRole('table', { name: '已登记的回避关系' })).toContainText(`${firstTicket}`);
  await expect(relations.getByRole('table', { name: '已登记的回避关系' })).toContainText('刘卫东（assessor_liu）亲属');

  // The applications: the template lists all 30 candidates; a bad date in row 5 refuses the whole workbook.
  const applications = page.getByRole('region', { name: '申报信息' });
  const template = await admin.downloadWorkbook('下载申报信息模板');
  const sheet = template.getWorksheet('申报信息')!;
  // Row 2 is the example (准考证号 示例) that import skips; the 30 candidates follow it.
  expect(sheet.rowCount).toBe(32);
  expect(sheet.getRow(2).getCell(1).value).toBe('示例');
  expect(sheet.getRow(3).getCell(1).value).toBe(firstTicket);
  const pensionShort = {
    ticket: String(sheet.getRow(4).getCell(1).value),
    name: String(sheet.getRow(4).getCell(2).value),
  };
  fill(template, 3, '在职职工', '2015-03-01', 120);
  fill(template, 4, '在职职工', '2015-03-01', 6);
  fill(template, 5, '劳务派遣', '2015-02-30', 60);
  await applications.getByLabel('选择申报信息工作簿').setInputFiles(await workbookFile(template, '申报信息.xlsx'));
  await applications.getByRole('button', { name: '导入申报信息' }).click();
  await expect(applications.getByRole('alert')).toHaveText('申报信息工作簿有 1 处错误，未录入任何记录 invalid');
  const errors = applications.getByRole('table', { name: '错误列表' });
  await expect(errors.locator('tbody tr')).toHaveCount(1);
  await expect(errors.locator('tbody tr')).toHaveText(['申报信息5E入职日期：日期无效']);
  const eligibility = page.getByRole('region', { name: '申报条件审核' });
  await expect(eligibility.getByTestId('eligibility-counts')).toContainText(
    '共 30 人，符合 0 人，不符合 0 人，未录入 30 人',
  );

  // Corrected, it is recorded, and the one short of pension months is ineligible with that reason.
  fill(template, 5, '劳务派遣', '2015-02-28', 60);
  await applications.getByLabel('选择申报信息工作簿').setInputFiles(await workbookFile(template, '申报信息-改.xlsx'));
  await applications.getByRole('button', { name: '导入申报信息' }).click();
  await expect(applications.getByRole('status')).toHaveText('已录入 3 名考生的申报信息，其中 1 名不符合申报条件');
  await expect(errors).toHaveCount(0);
  await expect(eligibility.getByTestId('eligibility-counts')).toContainText(
    '共 30 人，符合 2 人，不符合 1 人，未录入 27 人',
  );
  await eligibility.getByLabel('只看不符合').check();
  const rows = eligibility.getByRole('table', { name: '申报条件审核结果' }).locator('tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(pensionShort.ticket);
  await expect(rows.first()).toContainText(pensionShort.name);
  await expect(rows.first()).toContainText('不符合');
  await expect(rows.first()).toContainText('养老保险缴费 6 个月，不足 12 个月');

  // The tab is an address: after a reload the saved plan and the panel are still there.
  await page.reload();
  await expect(
    page.getByRole('table', { name: '当前认定方案' }).getByRole('row').filter({ hasText: '操作技能' }),
  ).toContainText('70%');
  await expect(page.getByRole('group', { name: '操作技能考评组' }).getByLabel('考评组长')).toHaveValue('assessor_chen');
  await expect(page.getByLabel('第 2 个组成部分 类型')).toHaveValue('practical');
  await admin.close();
});
