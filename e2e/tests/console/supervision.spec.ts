import { expect, test, type Page } from '@playwright/test';
import type ExcelJS from 'exceljs';
import { ConsolePage } from '../../support/console-page.ts';
import { runningForFile } from '../../support/fixtures.ts';

/**
 * 附件2 内部督导情况报告 in the console: the demo batch's two internal supervisors (no system role) fill the
 * exam-day part, save and see the total, complete the after-publicity part, and both sign; the workbook carries
 * the total and the signers; a proctor reads the report but cannot change it; a veto halts the batch.
 */
const PLAN_NUMBER = 'DEMO-6-31-01-03-5';

const running = runningForFile();

async function openSupervision(who: ConsolePage): Promise<void> {
  await who.openBatch(PLAN_NUMBER);
  await who.tab('内部督导').click();
  await expect(who.page.getByRole('region', { name: '内部督导' })).toBeVisible();
}

const total = (page: Page) => page.getByRole('status', { name: '内督合计得分' });
const choose = (page: Page, criterion: string, grade: RegExp) =>
  page.getByRole('radiogroup', { name: criterion, exact: true }).getByRole('radio', { name: grade }).check();
const tick = (page: Page, criterion: string, item: RegExp) =>
  page.getByRole('group', { name: criterion, exact: true }).getByRole('checkbox', { name: item }).check();

/** Every row of the first sheet by column (merged cells read back as their first cell). */
function rowsOf(workbook: ExcelJS.Workbook): string[][] {
  const rows: string[][] = [];
  workbook.worksheets[0]!.eachRow((row) => rows.push([1, 2, 3, 4, 5].map((n) => String(row.getCell(n).value ?? ''))));
  return rows;
}

test('two supervisors fill in, sign and download 附件2; a proctor reads it; a veto halts the batch', async ({
  browser,
}) => {
  const qian = await ConsolePage.signIn(browser, running().server.url, 'supervisor_qian');
  await openSupervision(qian);
  const page = qian.page;
  await expect(total(page)).toHaveText('0');
  await page.getByLabel('督导员工作单位').fill('质量管理部');

  // Exam day: 计划执行 5, 资格审核 10, 试题保密 15, 考务组织 50 less 考场布置's fifth item (2).
  await choose(page, '认定范围、时间', /与工作方案、公告一致/);
  await choose(page, '认定地点', /^认定地点与核定公布信息一致/);
  await choose(page, '考生资格', /^考生资格符合/);
  await choose(page, '资格公示', /已经过公示/);
  await choose(page, '理论考核方式', /采用机考/);
  for (const item of [/专用保密室/, /双人双锁/, /2人以上在场/, /签字手续/]) await tick(page, '制卷、传送', item);
  await choose(page, '教室、工位安排', /间隔合理，数量充足/);
  for (const item of [/张贴考场规则/, /张贴考生名单/, /黑板书写警示语/, /导向或指示标识/])
    await tick(page, '考场布置', item);
  await choose(page, '视频监控', /^考试现场全程视频监控/);
  await choose(page, '考务人员安排', /^现场工作人员、监考人员安排到位/);
  for (const item of [/派遣数量/, /回避制/, /公正执评/, /评分记录清晰/]) await tick(page, '考评人员安排', item);
  await choose(page, '考场秩序', /^考场秩序良好/);
  await expect(page.getByLabel('考务组织小计')).toHaveText('小计 48 / 50');
  await expect(total(page)).toHaveText('78');
  await expect(page.getByLabel('成绩公示结束后填写未评项目')).toHaveText('尚未评定：成绩录入、结果公示、投诉处理');

  await page.getByRole('button', { name: '保存报告' }).first().click();
  await expect(page.getByRole('status').filter({ hasText: '已保存：合计 78 分' })).toBeVisible();
  await expect(page.getByRole('button', { name: '签字' })).toBeDisabled();
  await expect(page.getByText('签字：报告填写完整后才能签字（还有 3 项未评）')).toBeVisible();

  // After the publicity: the rest of the report, then the first signature.
  for (const item of [/双人复核/, /上传成绩汇总表/, /不随意对外透露/, /做好保存/]) await tick(page, '成绩录入', item);
  await choose(page, '结果公示', /公示信息脱敏（5 分）/);
  await choose(page, '投诉处理', /当次考试无投诉/);
  await page.getByLabel('内督人员意见或其他问题说明').fill('考场布置缺少物品存放区，已当场提醒。');
  await expect(total(page)).toHaveText('98');
  await page.getByRole('button', { name: '保存报告' }).first().click();
  await expect(page.getByRole('status').filter({ hasText: '已保存：合计 98 分' })).toBeVisible();
  await page.getByRole('button', { name: '签字' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^已签字$/ })).toBeVisible();
  await expect(page.getByLabel('内督人员签字')).toContainText('钱敏：已签字');
  await expect(page.getByLabel('内督人员签字')).toContainText('何静：未签字');
  await expect(page.getByRole('button', { name: '签字' })).toBeDisabled();

  // The second supervisor reads the same report and signs it.
  const he = await ConsolePage.signIn(browser, running().server.url, 'supervisor_he');
  await openSupervision(he);
  await expect(total(he.page)).toHaveText('98');
  await expect(
    he.page.getByRole('radiogroup', { name: '理论考核方式', exact: true }).getByRole('radio', { name: /采用机考/ }),
  ).toBeChecked();
  await he.page.getByRole('button', { name: '签字' }).click();
  await expect(he.page.getByRole('status').filter({ hasText: '已签字：全体内督人员均已签字' })).toBeVisible();

  const rows = rowsOf(await he.downloadWorkbook('下载附件2'));
  expect(rows[0]?.[0]).toBe('职业技能等级认定内部督导情况报告');
  expect(rows.find((r) => r[0] === '被督导单位')?.[3]).toBe('何静、钱敏');
  expect(rows.find((r) => r[0] === '合计（100分）')?.[4]).toBe('98');
  expect(rows.find((r) => r[1] === '考场布置')?.[4]).toBe('8');
  expect(rows.find((r) => r[0] === '内督人员意见或其他问题说明')?.[1]).toBe('考场布置缺少物品存放区，已当场提醒。');
  expect(rows.find((r) => r[0]!.startsWith('内督人员签字'))?.[0]).toMatch(
    /^内督人员签字：(钱敏|何静)（\d{4}年\d{1,2}月\d{1,2}日）　(何静|钱敏)（/,
  );
  await he.close();

  // A veto found: the total is 0, the signatures lapse, and the batch page says the batch is halted.
  await page
    .getByRole('group', { name: '否决项' })
    .getByRole('checkbox', { name: /考场秩序混乱/ })
    .check();
  await expect(total(page)).toHaveText('0');
  await page.getByRole('button', { name: '保存报告' }).first().click();
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: '已保存：合计 0 分；本批次已暂停认定；报告内容已变更，原有签字已失效，请重新签字' }),
  ).toBeVisible();
  await expect(page.getByRole('alert', { name: '认定已暂停' })).toBeVisible();
  await expect(page.getByLabel('内督人员签字')).toContainText('钱敏：未签字');
  await qian.close();

  // A proctor of the batch reads the report and sees the halt, but has nothing to change.
  const sun = await ConsolePage.signIn(browser, running().server.url, 'proctor_sun');
  await openSupervision(sun);
  await expect(sun.page.getByRole('alert', { name: '认定已暂停' })).toBeVisible();
  await expect(total(sun.page)).toHaveText('0');
  await expect(sun.page.getByText('只读：只有本批次的内部督导员可以填写和签署本报告。')).toBeVisible();
  await expect(sun.page.getByRole('button', { name: '保存报告' })).toHaveCount(0);
  await expect(sun.page.getByRole('button', { name: '签字' })).toHaveCount(0);
  await expect(
    sun.page.getByRole('radiogroup', { name: '视频监控', exact: true }).getByRole('radio').first(),
  ).toBeDisabled();
  await sun.close();
});
