import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { candidateOf, ConsolePage, idNumber, workbookFile } from '../../support/console-page.ts';
import { ExamPage } from '../../support/exam-page.ts';
import { startRunning, type Running } from '../../support/fixtures.ts';
import { kaowu, REPO } from '../../support/server.ts';

/**
 * Every role's main story in the console, in the order they happen: an item written, reviewed and the bank
 * re-certified; a batch planned with roster and paper; the room run live; the scores entered twice and the
 * reports downloaded. One server for the whole story (each step builds on the one before).
 */
test.describe.configure({ mode: 'serial' });

let running: Running;
const PLAN_NUMBER = 'E2E-CONSOLE-001';
const STEM = '使用万用表测量交流电压时，应将转换开关置于交流电压挡的适当量程。';
let itemCode = '';

test.beforeAll(async () => {
  running = await startRunning();
});
test.afterAll(async () => {
  await running?.dispose();
});

/** `YYYY-MM-DDTHH:mm` in China time, `minutes` from now: what a datetime-local input takes. */
const chinaLocal = (minutes: number): string =>
  new Date(Date.now() + minutes * 60_000 + 8 * 3600_000).toISOString().slice(0, 16);

// Then fixes the item in the editor and submits it.
test('an author imports a workbook with errors and sees every problem', async ({ browser }) => {
  const author = await ConsolePage.signIn(browser, running.server.url, 'expert_wang');
  const { page } = author;
  await author.openDemoBank();
  await expect(page.getByTestId('certification-state')).toContainText('已认证');
  await author.tab('导入导出').click();
  const template = await author.downloadWorkbook('下载模板');
  const sheet = template.getWorksheet('试题')!;
  // Row 2: a true/false item with an unknown point and no answer; row 3: a single choice whose key names no option.
  sheet.getRow(2).values = ['', '判断题', 'ZZ999', 3, STEM, '', '', '', '', '', '', '', '', '', ''];
  sheet.getRow(3).values = [
    '',
    '单选题',
    'AA001',
    2,
    '职业道德的核心是什么？',
    '爱岗敬业',
    '追求利润',
    '',
    '',
    '',
    '',
    '',
    '',
    'D',
    '',
  ];
  await page.getByLabel('选择工作簿').setInputFiles(await workbookFile(template, 'items.xlsx'));
  await page.getByRole('button', { name: '导入', exact: true }).click();
  const errors = page.getByRole('table', { name: '错误列表' });
  await expect(errors).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('未导入任何试题');
  await expect(errors.locator('tbody tr')).not.toHaveCount(0);
  await expect(errors).toContainText('试题');
  const rows = await errors.locator('tbody tr td:nth-child(2)').allTextContents();
  expect(new Set(rows)).toEqual(new Set(['2', '3']));

  // The first row, fixed in the editor: the right point and the answer; the preview is the candidate's view.
  await author.tab('试题').click();
  await page.getByRole('button', { name: '新建试题' }).click();
  const editor = page.getByRole('region', { name: '试题编辑' });
  await editor.getByLabel('题型').selectOption('true_false');
  await editor.getByLabel('题干').fill(STEM);
  await expect(editor.getByRole('list', { name: '待修正' })).toContainText('请选择鉴定点');
  await editor.getByLabel('鉴定点').fill('ZZ999');
  await expect(editor.getByRole('list', { name: '待修正' })).toContainText('不在细目表中');
  await editor.getByLabel('鉴定点').fill('AA001');
  await editor.getByLabel('正确').check();
  await expect(editor.getByRole('list', { name: '待修正' })).toHaveCount(0);
  await expect(editor.getByLabel('考生所见预览')).toContainText(STEM);
  await editor.getByRole('button', { name: '保存草稿' }).click();
  await expect(editor.getByRole('status')).toContainText('已保存');
  itemCode = (await editor.getByRole('heading', { level: 2 }).textContent())!.replace('试题', '').trim();
  expect(itemCode).toMatch(/^AA001/);
  await editor.getByRole('button', { name: '提交审核' }).click();
  await expect(editor.getByRole('status')).toContainText('已提交审核');
  await expect(editor).toContainText('待审核');
  await author.close();
});

test('a reviewer approves the item (never their own)', async ({ browser }) => {
  const reviewer = await ConsolePage.signIn(browser, running.server.url, 'expert_li');
  const { page } = reviewer;
  await reviewer.openDemoBank();
  const approvedBefore = Number(await page.getByTestId('approved-count').textContent());
  await reviewer.tab('审核').click();
  const card = page.locator(`article.review-card[data-code="${itemCode}"]`);
  await expect(card).toContainText(STEM);
  await expect(card).toContainText('√');
  await card.getByRole('button', { name: '通过' }).click();
  // The bank has a certified release: the reviewer is told the item goes into the next one, in the page.
  await page
    .getByRole('dialog', { name: `通过试题 ${itemCode}` })
    .getByRole('button', { name: '通过，进入下一版本' })
    .click();
  await expect(page.getByRole('status')).toContainText(`${itemCode} 已通过`);
  await expect(page.getByTestId('approved-count')).toHaveText(String(approvedBefore + 1));
  // The bank changed: the earlier certifications do not count for the next release; papers still use release 1.
  await expect(page.getByTestId('certification-state')).toContainText('未完成');
  await expect(page.getByTestId('release-state')).toContainText('待认证变更 1 项');
  await reviewer.close();
});

test('three assessors read the snapshot and certify it', async ({ browser }) => {
  for (const [i, username] of ['assessor_chen', 'assessor_liu', 'assessor_zhou'].entries()) {
    const assessor = await ConsolePage.signIn(browser, running.server.url, username);
    const { page } = assessor;
    await assessor.openDemoBank();
    await assessor.tab('题库难度认证').click();
    const cert = page.getByRole('region', { name: '题库难度认证' });
    await expect(cert.getByTestId('snapshot-hash')).toHaveText(/^[0-9a-f]{64}$/);
    await expect(cert).toContainText('已过期：题库已变更');
    await expect(cert.locator('.sample li')).toHaveCount(10);
    await expect(cert.getByRole('img', { name: '难度分布', exact: true })).toBeVisible();
    await cert.getByLabel('认证意见').fill('难度分布与本等级相符');
    await cert.getByRole('button', { name: '签署题库难度认证' }).click();
    await page.getByRole('dialog', { name: '签署题库难度认证' }).getByRole('button', { name: '签署认证' }).click();
    await expect(cert.getByRole('status')).toContainText('已签署认证');
    await expect(page.getByTestId('certification-state')).toContainText(`${i + 1}/3`);
    if (i === 2) {
      await expect(page.getByTestId('certification-state')).toContainText('已认证');
      await expect(page.getByTestId('release-state')).toContainText('已认证版本 2');
    }
    await assessor.close();
  }
});

test('an administrator creates a batch, imports the roster, assembles a paper and attaches it', async ({ browser }) => {
  const admin = await ConsolePage.signIn(browser, running.server.url, 'admin');
  const { page } = admin;
  await page.getByRole('link', { name: '认定批次' }).click();
  await page.getByRole('button', { name: '新建批次' }).click();
  const form = page.getByRole('form', { name: '新建批次' });
  await form.getByLabel('认定计划号').fill(PLAN_NUMBER);
  await form.getByLabel('批次名称').fill('控制台端到端测试批次');
  await form.getByLabel('题库').selectOption({ label: '电工 五级/初级工' });
  await form.getByLabel('开考时间').fill(chinaLocal(-10));
  await form.getByLabel('结束时间').fill(chinaLocal(180));
  await form.getByLabel('座位数').fill('10');
  await form.getByLabel('监考（用户名，逗号分隔）').fill('proctor_sun');
  await form.getByLabel('考评员（用户名，逗号分隔）').fill('assessor_chen, assessor_liu, assessor_zhou');
  await form.getByLabel(/^内部督导员/).fill('supervisor_qian, supervisor_he');
  await form.getByRole('button', { name: '创建批次' }).click();
  await expect(page.getByRole('heading', { name: new RegExp(PLAN_NUMBER) })).toBeVisible();

  // A roster with a bad ID number first: every problem listed, nothing imported; then the corrected one.
  const roster = async (badId: boolean) => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRow(['姓名', '身份证号', '文化程度', '所在单位', '专业工龄', '准考证号', '考场', '座位号']);
    ws.addRow([
      '赵一鸣',
      badId ? '110105199001010011' : idNumber('19900101', 1),
      '高中',
      '示范电力设备有限公司',
      5,
      null,
      null,
      null,
    ]);
    ws.addRow(['钱二娜', idNumber('19920315', 2), '大专', '示范电力设备有限公司', 3, null, null, null]);
    return workbookFile(wb, 'roster.xlsx');
  };
  const rosterPanel = page.getByRole('region', { name: '考生名单' });
  await rosterPanel.getByLabel('选择名单').setInputFiles(await roster(true));
  await rosterPanel.getByRole('button', { name: '导入名单' }).click();
  await expect(rosterPanel.getByRole('table', { name: '错误列表' })).toContainText('身份证号');
  await expect(page.getByTestId('room-01-candidates')).toHaveText('0');
  await rosterPanel.getByLabel('选择名单').setInputFiles(await roster(false));
  await rosterPanel.getByRole('button', { name: '导入名单' }).click();
  await expect(rosterPanel.getByRole('status')).toContainText('名单已导入');
  await expect(page.getByTestId('room-01-candidates')).toHaveText('2');

  await page.getByRole('tab', { name: '试卷' }).click();
  const papers = page.getByRole('region', { name: '试卷' });
  const blueprint = readFileSync(join(REPO, 'question-banks/6-31-01-03-电工/5/blueprint.yaml'), 'utf8');
  // Excluding the items of the latest batch outright (the demo exam's papers): live feasibility says the bank is
  // then too small, and why. The bank's blueprint instead prefers the least-used items of the last 3 batches: it
  // assembles and says how exposed the paper is.
  await papers.getByRole('button', { name: '高级：YAML' }).click();
  const hard = blueprint.replace('lastBatches: 3\n  maxRate: 0.67', 'excludeRecentBatches: 1');
  expect(hard).not.toBe(blueprint);
  await papers.getByLabel('组卷方案').fill(hard);
  await expect(papers.getByTestId('feasibility')).toContainText('因近期批次已用而排除', { timeout: 30_000 });
  await expect(papers.getByRole('button', { name: '组卷并封存' })).toBeDisabled();
  await papers.getByLabel('组卷方案').fill(blueprint);
  await expect(papers.getByTestId('feasibility')).toContainText('可以组卷', { timeout: 30_000 });
  await expect(papers.getByTestId('feasibility')).toContainText('曝光率');
  await papers.getByRole('button', { name: '组卷并封存' }).click();
  await expect(papers.getByRole('status')).toContainText('已组卷', { timeout: 30_000 });
  await papers.getByRole('button', { name: '核验校验码' }).last().click();
  await expect(papers.getByRole('status')).toContainText('核验通过');
  await papers.getByRole('button', { name: '用于本批次' }).click();
  await expect(papers.getByRole('status')).toContainText('已为批次配置');
  await page.getByRole('tab', { name: '考场与名单' }).click();
  await expect(page.getByText(/试卷：.*卷/)).toBeVisible();
  await admin.close();
});

test('a proctor opens the room, sees a candidate start live and extends their time', async ({ browser }) => {
  const proctor = await ConsolePage.signIn(browser, running.server.url, 'proctor_sun');
  const { page } = proctor;
  await proctor.openBatch(PLAN_NUMBER);
  await proctor.openRoomBoard();
  const board = page.getByRole('region', { name: '考场看板' });
  await expect(board.getByText('实时')).toBeVisible();
  await board.getByRole('button', { name: '开放考场' }).click();
  await expect(board.getByTestId('room-status')).toHaveText(/已开考/);

  const person = candidateOf(running.server.options.dbPath, PLAN_NUMBER, '赵一鸣');
  const candidateContext = await browser.newContext();
  const exam = new ExamPage(await candidateContext.newPage(), running.server.url);
  await exam.enter(person);

  const tile = board.locator(`article.tile[data-ticket="${person.ticket}"]`);
  await expect(tile.locator('.seat-status')).toHaveText('答题中');
  // Remaining time reads h:mm:ss (or m:ss under an hour), as on the candidate's screen.
  const minutesLeft = async () => {
    const parts = (await tile.locator('.time-left').textContent())!.trim().split(':').map(Number);
    return parts.length === 3 ? parts[0]! * 60 + parts[1]! : parts[0]!;
  };
  const before = await minutesLeft();
  await tile.getByLabel(`${person.name} 延时分钟数`).fill('15');
  await tile.getByRole('button', { name: '延时' }).click();
  await expect(board.getByRole('status')).toContainText('已延时 15 分钟');
  await expect.poll(minutesLeft).toBeGreaterThanOrEqual(before + 14);
  await candidateContext.close();
  await proctor.close();
});

test('the administrator enters practical scores twice, reads the decisions and downloads the summary report', async ({
  browser,
}) => {
  // Set up outside the console, as the CLI does: the plan, the practical panel, and a second clerk
  // for double entry (双人复核 needs two different people).
  const db = ['--db', running.server.options.dbPath];
  const plan = join(mkdtempSync(join(tmpdir(), 'kaowu-plan-')), 'plan.json');
  writeFileSync(
    plan,
    JSON.stringify({
      method: 'assessment',
      components: [
        { code: 'theory', name: '理论知识', kind: 'theory', weight: 30 },
        { code: 'skill', name: '操作技能', kind: 'practical', weight: 70 },
      ],
      panel: { assessorsPerCandidate: 3, aggregation: 'mean', spreadThreshold: 15 },
    }),
  );
  await kaowu([
    'user',
    'add',
    'clerk_zhou',
    '--name',
    '周文',
    '--role',
    'administrator',
    '--password',
    'kaowu-demo',
    '--as',
    'admin',
    ...db,
  ]);
  await kaowu(['results', 'plan', 'set', '--batch', PLAN_NUMBER, '--file', plan, '--as', 'admin', ...db]);
  await kaowu([
    'results',
    'panel',
    '--batch',
    PLAN_NUMBER,
    '--component',
    'skill',
    '--leader',
    'assessor_chen',
    '--members',
    'assessor_chen,assessor_liu,assessor_zhou',
    '--as',
    'admin',
    ...db,
  ]);

  const people = ['赵一鸣', '钱二娜'].map((name) => candidateOf(running.server.options.dbPath, PLAN_NUMBER, name));
  const scores: Record<string, number[]> = { 赵一鸣: [82, 85, 80], 钱二娜: [55, 58, 60] };
  const enter = async (username: string) => {
    const clerk = await ConsolePage.signIn(browser, running.server.url, username);
    const { page } = clerk;
    await clerk.openBatch(PLAN_NUMBER);
    await page.getByRole('tab', { name: '成绩与认定' }).click();
    const grid = page.getByRole('table', { name: '成绩录入' });
    for (const p of people)
      for (const [i, who] of ['陈立新', '刘卫东', '周海峰'].entries())
        await grid.getByLabel(`${p.ticket} ${who}`).fill(String(scores[p.name]![i]));
    await page.getByRole('button', { name: '保存录入' }).click();
    await expect(page.getByRole('status').filter({ hasText: '已录入' })).toContainText('已录入 6 个分数');
    return clerk;
  };
  const first = await enter('admin');
  await expect(first.page.getByTestId('score-status')).toContainText('待第二人录入 6 张');
  await first.close();

  const second = await enter('clerk_zhou');
  const { page } = second;
  await expect(page.getByTestId('score-status')).toContainText('已生效评分表 6 张');
  await expect(page.getByTestId('score-status')).toContainText('不一致 0 张');
  await page.getByRole('button', { name: '计算认定结果' }).click();
  const decisions = page.getByRole('table', { name: '认定结果' });
  await expect(decisions.locator('tbody tr')).toHaveCount(2);
  // Every line says why, in words.
  for (const row of await decisions.locator('tbody tr').all()) await expect(row.locator('td').last()).not.toBeEmpty();

  const summary = await second.downloadWorkbook('下载综合成绩汇总表');
  const text = summary.worksheets
    .flatMap((ws) => {
      const cells: string[] = [];
      ws.eachRow((r) => r.eachCell((c) => void cells.push(String(c.text ?? ''))));
      return cells;
    })
    .join('\n');
  expect(text).toContain('综合成绩汇总表');
  for (const p of people) {
    expect(text).toContain(p.name);
    expect(text).toContain(p.ticket);
  }
  await second.close();
});
