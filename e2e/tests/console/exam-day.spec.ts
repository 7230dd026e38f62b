import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { ConsolePage } from '../../support/console-page.ts';
import { runningForFile } from '../../support/fixtures.ts';
import { DEMO_PASSWORD } from '../../support/proctor.ts';
import { kaowu } from '../../support/server.ts';
import { staffApi } from '../../support/staff-api.ts';

/**
 * The exam day as the policy runs it (issue 18), on the demo: a new batch of the demo's occupation with two
 * candidates, two internal supervisors and an external supervisor (外督人员, an account with no role). The
 * candidate list is published and the room's opening refused with the date, then opened early with a reason; the
 * room's practical sheets print (their QR codes decode to the sheet ids); a sheet is entered by criterion and waits
 * for the second entry; changing an assessor waits for a supervisor; 附件3 is filled, signed by both and downloaded.
 */
test.describe.configure({ mode: 'serial' });
const running = runningForFile();
const PLAN = `E2E-DAY-${Date.now()}`;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Two 身份证号 with valid GB 11643 check digits. */
const PEOPLE = [
  ['赵一', '110105199003071239', '高中', '一车间', 3],
  ['钱二', '440308198511202348', '大学本科', '二车间', 5],
];
const CRITERIA = [
  { code: 'wiring', name: '线路敷设与接线', points: 60 },
  { code: 'safety', name: '安全文明生产', points: 40 },
];
let batchId = '';
let listEnds = '';

test.beforeAll(async () => {
  const { server } = running();
  await kaowu([
    'user',
    'add',
    'ext_wu',
    '--name',
    '吴外督',
    '--password',
    DEMO_PASSWORD,
    '--as',
    'admin',
    '--db',
    server.options.dbPath,
  ]);
  const admin = await staffApi(server.url, 'admin');
  const now = Date.now();
  ({ id: batchId } = await admin.call<{ id: string }>('POST', '/batches', {
    planNumber: PLAN,
    name: '考试日演练',
    occupationCode: '6-31-01-03',
    level: 5,
    windows: [{ startsAt: new Date(now - 3600_000).toISOString(), endsAt: new Date(now + 86_400_000).toISOString() }],
    rooms: [{ code: '01', name: '第一考场', seats: 5, columns: 5 }],
    staff: [
      { username: 'proctor_sun', duty: 'proctor', room: '01' },
      ...['assessor_chen', 'assessor_liu', 'assessor_zhou'].map((username) => ({ username, duty: 'assessor' })),
      { username: 'supervisor_qian', duty: 'supervisor' },
      { username: 'supervisor_he', duty: 'supervisor' },
      { username: 'ext_wu', duty: 'external_supervisor' },
    ],
  }));
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('考生名单');
  sheet.addRow(['姓名', '身份证号', '文化程度', '所在单位', '专业工龄', '准考证号', '考场', '座位号']);
  sheet.getColumn(2).numFmt = '@';
  for (const p of PEOPLE) sheet.addRow(p);
  const roster = await fetch(`${server.url}/api/batches/${batchId}/roster`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin.token}`, 'content-type': XLSX },
    body: Buffer.from(await book.xlsx.writeBuffer()),
  });
  expect(roster.status).toBe(200);
  await admin.call('PUT', `/batches/${batchId}/plan`, {
    plan: {
      method: 'assessment',
      components: [
        { code: 'theory', name: '理论知识', kind: 'theory', weight: 30 },
        { code: 'skill', name: '操作技能', kind: 'practical', weight: 70, criteria: CRITERIA },
      ],
    },
  });
  await admin.call('PUT', `/batches/${batchId}/panels/skill`, {
    leader: 'assessor_chen',
    members: ['assessor_chen', 'assessor_liu', 'assessor_zhou'],
  });
});

/** The screen fits 1366×768 without scrolling sideways (the console's layout rule), with its forms open. */
async function fitsWidth(page: ConsolePage['page']) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, `${page.url()} is wider than the window`).toBeLessThanOrEqual(innerWidth);
}

const examDayTab = async (person: ConsolePage) => {
  await person.openBatch(PLAN);
  await person.tab('考务与考评表').click();
};

test('the candidate list is published, and opening the room before its window ends is refused with the date', async ({
  browser,
}) => {
  const admin = await ConsolePage.signIn(browser, running().server.url, 'admin');
  const { page } = admin;
  await examDayTab(admin);
  const list = page.getByRole('region', { name: '考生名单公示' });
  await list.getByRole('button', { name: '公示考生名单' }).click();
  await expect(list.getByRole('status')).toContainText('考生名单已公示，公示期');
  const window = (await list.getByTestId('candidate-list-window').textContent()) ?? '';
  listEnds = window.split('至')[1]!.trim();
  expect(listEnds).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  await expect(list).toContainText('共 2 人');
  await expect(list.getByRole('link', { name: '打印公示名单' })).toBeVisible();
  await fitsWidth(page);

  // While the list runs the roster takes no import (the server says candidate_list_frozen), so none is offered.
  await admin.tab('考场与名单').click();
  const roster = page.getByRole('region', { name: '考生名单' });
  await expect(roster.getByTestId('roster-import-closed')).toHaveText(
    `考生名单公示至 ${listEnds}，公示期间不能导入或更改名单；公示结束后方可导入。`,
  );
  for (const control of ['导入名单', '下载名单模板'])
    await expect(roster.getByRole('button', { name: control }), control).toHaveCount(0);
  await admin.openRoomBoard('01');
  const board = page.getByRole('region', { name: '考场看板' });
  await board.getByRole('button', { name: '开放考场' }).click();
  await expect(board.getByRole('alert')).toContainText(`考生名单公示期至 ${listEnds} 结束`);
  await expect(page.getByTestId('room-status')).not.toHaveText('已开考');

  // An administrator may still open it, with a written reason that the audit record keeps.
  await board.getByLabel('提前开考的书面理由').fill('上级通知考试日期提前，公示期内无异议');
  await board.getByRole('button', { name: '提前开考' }).click();
  await expect(page.getByTestId('room-status')).toHaveText('已开考');
  const api = await staffApi(running().server.url, 'admin');
  const audit = await api.call<{ records: unknown[] }>(
    'GET',
    `/audit?batch=${encodeURIComponent(PLAN)}&action=room.open`,
  );
  expect(JSON.stringify(audit.records)).toContain('上级通知考试日期提前');
  await admin.close();
});

test('a room’s practical sheets print in one go, each with a QR code of its id', async ({ browser }) => {
  const admin = await ConsolePage.signIn(browser, running().server.url, 'admin');
  const { page } = admin;
  await examDayTab(admin);
  const panel = page.getByRole('region', { name: '实操考评表' });
  await panel.getByLabel('考场').selectOption({ label: '01 第一考场' });
  const rows = panel.getByRole('table', { name: '考评表' }).locator('tbody tr');
  await expect(rows).toHaveCount(PEOPLE.length * 3);
  const ids = (await rows.locator('td:first-child').allTextContents()).sort();
  const href = await panel.getByRole('link', { name: '打印本考场的考评表' }).getAttribute('href');
  const print = await admin.page.context().newPage();
  await print.goto(`${running().server.url}${href}`);
  await expect(print.locator('section.practical')).toHaveCount(ids.length);
  await expect(print.locator('section.practical').first()).toContainText('线路敷设与接线');
  await expect(print.locator('section.practical').first()).toContainText('考评员签名');

  // The printed QR codes carry the sheet ids (decoded by zbarimg from the rendered PDF).
  const dir = mkdtempSync(join(tmpdir(), 'kaowu-sheets-'));
  try {
    await print.pdf({ path: join(dir, 'sheets.pdf'), format: 'A4' });
    execFileSync('pdftoppm', ['-r', '150', '-png', join(dir, 'sheets.pdf'), join(dir, 'page')]);
    const pages = readdirSync(dir).filter((f) => f.endsWith('.png'));
    const decoded = pages.flatMap((f) =>
      execFileSync('zbarimg', ['--quiet', '--raw', join(dir, f)], { encoding: 'utf8' })
        .trim()
        .split('\n'),
    );
    expect(decoded.sort()).toEqual(ids);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await admin.close();
});

test('a sheet is entered criterion by criterion, its total feeds double entry, and its assessor signs it', async ({
  browser,
}) => {
  const admin = await ConsolePage.signIn(browser, running().server.url, 'admin');
  await examDayTab(admin);
  const panel = admin.page.getByRole('region', { name: '实操考评表' });
  const row = panel.locator('tbody tr').filter({ hasText: '赵一' }).filter({ hasText: '陈立新' });
  const sheetId = (await row.locator('td').first().textContent())!.trim();
  await row.getByRole('button', { name: '录入' }).click();
  const sheet = admin.page.getByRole('region', { name: `考评表 ${sheetId}` });
  await sheet.getByLabel('线路敷设与接线得分').fill('50');
  await expect(sheet.getByLabel('考评表合计')).toHaveText('50');
  await expect(sheet).toContainText('还有 1 项未评分');
  await sheet.getByLabel('安全文明生产得分').fill('35.5');
  await expect(sheet.getByLabel('考评表合计')).toHaveText('85.5');
  await fitsWidth(admin.page);
  await sheet.getByRole('button', { name: '录入成绩' }).click();
  await expect(sheet.getByRole('status').filter({ hasText: '已录入' })).toHaveText(
    `考评表 ${sheetId} 已录入：合计 85.5 分`,
  );
  await admin.close();

  // The total is that assessor's score, entered once: it waits for the second entry (双人复核).
  const api = await staffApi(running().server.url, 'admin');
  const status = await api.call<{ awaiting: { ticket: string; assessor: string; enteredBy: string }[] }>(
    'GET',
    `/batches/${batchId}/results/scores`,
  );
  expect(status.awaiting).toHaveLength(1);
  expect(status.awaiting[0]).toMatchObject({ enteredBy: 'admin' });

  const chen = await ConsolePage.signIn(browser, running().server.url, 'assessor_chen');
  await examDayTab(chen);
  const own = chen.page.getByRole('region', { name: '实操考评表' }).locator('tbody tr').filter({ hasText: sheetId });
  await own.getByRole('button', { name: '查看' }).click();
  const mine = chen.page.getByRole('region', { name: `考评表 ${sheetId}` });
  await mine.getByRole('button', { name: '考评员签字' }).click();
  await expect(mine.getByRole('status').filter({ hasText: '已签字' })).toHaveText(
    `已签字：考评表 ${sheetId}，合计 85.5 分`,
  );
  await expect(own).toContainText('已签字');
  await chen.close();
});

test('changing an assessor after the room opened waits for a supervisor’s confirmation', async ({ browser }) => {
  const admin = await ConsolePage.signIn(browser, running().server.url, 'admin');
  await examDayTab(admin);
  const panel = admin.page.getByRole('region', { name: '开考后更改工作人员' });
  await panel.getByRole('button', { name: '更改工作人员…' }).click();
  const form = panel.getByRole('group', { name: '更改后的工作人员' });
  const names = form.getByLabel(/^账号 \d+$/);
  const count = await names.count();
  for (let i = 0; i < count; i++)
    if ((await names.nth(i).inputValue()) === 'assessor_zhou') {
      await form.getByRole('button', { name: '删除' }).nth(i).click();
      break;
    }
  await expect(names).toHaveCount(count - 1);
  await form.getByLabel('书面理由').fill('周考评员突发疾病，退出本批次考评');
  await fitsWidth(admin.page);
  await form.getByRole('button', { name: '提出更改' }).click();
  await expect(panel.getByRole('status')).toContainText('须由本批次另一名内部督导员确认后生效');
  // People are listed by name: 周海峰 is assessor_zhou.
  await expect(panel).toContainText('周海峰（考评员）');
  // The proposal reads by name too: who proposed (姓名（角色）) and the new list, never login names.
  const proposal = panel.getByRole('table', { name: '工作人员更改申请' }).locator('tbody tr').first();
  await expect(proposal).toContainText('周敏（考务管理员）');
  await expect(proposal).toContainText('陈立新（考评员）');
  await expect(proposal).toContainText('钱敏（内部督导员）');
  await expect(proposal).not.toContainText(/admin|assessor_|supervisor_/);
  // The proposer cannot confirm their own change.
  await expect(panel.getByRole('button', { name: '确认更改' })).toHaveCount(0);
  await admin.close();

  const qian = await ConsolePage.signIn(browser, running().server.url, 'supervisor_qian');
  await examDayTab(qian);
  const seen = qian.page.getByRole('region', { name: '开考后更改工作人员' });
  await expect(seen.getByRole('table', { name: '工作人员更改申请' })).toContainText('周考评员突发疾病');
  await seen.getByRole('button', { name: '确认更改' }).click();
  await expect(seen.getByRole('status')).toHaveText('已确认，新的工作人员名单已生效');
  await expect(seen.getByRole('table', { name: '工作人员更改申请' })).toContainText('已由钱敏（内部督导员）确认');
  await expect(seen).not.toContainText('周海峰');
  await qian.close();
});

/** Fills the whole register with the best grade: every choice's first option, every list's items but 机考形式's. */
async function fillRegister(page: ConsolePage['page']) {
  const form = page.getByRole('region', { name: '外督情况登记表' });
  await form.getByLabel('督导人员工作单位').fill('市职业技能鉴定指导中心');
  for (const group of await form.getByRole('radiogroup').all()) await group.getByRole('radio').first().check();
  for (const criterion of await form.locator('.sv-indicator .sv-criterion').all()) {
    if ((await criterion.locator('.sv-name strong').textContent()) === '试卷管理（机考形式）') continue;
    for (const box of await criterion.locator('.sv-option:not(.none) input[type=checkbox]').all()) await box.check();
  }
}

test('附件3 is filled by an internal and an external supervisor, signed by both and downloaded', async ({
  browser,
}) => {
  const qian = await ConsolePage.signIn(browser, running().server.url, 'supervisor_qian');
  await qian.openBatch(PLAN);
  await qian.tab('外督登记').click();
  const form = qian.page.getByRole('region', { name: '外督情况登记表' });
  await fillRegister(qian.page);
  await expect(form.getByLabel('外督合计得分')).toHaveText('100');
  await fitsWidth(qian.page);
  await form.getByRole('button', { name: '保存登记表' }).click();
  await expect(form.getByRole('status').filter({ hasText: '已保存' })).toHaveText('已保存：合计 100 分');
  await form.getByRole('button', { name: '签字' }).click();
  await expect(form.getByRole('status').filter({ hasText: '已签字' })).toHaveText('已签字');
  await qian.close();

  const wu = await ConsolePage.signIn(browser, running().server.url, 'ext_wu');
  await wu.openBatch(PLAN);
  // External supervisors read the batch: no results, no papers.
  await expect(wu.tab('成绩与认定')).toHaveCount(0);
  await wu.tab('外督登记').click();
  const theirs = wu.page.getByRole('region', { name: '外督情况登记表' });
  await expect(theirs.getByLabel('外督合计得分')).toHaveText('100');
  await theirs.getByRole('button', { name: '签字' }).click();
  await expect(theirs.getByTestId('external-signed-by-both')).toBeVisible();
  await expect(theirs).toContainText('吴外督（外部督导员）：已签字');
  const book = await wu.downloadWorkbook('下载附件3');
  const cells = book.worksheets.flatMap((s) =>
    s.getSheetValues().flatMap((r) => (Array.isArray(r) ? r.map((v) => String(v ?? '')) : [])),
  );
  expect(cells.some((v) => v.includes('外督情况登记表'))).toBe(true);
  await wu.close();
});
