import { expect, test } from '@playwright/test';
import { ConsolePage } from '../../support/console-page.ts';
import { startRunning, type Running } from '../../support/fixtures.ts';

/** Every console screen has an address: reload, back and a link opened before signing in land on the same screen. */
test.describe.configure({ mode: 'serial' });

let running: Running;
test.beforeAll(async () => {
  running = await startRunning();
});
test.afterAll(async () => {
  await running?.dispose();
});

test('a reload keeps the batch, its tab and the room board; back goes back', async ({ browser }) => {
  const admin = await ConsolePage.signIn(browser, running.server.url, 'admin');
  const { page } = admin;
  await expect(page).toHaveURL(/\/console\/batches$/);
  await admin.openBatch('DEMO-6-31-01-03-5');
  await admin.tab('试卷').click();
  await expect(page).toHaveURL(/\/console\/batches\/[^/]+\/papers$/);
  await page.reload();
  await expect(page.getByRole('heading', { name: /DEMO-6-31-01-03-5/ })).toBeVisible();
  await expect(admin.tab('试卷')).toHaveAttribute('aria-selected', 'true');

  await admin.tab('考场与名单').click();
  await admin.openRoomBoard();
  await expect(page).toHaveURL(/\/console\/rooms\/[^/]+$/);
  await page.reload();
  await expect(page.getByRole('region', { name: '考场看板' }).getByText('实时')).toBeVisible();
  await page.goBack();
  await expect(admin.tab('考场与名单')).toHaveAttribute('aria-selected', 'true');
  await page.goBack();
  await expect(admin.tab('试卷')).toHaveAttribute('aria-selected', 'true');
  await admin.close();
});

test('a link opened before signing in opens after sign-in: a bank tab with a chosen outline point', async ({
  browser,
}) => {
  const author = await ConsolePage.signIn(browser, running.server.url, 'expert_wang');
  await author.openDemoBank();
  await author.page.locator('.outline').getByRole('button', { name: /AA001/ }).first().click();
  await expect(author.page).toHaveURL(/\/console\/banks\/6-31-01-03\/5\/items\?point=AA001$/);
  const link = new URL(author.page.url()).pathname + new URL(author.page.url()).search;
  await author.close();

  const assessor = await ConsolePage.signIn(browser, running.server.url, 'assessor_chen', { path: link });
  await expect(assessor.page).toHaveURL(/\?point=AA001$/);
  await expect(assessor.tab('试题')).toHaveAttribute('aria-selected', 'true');
  const rows = assessor.page.getByRole('table', { name: '试题列表' }).locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  for (const code of await rows.locator('td:nth-child(2)').allTextContents()) expect(code).toMatch(/AA001/);
  await assessor.close();
});

test('an unknown address or batch says so instead of a blank page', async ({ browser }) => {
  const admin = await ConsolePage.signIn(browser, running.server.url, 'admin', { path: '/console/nowhere' });
  await expect(admin.page.getByRole('heading', { name: '页面不存在' })).toBeVisible();
  await admin.page.goto(`${running.server.url}/console/batches/no-such-batch`);
  await expect(admin.page.getByRole('alert')).toContainText('页面无法打开');
  // The refusal's code stands beside its message, as everywhere else in the console.
  await expect(admin.page.getByRole('alert').locator('code.error-code')).toHaveText('not_found');
  await admin.page.getByRole('link', { name: '返回首页' }).click();
  await expect(admin.page).toHaveURL(/\/console\/batches$/);
  await admin.close();
});

test('each room’s seating chart and sign-in sheet open ready to print', async ({ browser }) => {
  const admin = await ConsolePage.signIn(browser, running.server.url, 'admin');
  await admin.openBatch('DEMO-6-31-01-03-5');
  for (const [link, title] of [
    ['座次表', '考场座次表'],
    ['签到表', '考场签到表'],
  ] as const) {
    const [print] = await Promise.all([
      admin.context.waitForEvent('page'),
      admin.page.getByRole('link', { name: link }).first().click(),
    ]);
    await expect(print.getByRole('heading', { name: new RegExp(title) })).toBeVisible();
    if (link === '座次表') await expect(print.locator('table.seats td .no').first()).toHaveText('1');
    await print.close();
  }
  await admin.close();
});

test('every screen fits 1366×768 without scrolling sideways', async ({ browser }) => {
  const admin = await ConsolePage.signIn(browser, running.server.url, 'admin');
  const { page } = admin;
  await admin.openBatch('DEMO-6-31-01-03-5');
  const batch = new URL(page.url()).pathname;
  await admin.openRoomBoard();
  const room = new URL(page.url()).pathname;
  const screens = [
    '/console/banks',
    '/console/banks/6-31-01-03/5/items',
    '/console/banks/6-31-01-03/5/import',
    '/console/banks/6-31-01-03/5/certification',
    '/console/batches',
    batch,
    `${batch}/papers`,
    `${batch}/plan`,
    `${batch}/results`,
    `${batch}/supervision`,
    room,
  ];
  for (const path of screens) {
    await page.goto(`${running.server.url}${path}`);
    await expect(page.locator('.content h2').first()).toBeVisible();
    await expect(page.getByText(/正在载入|正在连接/)).toHaveCount(0);
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    expect(scrollWidth, `${path} is wider than the window`).toBeLessThanOrEqual(innerWidth);
  }
  await admin.close();
});

test('a batch shows each person only the tabs of their work: no papers for a supervisor or a proctor', async ({
  browser,
}) => {
  for (const username of ['supervisor_qian', 'proctor_sun']) {
    const staff = await ConsolePage.signIn(browser, running.server.url, username);
    await staff.openBatch('DEMO-6-31-01-03-5');
    await expect(staff.tab('内部督导')).toBeVisible();
    await expect(staff.tab('试卷')).toHaveCount(0);
    await expect(staff.page.getByRole('button', { name: '导入名单' })).toHaveCount(0);
    await staff.page.goto(`${staff.page.url()}/papers`);
    await expect(staff.page.getByRole('alert')).toHaveText('您的角色无权查看此页。');
    await staff.close();
  }
});
