import { expect, test } from '../../support/fixtures.ts';

test.describe('logging in', () => {
  test('says clearly what is wrong: a wrong ID number, a room not open yet', async ({ page, exam, candidate }) => {
    await exam.goto();
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByRole('alert')).toHaveText('请输入准考证号');
    await exam.fillLogin({ ticket: candidate.ticket, idNumber: '110105194912310021' });
    // The message, then the code for the proctor.
    await expect(page.getByRole('alert')).toHaveText(
      '准考证号或身份证号不正确，请核对后重新输入 错误代码 unauthorized',
    );

    const proctor = await candidate.proctor();
    await proctor.closeRoom(candidate.roomId);
    try {
      await exam.fillLogin(candidate);
      await expect(page.getByRole('alert')).toContainText('考场尚未开放');
      await expect(page.getByRole('alert').locator('code')).toHaveText('room_not_open');
    } finally {
      await proctor.openRoom(candidate.roomId);
    }
    await exam.fillLogin(candidate);
    await expect(page.getByRole('heading', { name: '请核对考生信息' })).toBeVisible();
    await expect(page.getByRole('button', { name: '开始答题' })).toBeEnabled();
  });
});
