import { expect, test } from '../../support/fixtures.ts';
import { seriousViolations } from '../../support/axe.ts';

/**
 * axe-core over every screen a candidate meets, in the production build: no serious or critical violation on
 * the login, the confirmation, the exam, the submit dialog and the finished screen.
 */
test('axe-core finds no serious violation on any exam screen', async ({ exam, candidate, page }) => {
  await exam.goto();
  await expect(page.getByLabel('准考证号')).toBeVisible();
  expect(await seriousViolations(page), 'login').toEqual([]);

  await exam.fillLogin(candidate);
  await expect(page.getByRole('button', { name: '开始答题' })).toBeVisible();
  expect(await seriousViolations(page), 'confirm').toEqual([]);

  await page.getByRole('button', { name: '开始答题' }).click();
  await expect(exam.item).toBeVisible();
  expect(await seriousViolations(page), 'exam').toEqual([]);

  await page.getByRole('button', { name: '交卷', exact: true }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  expect(await seriousViolations(page), 'submit dialog').toEqual([]);

  await page.getByRole('button', { name: '确认交卷' }).click();
  await expect(page.getByRole('heading', { name: '您已交卷' })).toBeVisible();
  expect(await seriousViolations(page), 'finished').toEqual([]);
});
