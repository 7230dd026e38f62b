import { expect, test } from '@playwright/test';
import { ConsolePage } from '../../support/console-page.ts';
import { runningForFile } from '../../support/fixtures.ts';
import { staffApi } from '../../support/staff-api.ts';

/**
 * Every template carries an example row that import skips: an administrator downloads the roster template from
 * the batch page, types one candidate under the example (姓名 示例) and imports it; only that candidate lands.
 * (The item template: tool-workbooks.spec.ts; the application template: results-setup.spec.ts.)
 */
const running = runningForFile();

/** A 身份证号 with its GB 11643 check digit. */
function idNumber(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return first17 + '10X98765432'[sum % 11]!;
}

test('the roster template downloaded from the batch page imports only the row typed under its example', async ({
  browser,
}) => {
  const api = await staffApi(running().server.url, 'admin');
  const now = Date.now();
  const plan = `E2E-TEMPLATE-${now}`;
  const { id } = await api.call<{ id: string }>('POST', '/batches', {
    planNumber: plan,
    name: '名单模板演练',
    occupationCode: '6-31-01-03',
    level: 5,
    windows: [{ startsAt: new Date(now - 3600_000).toISOString(), endsAt: new Date(now + 86_400_000).toISOString() }],
    rooms: [{ code: '01', name: '第一考场', seats: 5, columns: 5 }],
  });
  const admin = await ConsolePage.signIn(browser, running().server.url, 'admin');
  const { page } = admin;
  await admin.openBatch(plan);
  const panel = page.getByRole('region', { name: '考生名单' });
  const template = await admin.downloadWorkbook('下载名单模板');
  const sheet = template.getWorksheet('考生名单')!;
  expect(sheet.getCell('A1').value).toBe('姓名');
  expect(sheet.getCell('A2').value).toBe('示例');
  sheet.addRow(['孙三', idNumber('11010519900307123'), '高中', '一车间', 3]);
  const buffer = Buffer.from(await template.xlsx.writeBuffer());
  const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  await panel.getByLabel('选择名单').setInputFiles({ name: '名单.xlsx', mimeType: xlsx, buffer });
  await panel.getByRole('button', { name: '导入名单' }).click();
  await expect(panel).toContainText('名单已导入：1 人');
  const roster = (await api.call('GET', `/batches/${id}/candidates`)) as unknown;
  expect(JSON.stringify(roster)).toContain('孙三');
  expect(JSON.stringify(roster)).not.toContain('示例');
  await admin.close();
});
