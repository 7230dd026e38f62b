import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { createHash } from 'node:crypto';
import { ConsolePage } from '../../support/console-page.ts';
import { runningForFile } from '../../support/fixtures.ts';

/**
 * The completed demo batch's 备案与归档 tab: the administrator sees the timeline, records the plan as filed,
 * downloads the filing exports and the archive; the archive is unzipped and its manifest checked file by file.
 */
const PLAN_NUMBER = 'DEMO-2026-001';
const running = runningForFile();

test('an administrator files the plan, downloads the filing exports and the archive, whose manifest holds', async ({
  browser,
}) => {
  const { server } = running();
  const admin = await ConsolePage.signIn(browser, server.url, 'admin');
  const page = admin.page;
  await admin.openBatch(PLAN_NUMBER);
  await admin.tab('备案与归档').click();
  const timeline = page.getByRole('region', { name: '备案时间表' });
  await expect(timeline.getByTestId('step-results_publicity')).toContainText('已完成');
  const plan = timeline.getByTestId('step-plan_filed');
  await expect(plan).toContainText('未到期');
  await plan.getByRole('button', { name: '登记已备案' }).click();
  await expect(timeline.getByText('已登记认定计划备案')).toBeVisible();
  await expect(plan).toContainText('已完成');
  await expect(plan).toContainText('周敏');
  // The tab fits 1366×768 without sideways scrolling.
  await page.setViewportSize({ width: 1366, height: 768 });
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);

  const fetch = async (name: string) => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      timeline.getByRole('button', { name, exact: true }).click(),
    ]);
    return { name: download.suggestedFilename(), data: new Uint8Array(readFileSync(await download.path())) };
  };
  expect((await fetch('结果汇总表')).name).toBe('企业职业技能等级认定结果汇总表.xlsx');
  // The same form as a PDF (the generic report PDF writer), beside the workbook.
  const pdf = await fetch('结果汇总表 PDF');
  expect(pdf.name).toBe('企业职业技能等级认定结果汇总表.pdf');
  expect(strFromU8(pdf.data.subarray(0, 5))).toBe('%PDF-');
  const upload = await fetch('证书信息上报文件');
  expect(upload.name).toBe('证书信息上报.csv');
  expect(strFromU8(upload.data)).toContain('证书编号');

  const archive = await fetch('归档（下载归档包）');
  expect(archive.name).toBe(`归档 ${PLAN_NUMBER}.zip`);
  const entries = unzipSync(archive.data);
  const manifest = JSON.parse(strFromU8(entries['manifest.json']!));
  expect(manifest.batch.planNumber).toBe(PLAN_NUMBER);
  expect(manifest.auditHead.hash).toMatch(/^[0-9a-f]{64}$/);
  expect(manifest.retention).toMatchObject({ paperYears: 3, electronicYears: 5 });
  for (const f of manifest.files)
    expect(createHash('sha256').update(entries[f.path]!).digest('hex'), f.path).toBe(f.sha256);
  expect(Object.keys(entries).sort()).toEqual(
    ['manifest.json', ...manifest.files.map((f: { path: string }) => f.path)].sort(),
  );
  expect(manifest.files.map((f: { path: string }) => f.path)).toEqual(
    expect.arrayContaining([
      'filing/证书信息上报.csv',
      'filing/企业职业技能等级认定结果汇总表.pdf',
      'reports/附件1 综合成绩汇总表.pdf',
      'supervision/附件2 内部督导情况报告.pdf',
    ]),
  );
  // The plan filing just recorded is among the archived batch records.
  expect(strFromU8(entries['batch/filing_steps.json']!)).toContain('plan_filed');

  // 销毁台账: empty; purging the freshly archived batch is refused before its retention date and changes nothing;
  // the register downloads as PDF. The tab still fits 1366×768.
  const register = page.getByRole('region', { name: '销毁台账' });
  await expect(register.getByText('尚无销毁记录')).toBeVisible();
  await register.getByRole('button', { name: '销毁本批次个人信息（保存期满后）' }).click();
  await expect(register.getByText(/保存期满后方可销毁/)).toBeVisible();
  await expect(register.getByText('尚无销毁记录')).toBeVisible();
  const [registerPdf] = await Promise.all([
    page.waitForEvent('download'),
    register.getByRole('button', { name: '销毁台账 PDF', exact: true }).click(),
  ]);
  expect(registerPdf.suggestedFilename()).toBe('销毁台账.pdf');
  expect(strFromU8(new Uint8Array(readFileSync(await registerPdf.path())).subarray(0, 5))).toBe('%PDF-');
  const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(wide).toBeLessThanOrEqual(0);
});
