import { expect, test, type Page } from '@playwright/test';
import { ConsolePage } from '../../support/console-page.ts';
import { runningForFile } from '../../support/fixtures.ts';

/**
 * Administrators, proctors and supervisors (issue 12): each person's header and batch list, a completed batch
 * reading as closed, a supervisor reading its results, the open batch's results tab before a plan exists, and
 * every console screen fitting 1366×768 for every demo role.
 */
const OPEN = 'DEMO-6-31-01-03-5';
const DONE = 'DEMO-2026-001';

const running = runningForFile();

const header = (page: Page) => page.locator('header.top .right');
const batchList = (page: Page) => page.getByRole('table', { name: '批次列表' });
/** A batch's row in the list as its cells' texts (without the link cell). */
async function listed(page: Page, planNumber: string): Promise<string[]> {
  const cells = await batchList(page).getByRole('row').filter({ hasText: planNumber }).locator('td').allTextContents();
  return cells.slice(0, -1);
}

test('each person’s header reads 姓名（角色） once, and everyone with batch duties sees their batches', async ({
  browser,
}) => {
  const admin = await ConsolePage.signIn(browser, running().server.url, 'admin');
  await expect(header(admin.page)).toHaveText('周敏（考务管理员）');
  await expect(batchList(admin.page)).toBeVisible();
  expect(await listed(admin.page, DONE)).toEqual([
    DONE,
    '2026 年第三批 电工（五级/初级工）职业技能等级认定',
    '电工 6-31-01-03',
    '五级/初级工',
    '已发证',
    '2026-09-22',
    '30',
  ]);
  expect((await listed(admin.page, OPEN)).slice(2, 5)).toEqual(['电工 6-31-01-03', '五级/初级工', '考试中']);
  await admin.close();

  // Supervisors hold no role, only their duty; assessors and proctors see the completed batch they worked on.
  for (const [username, label, batches] of [
    // The statistics demo's earlier batch (DEMO-2026-S01) is supervised and proctored by the same people.
    ['supervisor_qian', '钱敏（内部督导员）', [OPEN, DONE, 'DEMO-2026-S01']],
    ['assessor_chen', '陈立新（考评员）', [DONE]],
    ['proctor_sun', '孙丽（监考）', [OPEN, DONE, 'DEMO-2026-S01']],
  ] as const) {
    const person = await ConsolePage.signIn(browser, running().server.url, username);
    await expect(header(person.page)).toHaveText(label);
    await person.page.getByRole('link', { name: '认定批次', exact: true }).click();
    const rows = batchList(person.page).locator('tbody tr');
    await expect(rows).toHaveCount(batches.length);
    for (const planNumber of batches) await expect(rows.filter({ hasText: planNumber })).toHaveCount(1);
    await person.close();
  }

  // An author with no batch work: no 认定批次 in the bar, and no empty table at its address.
  const author = await ConsolePage.signIn(browser, running().server.url, 'expert_wang');
  await expect(header(author.page)).toHaveText('王建国（命题专家）');
  await expect(author.page.getByRole('link', { name: '认定批次', exact: true })).toHaveCount(0);
  await author.page.goto(`${running().server.url}/console/batches`);
  await expect(author.page.getByText('目前没有分配给您的认定批次。')).toBeVisible();
  await expect(author.page.getByRole('table')).toHaveCount(0);
  await author.close();
});

test('a completed batch reads as closed: room closed, no staffing warnings, papers sealed, results decided', async ({
  browser,
}) => {
  const admin = await ConsolePage.signIn(browser, running().server.url, 'admin');
  const { page } = admin;
  await admin.openBatch(DONE);
  await expect(page.getByTestId('batch-stage')).toHaveText('已发证');
  const room = page.getByRole('row').filter({ hasText: '第一考场' });
  await expect(room).toContainText('已结束');
  await expect(page.locator('.notice.warn')).toHaveCount(0);
  // No roster import is offered once the exam is over; the roster table stays.
  await expect(page.getByRole('region', { name: '考生名单' })).toHaveCount(0);
  const roster = page.getByRole('table', { name: '考生列表' });
  await expect(roster.locator('tbody tr')).toHaveCount(30);
  // Nobody's line changes after they sat the exam (the server says roster_closed): no row offers a change.
  await expect(page.getByRole('region', { name: '考生列表' })).toContainText(
    '本批次考试已结束，考生信息、照片和便利安排按考试时的记录保留，不再更改。',
  );
  await expect(roster.locator('thead th').last()).toHaveText('便利安排');
  for (const action of [/^修改 /, /的便利安排$/])
    await expect(roster.getByRole('button', { name: action }), String(action)).toHaveCount(0);
  await expect(roster.getByLabel(/^上传 .+ 的照片$/)).toHaveCount(0);
  await expect(roster.getByText(/^(上传照片|换照片)$/)).toHaveCount(0);

  await admin.tab('试卷').click();
  await expect(page.getByTestId('attached-papers')).toContainText('考试已结束，试卷不再更换');
  await expect(page.getByText(/不可组卷/)).toHaveCount(0);
  await expect(page.getByRole('button', { name: '重新组卷' })).toHaveCount(0);

  await admin.tab('成绩与认定').click();
  const decisions = page.getByRole('table', { name: '认定结果' });
  await expect(decisions.locator('tbody tr')).toHaveCount(30);
  await expect(decisions.locator('thead th')).toHaveText([
    '准考证号',
    '姓名',
    '结果',
    '理论知识',
    '操作技能',
    '综合成绩',
    '理由',
  ]);
  // The entered scores are on the decisions' lines; the entry grid stays folded until asked for.
  const first = decisions.locator('tbody tr').first().locator('td');
  await expect(first.nth(3)).toHaveText(/^\d+(\.\d)?$/);
  await expect(first.nth(4)).toHaveText(/^\d+(\.\d)?$/);
  await expect(page.getByRole('table', { name: '成绩录入' })).toBeHidden();
  await page.getByText('录入或更正成绩').click();
  await expect(page.getByRole('table', { name: '成绩录入' })).toBeVisible();
  await admin.close();
});

test('a supervisor reads the results of the completed batch: decisions, scores and publicity, nothing to change', async ({
  browser,
}) => {
  const qian = await ConsolePage.signIn(browser, running().server.url, 'supervisor_qian');
  const { page } = qian;
  await qian.openBatch(DONE);
  await qian.tab('成绩与认定').click();
  const decisions = page.getByRole('table', { name: '认定结果' });
  await expect(decisions.locator('tbody tr')).toHaveCount(30);
  await expect(decisions.locator('tbody tr').filter({ hasText: '不合格' }).first()).toBeVisible();
  await expect(page.getByRole('region', { name: '公示与发证' })).toBeVisible();
  for (const action of ['保存录入', '计算认定结果', '确认结果生效', '核发证书'])
    await expect(page.getByRole('button', { name: action }), action).toHaveCount(0);
  await expect(page.getByText('录入或更正成绩')).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await qian.close();
});

test('the supervision form opens without 有未保存的修改, and says so once something is changed', async ({
  browser,
}) => {
  const qian = await ConsolePage.signIn(browser, running().server.url, 'supervisor_qian');
  const { page } = qian;
  await qian.openBatch(OPEN);
  await qian.tab('内部督导').click();
  const form = page.getByRole('region', { name: '内部督导' });
  await expect(form.getByRole('radiogroup').first()).toBeVisible();
  await expect(form.getByText('有未保存的修改')).toHaveCount(0);
  await form.getByLabel('督导员工作单位').fill('质量管理部');
  await expect(form.getByText('有未保存的修改')).toBeVisible();
  await qian.close();
});

test('the open batch’s results tab says the assessment plan comes first, with no button that would be refused', async ({
  browser,
}) => {
  const admin = await ConsolePage.signIn(browser, running().server.url, 'admin');
  const { page } = admin;
  await admin.openBatch(OPEN);
  await admin.tab('成绩与认定').click();
  await expect(page.getByRole('note')).toContainText('本批次还没有认定方案');
  for (const action of ['计算认定结果', '保存录入'])
    await expect(page.getByRole('button', { name: action }), action).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.getByRole('note').getByRole('link', { name: '认定方案' }).click();
  await expect(admin.tab('认定方案')).toHaveAttribute('aria-selected', 'true');
  await admin.close();
});

test('a batch whose room has opened offers no roster import (the server refuses it), but keeps 开考拍照', async ({
  browser,
}) => {
  const admin = await ConsolePage.signIn(browser, running().server.url, 'admin');
  const { page } = admin;
  await admin.openBatch(OPEN);
  const panel = page.getByRole('region', { name: '考生名单' });
  await expect(panel).toContainText('本批次已开考，不能再导入考生名单');
  for (const control of ['导入名单', '下载名单模板'])
    await expect(panel.getByRole('button', { name: control }), control).toHaveCount(0);
  await expect(panel.getByRole('checkbox')).toHaveCount(1);
  await admin.close();
});

test('the roster table: candidates with seat, form and status, searchable; a correction is audited in words', async ({
  browser,
}) => {
  const admin = await ConsolePage.signIn(browser, running().server.url, 'admin');
  const { page } = admin;
  await admin.openBatch(OPEN);
  const roster = page.getByRole('table', { name: '考生列表' });
  await expect(roster.locator('tbody tr')).toHaveCount(30);
  // The demo's candidates have photos: the photo column leads.
  await expect(roster.locator('thead th')).toHaveText([
    '照片',
    '考场',
    '座位',
    '卷别',
    '准考证号',
    '姓名',
    '身份证号',
    '所在单位',
    '状态',
    '实名核验',
    '便利安排',
    '',
  ]);
  const first = roster.locator('tbody tr').first().locator('td');
  await expect(first.nth(2)).toHaveText('1');
  await expect(first.nth(3)).toHaveText('A');
  const name = (await first.nth(5).textContent())!;
  await page.getByLabel('查找考生').fill(name);
  await expect(roster.locator('tbody tr')).toHaveCount(1);
  // During the exam each line still offers its changes (the completed batch's offers none).
  await expect(roster.getByLabel(`上传 ${name} 的照片`)).toHaveCount(1);
  await expect(roster.getByRole('button', { name: `${name} 的便利安排` })).toHaveCount(1);

  await page.getByRole('button', { name: `修改 ${name}` }).click();
  await page.getByLabel('所在单位', { exact: true }).fill('检修二班（更正）');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(roster.locator('tbody tr').first()).toContainText('检修二班（更正）');

  await page.getByRole('link', { name: '审计记录', exact: true }).click();
  const newest = page.getByRole('table', { name: '审计记录列表' }).locator('tbody tr').first();
  await expect(newest).toContainText('修改考生信息');
  await expect(newest).toContainText('修改：（所在单位：（原值：');
  await expect(newest).toContainText('新值：检修二班（更正）');
  await admin.close();
});

/**
 * Values the data holds for component kinds, attempt and candidate states, duties, outcomes, report kinds and
 * employment: none may reach a batch page as text (login names such as proctor_sun are not matched: \b stops at _).
 */
const RAW_CODES =
  /\b(theory|practical|review|skill|in_progress|not_started|submitted|force_submitted|paused|pending|passed|failed|absent|sealed|draft|approved|proctor|supervisor|assessor|chief|member|full|register|summary|employee|dispatched|eligible|ineligible)\b/g;

test.describe('every console screen fits 1366×768 without scrolling sideways', () => {
  /** The screens there are, by address: banks, both demo batches with every tab, the room board, the audit trail. */
  let screens: string[] = [];
  test.beforeAll(async ({ browser }) => {
    const admin = await ConsolePage.signIn(browser, running().server.url, 'admin');
    const batches: string[] = [];
    for (const planNumber of [OPEN, DONE]) {
      await admin.openBatch(planNumber);
      batches.push(new URL(admin.page.url()).pathname.replace(/^\/console/, ''));
    }
    await admin.openBatch(OPEN);
    await admin.openRoomBoard();
    const room = new URL(admin.page.url()).pathname.replace(/^\/console/, '');
    await admin.close();
    const bank = '/banks/6-31-01-03/5';
    screens = [
      '/',
      '/banks',
      ...['items', 'import', 'review', 'certification'].map((t) => `${bank}/${t}`),
      '/batches',
      ...batches.flatMap((b) =>
        ['', '/papers', '/plan', '/results', '/supervision', '/stats', '/examday', '/external', '/timeline'].map(
          (t) => `${b}${t}`,
        ),
      ),
      room,
      '/audit',
    ];
  });

  // Each person sees what their work allows there; a refusal must fit as well as a screen.
  for (const username of ['admin', 'expert_wang', 'assessor_chen', 'proctor_sun', 'supervisor_qian']) {
    test(`as ${username}`, async ({ browser }) => {
      const person = await ConsolePage.signIn(browser, running().server.url, username);
      const { page } = person;
      for (const path of screens) {
        await page.goto(`${running().server.url}/console${path}`);
        // Settled: the page's heading or its refusal is shown, nothing is still loading or connecting.
        await expect(page.locator('.content h2, .content [role=alert]').first()).toBeVisible();
        await expect(page.getByText(/正在载入|正在连接/)).toHaveCount(0);
        const { scrollWidth, innerWidth } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
        }));
        expect(scrollWidth, `${path} as ${username} is wider than the window`).toBeLessThanOrEqual(innerWidth);
        // No codes in the UI: a batch page says 理论知识, 已交卷, 监考员…, never the values the data holds.
        if (path.startsWith('/batches/')) {
          // What is written and what stands in the boxes (a code typed in an input is shown as much as text).
          const text = await page
            .locator('.content')
            .evaluate((el) => `${el.textContent} ${[...el.querySelectorAll('input')].map((i) => i.value).join(' ')}`);
          expect(text.match(RAW_CODES) ?? [], `${path} as ${username} shows raw codes`).toEqual([]);
        }
      }
      await person.close();
    });
  }
});
