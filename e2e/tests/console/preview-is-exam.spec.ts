import { expect, test, type Locator } from '@playwright/test';
import { ConsolePage } from '../../support/console-page.ts';
import { ExamPage } from '../../support/exam-page.ts';
import { runningForFile } from '../../support/fixtures.ts';

/**
 * Previews are the exam: the console's paper preview renders an item with the exam client's own component and
 * stylesheet (@kaowu/item-view), at the points the paper gives. The same item, screenshotted in the candidate's exam
 * and in the administrator's preview at the same width, has the same parts with the same boxes and look (the PNGs are
 * attached; they differ only by a sub-pixel offset of the stem between the two pages).
 */
const running = runningForFile();

/**
 * The item at a fixed width (the two pages lay out their columns differently): each part's box and computed look
 * (type, colours, borders, spacing), and a PNG. Neutralised in both alike, being the candidate's own state and not
 * the item's look: the number (each candidate's order is shuffled within a section; kept at one width) and the
 * keyboard cursor (the exam starts it on option 1). Set through the CSSOM: both pages' Content-Security-Policy
 * refuses injected stylesheets.
 */
async function render(item: Locator): Promise<{ parts: string[]; png: Buffer }> {
  const parts = await item.evaluate((el) => {
    const article = el as HTMLElement;
    article.style.width = '760px';
    const number = article.querySelector<HTMLElement>('.kw-item-number')!;
    Object.assign(number.style, { display: 'inline-block', width: '3em', visibility: 'hidden' });
    for (const option of article.querySelectorAll<HTMLElement>('.kw-option.cursor'))
      Object.assign(option.style, { borderColor: 'var(--kw-line, #c9d1da)', boxShadow: 'none' });
    const LOOK = [
      'fontFamily',
      'fontSize',
      'fontWeight',
      'lineHeight',
      'color',
      'backgroundColor',
      'borderTopWidth',
      'borderTopColor',
      'borderTopLeftRadius',
      'padding',
      'margin',
      'gap',
      'display',
      'opacity',
    ] as const;
    return [article, ...article.querySelectorAll<HTMLElement>('*')].map((e) => {
      const r = e.getBoundingClientRect();
      const cs = getComputedStyle(e);
      return [
        e.className.replace(' cursor', ''),
        Math.round(r.width),
        Math.round(r.height),
        ...LOOK.map((k) => cs[k]),
      ].join(' | ');
    });
  });
  return { parts, png: await item.screenshot({ animations: 'disabled', caret: 'hide' }) };
}

test('an item in the paper preview looks exactly as the candidate sees it in the exam', async ({ browser }) => {
  const candidate = running().take();
  const examContext = await browser.newContext();
  const exam = new ExamPage(await examContext.newPage(), running().server.url);
  await exam.enter(candidate);
  // A true/false item: its options are never shuffled, so both pages show them in the same order.
  while ((await exam.current()).type !== 'true_false') await exam.next();
  const { code } = await exam.current();
  const textOf = async (item: Locator) => ((await item.textContent()) ?? '').replace(/^\d+\./, '');
  const examText = await textOf(exam.item);
  const examRender = await render(exam.item);

  const admin = await ConsolePage.signIn(browser, running().server.url, 'admin');
  const { page } = admin;
  await admin.openBatch('DEMO-6-31-01-03-5');
  await admin.tab('试卷').click();
  const papers = page.getByRole('region', { name: '试卷' });
  const previews = papers.getByRole('button', { name: /^预览 [AB] 卷/ });
  await expect(previews.first()).toBeVisible();
  let preview: Locator | undefined;
  for (const button of await previews.all()) {
    await button.click();
    const region = papers.getByRole('region', { name: '试卷预览' });
    await expect(region.locator('.kw-item')).toHaveCount(190);
    const item = region.locator(`.kw-item[data-item="${code}"]`);
    if ((await item.count()) === 1) {
      preview = item;
      break;
    }
  }
  if (!preview) throw new Error(`item ${code} is in no preview of the batch's papers`);
  // The points the paper gives, in the same words (not 1 分 where the exam says 0.5).
  expect(await textOf(preview)).toBe(examText);
  const previewRender = await render(preview);
  test.info().attachments.push({ name: 'exam', contentType: 'image/png', body: examRender.png });
  test.info().attachments.push({ name: 'preview', contentType: 'image/png', body: previewRender.png });
  // Every part of the item: the same box and the same look in the preview as in the exam.
  expect(previewRender.parts).toEqual(examRender.parts);
  await admin.close();
  await examContext.close();
});
