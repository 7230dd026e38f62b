import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { ConsolePage } from '../../support/console-page.ts';
import { startRunning, type Running } from '../../support/fixtures.ts';
import { type RealnameSeat, staffApi } from '../../support/staff-api.ts';

/**
 * 实名制 on the demo, in the console: an administrator imports a roster with its photos (a bad photo named, nothing
 * imported), the proctor checks identities against the photos on the board and records a mismatch, and the
 * candidate with extra time (demo seat 2) gets a later deadline than the neighbour, with the reason on the tile.
 */
const DEMO = 'DEMO-6-31-01-03-5';
let running: Running;
test.beforeAll(async () => {
  running = await startRunning();
});
test.afterAll(async () => {
  await running?.dispose();
});

/** A 身份证号 with its GB 11643 check digit (weights 2^(17-i) mod 11, remainders to 1 0 X 9 … 2). */
function idNumber(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return first17 + '10X98765432'[sum % 11]!;
}

async function workbook(rows: (string | number)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('考生名单');
  sheet.addRow(['姓名', '身份证号', '文化程度', '所在单位', '专业工龄', '准考证号', '考场', '座位号']);
  sheet.getColumn(2).numFmt = '@';
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function zip(files: Record<string, Uint8Array | string>): Promise<Buffer> {
  const z = new JSZip();
  for (const [name, data] of Object.entries(files)) z.file(name, data);
  return z.generateAsync({ type: 'nodebuffer' });
}

test('an administrator imports a roster with photos; a bad photo is named and nothing imported', async ({
  browser,
}) => {
  const admin = await staffApi(running.server.url, 'admin');
  const now = Date.now();
  const plan = `E2E-PHOTO-${now}`;
  await admin.call('POST', '/batches', {
    planNumber: plan,
    name: '照片导入演练',
    occupationCode: '6-31-01-03',
    level: 5,
    windows: [{ startsAt: new Date(now - 3600_000).toISOString(), endsAt: new Date(now + 86_400_000).toISOString() }],
    rooms: [{ code: '01', name: '第一考场', seats: 5, columns: 5 }],
  });
  const [a, b] = [idNumber('11010519900307123'), idNumber('44030819851120234')];
  const roster = await workbook([
    ['赵一', a, '高中', '一车间', 3],
    ['钱二', b, '大学本科', '二车间', 5],
  ]);
  // Real JPEGs: two demo candidates' roster photos, as the server serves them.
  const [p1, p2] = running.candidates;
  const photos = [await admin.bytes(`/candidates/${p1!.id}/photo`), await admin.bytes(`/candidates/${p2!.id}/photo`)];
  const bad = await zip({ [`${a}.jpg`]: photos[0]!, [`${b}.jpg`]: 'this is a text file, not a photo' });
  const good = await zip({ [`照片/${a}.jpg`]: photos[0]!, [`照片/${b}.jpg`]: photos[1]! });

  const console = await ConsolePage.signIn(browser, running.server.url, 'admin');
  const { page } = console;
  await console.openBatch(plan);
  const panel = page.getByRole('region', { name: '考生名单' });
  // The one roster table carries each candidate's photo, 实名核验 and 便利安排.
  const people = page.getByRole('table', { name: '考生列表' });
  const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  await panel.getByLabel('选择名单').setInputFiles({ name: '名单.xlsx', mimeType: xlsx, buffer: roster });
  await panel
    .getByLabel('选择照片压缩包')
    .setInputFiles({ name: '照片.zip', mimeType: 'application/zip', buffer: bad });
  await panel.getByRole('button', { name: '导入名单' }).click();
  const errors = panel.getByRole('table', { name: '错误列表' });
  await expect(errors).toContainText(`${b}.jpg`);
  await expect(errors).toContainText('照片压缩包');
  await expect(errors).toContainText('不是 image/jpeg 图片');
  await expect(people).toContainText('本批次还没有考生');

  await panel
    .getByLabel('选择照片压缩包')
    .setInputFiles({ name: '照片.zip', mimeType: 'application/zip', buffer: good });
  await panel.getByRole('button', { name: '导入名单' }).click();
  await expect(panel).toContainText('名单已导入：2 人，照片 2 张');
  await expect(people.getByRole('img', { name: '赵一的照片' })).toBeVisible();
  await expect(people.getByRole('img', { name: '钱二的照片' })).toBeVisible();
  await expect(people.locator('tbody tr').first()).toContainText('未核验');
  await console.close();
});

test('the proctor checks identities against the photos and records a mismatch as an incident', async ({ browser }) => {
  const [first, , third] = running.candidates;
  const proctor = await ConsolePage.signIn(browser, running.server.url, running.db.proctorOf(first!.roomId));
  const { page } = proctor;
  await proctor.openBatch(DEMO);
  await proctor.openRoomBoard();
  const board = page.getByRole('region', { name: '考场看板' });
  const tile = (ticket: string) => board.locator(`article.tile[data-ticket="${ticket}"]`);
  await expect(tile(first!.ticket).getByRole('img', { name: `${first!.name} 的名单照片` })).toBeVisible();
  // Nobody is checked yet: every seat carries the unchecked mark.
  await expect(board.locator('.realname.unchecked')).toHaveCount(running.candidates.length);
  // The header counts them live: seated, not marked absent, not yet checked.
  const unchecked = board.getByTestId('unchecked-count');
  await expect(unchecked).toHaveText(`未核验 ${running.candidates.length} 人`);
  await tile(first!.ticket).getByRole('button', { name: '核验通过' }).click();
  await expect(tile(first!.ticket).locator('.identity-state')).toContainText('已核验');
  await tile(third!.ticket).getByRole('button', { name: '人证不符' }).click();
  await tile(third!.ticket).getByLabel(`${third!.name} 不符之处`).fill('本人与照片明显不符，身份证照片为他人');
  await tile(third!.ticket).getByRole('button', { name: '记录' }).click();
  await expect(tile(third!.ticket).locator('.identity-state')).toContainText('人证不符');
  await expect(board.locator('.realname.unchecked')).toHaveCount(running.candidates.length - 2);
  await expect(unchecked).toHaveText(`未核验 ${running.candidates.length - 2} 人`);
  await expect(board.getByRole('log').locator('li[data-action="room.incident"]').first()).toContainText(
    '身份证照片为他人',
  );
  await proctor.close();
});

test('the candidate with extra time gets a later deadline than the neighbour, and the proctor sees why', async ({
  browser,
}) => {
  const [plain, granted] = running.candidates; // demo seat 2 has 30 extra minutes and large font
  for (const c of [plain!, granted!]) {
    const login = await fetch(`${running.server.url}/api/attempts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ticket: c.ticket, idNumber: c.idNumber, deviceId: `e2e-device-${c.ticket}` }),
    }).then((r) => r.json() as Promise<{ token: string; attemptId: string }>);
    const started = await fetch(`${running.server.url}/api/attempts/${login.attemptId}/start`, {
      method: 'POST',
      headers: { authorization: `Bearer ${login.token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(started.status).toBe(200);
  }
  const api = await staffApi(running.server.url, running.db.proctorOf(plain!.roomId));
  const view = await api.call<{ seats: RealnameSeat[] }>('GET', `/rooms/${plain!.roomId}`);
  const seat = (ticket: string) => view.seats.find((s) => s.ticket === ticket)!;
  const later = Date.parse(seat(granted!.ticket).deadline!) - Date.parse(seat(plain!.ticket).deadline!);
  expect(Math.round(later / 60_000)).toBe(30);
  const proctor = await ConsolePage.signIn(browser, running.server.url, running.db.proctorOf(plain!.roomId));
  await proctor.openBatch(DEMO);
  await proctor.openRoomBoard();
  const board = proctor.page.getByRole('region', { name: '考场看板' });
  await expect(board.locator(`article.tile[data-ticket="${granted!.ticket}"] .accommodation`)).toHaveText(
    '便利安排：延时 30 分钟，大字号',
  );
  await expect(board.locator(`article.tile[data-ticket="${plain!.ticket}"] .accommodation`)).toHaveCount(0);
  await proctor.close();
});
