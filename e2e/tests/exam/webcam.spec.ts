import { chromium, expect, test } from '@playwright/test';
import { CHROMIUM } from '../../support/chromium.ts';
import { ExamPage } from '../../support/exam-page.ts';
import { runningForFile } from '../../support/fixtures.ts';
import { type RealnameSeat, staffApi } from '../../support/staff-api.ts';

/**
 * 开考拍照 in real Chromium: with a fake camera (and its permission prompt accepted) the frame reaches the server
 * and the proctor sees it beside the roster photo; with the camera refused by the browser, or consent not given,
 * the proctor is told and the exam starts anyway.
 */
const FAKE_CAMERA = ['--use-fake-device-for-media-stream'];
const running = runningForFile();

async function seatOf(ticket: string) {
  const r = running();
  const proctor = await staffApi(r.server.url, r.db.proctorOf(r.candidates[0]!.roomId));
  const view = await proctor.call<{ seats: RealnameSeat[] }>('GET', `/rooms/${r.candidates[0]!.roomId}`);
  return { proctor, seat: view.seats.find((s) => s.ticket === ticket)! };
}

test.beforeAll(async () => {
  const r = running();
  const admin = await staffApi(r.server.url, 'admin');
  const batches = await admin.call<{ id: string; planNumber: string }[]>('GET', '/batches');
  const demo = batches.find((b) => b.planNumber === 'DEMO-6-31-01-03-5')!;
  await admin.call('PATCH', `/batches/${demo.id}/settings`, { webcamFrame: true });
});

for (const story of [
  { name: 'a fake camera: the frame arrives', args: ['--use-fake-ui-for-media-stream'], consent: true },
  { name: 'the browser refuses the camera: reported', args: ['--deny-permission-prompts'], consent: true },
  { name: 'no consent: reported, no camera used', args: ['--use-fake-ui-for-media-stream'], consent: false },
] as const)
  test(story.name, async () => {
    const browser = await chromium.launch({ ...CHROMIUM, args: [...CHROMIUM.args, ...FAKE_CAMERA, ...story.args] });
    try {
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      const exam = new ExamPage(page, running().server.url);
      const candidate = running().take();
      await exam.goto();
      await exam.fillLogin(candidate);
      const consent = page.getByRole('region', { name: '开考拍照' });
      await expect(consent).toContainText('不做人脸识别');
      if (story.consent) await consent.getByLabel('我同意开考时拍摄一张照片').check();
      await page.getByRole('button', { name: '开始答题' }).click();
      await expect(exam.item).toBeVisible(); // never blocked
      const { proctor, seat } = await seatOf(candidate.ticket);
      if (story.name.startsWith('a fake camera')) {
        expect(seat.realname).toMatchObject({ frame: 'captured', photo: true });
        const frame = await proctor.bytes(`/candidates/${candidate.id}/frame`);
        expect([...frame.slice(0, 3)]).toEqual([0xff, 0xd8, 0xff]); // a JPEG
      } else if (story.consent) {
        expect(seat.realname).toMatchObject({ frame: 'refused', frameReason: 'NotAllowedError' });
      } else {
        expect(seat.realname).toMatchObject({ frame: 'refused', frameReason: '考生未勾选同意' });
      }
    } finally {
      await browser.close();
    }
  });
