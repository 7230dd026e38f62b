import { expect, test, type Page } from '@playwright/test';
import type ExcelJS from 'exceljs';
import { ConsolePage } from '../../support/console-page.ts';
import { startRunning } from '../../support/fixtures.ts';
import { freePort, KaowuServer } from '../../support/server.ts';
import { readRows, writeSqlAll } from '../../support/target.ts';

/**
 * The tail of a batch's results, in the console against the real server: the decisions read with their reasons,
 * published for 5 working days (公示), an objection registered and resolved, finalising refused while the window
 * runs, then — on the same database with the server clock past the window — finalised, certificates issued, the
 * numbers still there after a reload and the same in the downloaded 证书核发登记表.
 */
const PLAN_NUMBER = 'DEMO-2026-001';
const DAY = 24 * 3600_000;

/**
 * `kaowu demo` loads DEMO-2026-001 complete: published, one objection, final, certificates issued. This test's
 * own copy is rewound to where the results tail starts — decisions computed, nothing published — keeping the
 * certificate counter, so new numbers must continue after the demo's. Returns the demo's numbers.
 */
function rewindToDecisions(target: string): string[] {
  const [batch] = readRows<{ id: string }>(target, 'select id from batches where plan_number = $plan', {
    plan: PLAN_NUMBER,
  });
  if (!batch) throw new Error(`no batch ${PLAN_NUMBER} in the demo database`);
  const numbers = readRows<{ number: string }>(target, 'select number from certificates where batch_id = $batch', {
    batch: batch.id,
  }).map((r) => r.number);
  writeSqlAll(
    target,
    ['certificates', 'objections', 'publicities'].map((table) => `delete from ${table} where batch_id = $batch`),
    { batch: batch.id },
  );
  return numbers;
}

async function openResults(admin: ConsolePage): Promise<void> {
  await admin.openBatch(PLAN_NUMBER);
  await admin.tab('成绩与认定').click();
  await expect(admin.page.getByRole('region', { name: '公示与发证' })).toBeVisible();
}

const nextStep = (page: Page) => page.getByRole('status', { name: '下一步' });

/** The issued certificates as shown: `name number` per line, with the level and issue date checked on the way. */
async function certificatesOnScreen(page: Page, issuedOn: string): Promise<string[]> {
  const rows = page.getByRole('table', { name: '已核发证书' }).locator('tbody tr');
  const lines: string[] = [];
  for (const row of await rows.all()) {
    const [, name, number, level, date] = await row.locator('td').allTextContents();
    expect([level, date]).toEqual(['五级/初级工', issuedOn]);
    lines.push(`${name} ${number}`);
  }
  return lines.sort();
}

/** The 证书核发登记表's lines as `name number`, found by its header row (序号 … 姓名 … 证书编号). */
function registerLines(workbook: ExcelJS.Workbook): string[] {
  const sheet = workbook.getWorksheet('证书核发登记表');
  if (!sheet) throw new Error('no sheet 证书核发登记表');
  let header = 0;
  const columns = new Map<string, number>();
  sheet.eachRow((row, n) => {
    if (header === 0 && row.values && (row.values as unknown[]).includes('证书编号')) {
      header = n;
      row.eachCell((cell, col) => columns.set(String(cell.value), col));
    }
  });
  expect(header, 'the register has its header row').toBeGreaterThan(0);
  const lines: string[] = [];
  for (let n = header + 1; n <= sheet.rowCount; n++) {
    const row = sheet.getRow(n);
    if (typeof row.getCell(columns.get('序号')!).value !== 'number') break;
    lines.push(
      `${String(row.getCell(columns.get('姓名')!).value)} ${String(row.getCell(columns.get('证书编号')!).value)}`,
    );
  }
  return lines.sort();
}

// Finalising waits for the publicity window to end; the issued certificates stay listed.
test('an administrator publishes the results, handles an objection, finalises and issues certificates', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const running = await startRunning();
  const dbPath = running.server.options.dbPath;
  const demoNumbers = rewindToDecisions(dbPath);
  let later: KaowuServer | undefined;
  try {
    // 1. The decisions, each with its reasons.
    const admin = await ConsolePage.signIn(browser, running.server.url, 'admin');
    const { page } = admin;
    await openResults(admin);
    const decisions = page.getByRole('table', { name: '认定结果' });
    await expect(decisions.locator('tbody tr')).toHaveCount(30);
    await expect(
      decisions.getByRole('row').filter({ hasText: '不符合申报条件：养老保险缴费 8 个月，不足 12 个月' }),
    ).toHaveCount(1);
    await expect(decisions.getByRole('row').filter({ hasText: '理论知识缺考' })).toHaveCount(2);
    const outcomes = await decisions.locator('tbody tr td:nth-child(3)').allTextContents();
    const passed = outcomes.filter((o) => o === '合格').length;
    expect(passed).toBeGreaterThanOrEqual(18);
    const firstPass = decisions
      .locator('tbody tr')
      .filter({ has: page.locator('td:nth-child(3)', { hasText: /^合格$/ }) })
      .first();
    const [ticket, name] = await firstPass.locator('td').allTextContents();
    await expect(nextStep(page)).toContainText('公示认定结果');

    // 2. Published for 5 working days, counted by the server with the holiday calendar.
    await page.getByLabel('工作日').fill('5');
    await page.getByRole('button', { name: '公示认定结果' }).click();
    await expect(page.getByRole('status').filter({ hasText: '已公示' })).toBeVisible();
    const publicity = page.getByTestId('publicity');
    await expect(publicity).toContainText('（5 个工作日）');
    const [, firstDay, lastDay] =
      /公示期 (\d{4}-\d{2}-\d{2}) 至 (\d{4}-\d{2}-\d{2})/.exec((await publicity.textContent()) ?? '') ?? [];
    expect(firstDay! <= lastDay!).toBe(true);
    await expect(nextStep(page)).toContainText(`公示期未满：至 ${lastDay} 结束`);

    // 3. An objection about one candidate, then resolved by the committee with its reason.
    const complaint = `${name} 本人对操作技能成绩有疑问，申请复核`;
    await page.getByLabel('准考证号（可空）').fill(ticket!);
    await page.getByLabel('异议内容').fill(complaint);
    await page.getByRole('button', { name: '登记异议' }).click();
    await expect(page.getByRole('status').filter({ hasText: '异议已登记' })).toBeVisible();
    await expect(nextStep(page)).toContainText('有 1 条未处理异议');
    const objection = page.getByRole('table', { name: '异议' }).getByRole('row').filter({ hasText: complaint });
    await expect(objection).toContainText(ticket!);
    const note = '经评价委员会调阅评分表与录像复核，评分无误，维持原成绩';
    await objection.getByPlaceholder('处理意见').fill(note);
    await objection.getByRole('button', { name: '不成立' }).click();
    await expect(page.getByRole('status').filter({ hasText: '异议已处理' })).toBeVisible();
    await expect(objection).toContainText(`异议不成立：${note}（admin，`);
    await expect(nextStep(page)).not.toContainText('未处理异议');

    // 4. Finalising while the window runs is refused, saying until when.
    await page.getByRole('button', { name: '确认结果生效' }).click();
    await expect(page.getByRole('alert')).toHaveText(
      new RegExp(`^公示期至 ${lastDay} 结束（还有 \\d+ 个工作日），期满后才能确认结果 conflict$`),
    );
    await admin.close();
    await running.server.stop();

    // 5. The same database, the server's clock at 09:00 (China) the day after the window.
    const after = Date.parse(`${lastDay}T09:00:00+08:00`) + DAY;
    const afterDay = new Date(after + 8 * 3600_000).toISOString().slice(0, 10);
    later = new KaowuServer({ dbPath, port: await freePort(), clockOffsetMs: after - Date.now() });
    await later.start();
    const closer = await ConsolePage.signIn(browser, later.url, 'admin');
    await openResults(closer);
    const p = closer.page;
    await expect(nextStep(p)).toHaveText('下一步：公示期已满，异议均已处理：可以确认结果生效');
    await p.getByRole('button', { name: '确认结果生效' }).click();
    await expect(
      p.getByRole('status').filter({ hasText: /^认定结果已生效；试题统计分析已自动计算（\d+ 名考生/ }),
    ).toBeVisible();
    await expect(nextStep(p)).toHaveText(`下一步：认定结果已生效，可以发证：${passed} 名合格考生待发证`);

    // 6. Certificates for everyone who passed: 22 characters, this body's prefix, the issue year and level 5.
    await p.getByRole('button', { name: '核发证书' }).click();
    await expect(p.getByRole('status').filter({ hasText: `已核发 ${passed} 本证书` })).toBeVisible();
    const issued = await certificatesOnScreen(p, afterDay);
    expect(issued).toHaveLength(passed);
    const numbers = issued.map((l) => l.split(' ')[1]!);
    const prefix = `Y000033330001${afterDay.slice(2, 4)}5`;
    for (const n of numbers) expect(n).toMatch(new RegExp(`^${prefix}\\d{6}$`));
    expect(new Set(numbers).size).toBe(passed);
    // The sequence moves on from the demo's issue: no number is ever given twice.
    expect(numbers.filter((n) => demoNumbers.includes(n))).toEqual([]);
    expect(issued).toContainEqual(expect.stringMatching(new RegExp(`^${name} ${prefix}\\d{6}$`)));
    await expect(nextStep(p)).toHaveText(`下一步：证书已全部核发（${passed} 本），可下载证书核发登记表`);

    // 7. A reload reads them back from the server.
    await p.reload();
    await closer.tab('成绩与认定').click();
    await expect(p.getByRole('table', { name: '已核发证书' }).locator('tbody tr')).toHaveCount(passed);
    expect(await certificatesOnScreen(p, afterDay)).toEqual(issued);
    await expect(p.getByTestId('publicity')).toContainText(complaint);
    await expect(p.getByTestId('publicity')).toContainText(`异议不成立：${note}`);
    await expect(p.getByRole('button', { name: '确认结果生效' })).toHaveCount(0);

    // 8. The register (附件5) carries the same numbers against the same names.
    const register = await closer.downloadWorkbook('下载证书核发登记表');
    expect(registerLines(register)).toEqual(issued);
    await closer.close();
  } finally {
    await later?.stop();
    await running.dispose();
  }
});
