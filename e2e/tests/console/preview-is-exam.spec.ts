import { expect, type Locator, type Page, test } from '@playwright/test';
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
      Object.assign(option.style, { borderColor: 'var(--kw-line, #c9d1da)', boxShadow: 'none', outline: 'none' });
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

/**
 * The share of pixels of `a` unlike every pixel within 1 px of the same place in `b` (any channel off by more than 16
 * of 255): the 1 px reach absorbs the stem's sub-pixel offset between the two pages; a faint option, another colour,
 * border or word still differs. Compared in a blank page of the browser (a canvas
 * each), so no image library is needed. Pictures more than 1 px apart in size differ entirely.
 */
async function pixelDiff(page: Page, a: Buffer, b: Buffer): Promise<number> {
  return page.evaluate(
    async ([a64, b64]) => {
      const pixels = async (b64: string) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = img.naturalWidth;
        canvas.height = img.naturalHeight;
        const g = canvas.getContext('2d')!;
        g.drawImage(img, 0, 0);
        return { w: img.naturalWidth, h: img.naturalHeight, d: g.getImageData(0, 0, canvas.width, canvas.height).data };
      };
      const [x, y] = [await pixels(a64), await pixels(b64)];
      // A fractional position on the page can make one picture 1 px larger: compare the common area then.
      if (Math.abs(x.w - y.w) > 1 || Math.abs(x.h - y.h) > 1) return 1;
      const w = Math.min(x.w, y.w);
      const h = Math.min(x.h, y.h);
      const same = (r: number, c: number, rr: number, cc: number) => {
        const i = (r * x.w + c) * 4;
        const j = (rr * y.w + cc) * 4;
        return (
          Math.abs(x.d[i]! - y.d[j]!) <= 16 &&
          Math.abs(x.d[i + 1]! - y.d[j + 1]!) <= 16 &&
          Math.abs(x.d[i + 2]! - y.d[j + 2]!) <= 16
        );
      };
      // A pixel matches when one within 1 px of the same place in the other picture does.
      let differing = 0;
      for (let r = 0; r < h; r++)
        for (let c = 0; c < w; c++) {
          let found = false;
          for (let dr = -1; dr <= 1 && !found; dr++)
            for (let dc = -1; dc <= 1 && !found; dc++) {
              const rr = r + dr;
              const cc = c + dc;
              found = rr >= 0 && rr < h && cc >= 0 && cc < w && same(r, c, rr, cc);
            }
          if (!found) differing++;
        }
      return differing / (w * h);
    },
    [a.toString('base64'), b.toString('base64')] as const,
  );
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
    // The previous paper's items stay on screen until this one has loaded: give it time to appear.
    const shown = await expect(item)
      .toHaveCount(1, { timeout: 5_000 })
      .then(
        () => true,
        () => false,
      );
    if (shown) {
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
  // And the pictures agree pixel for pixel, within the 1 px of the stem's offset.
  const blank = await admin.context.newPage();
  const differing = await pixelDiff(blank, previewRender.png, examRender.png);
  test.info().annotations.push({ type: 'pixels differing', description: `${(differing * 100).toFixed(3)}%` });
  expect(differing).toBeLessThan(0.002);
  // The comparison sees a real difference: the exam's picture against the preview's with its options faint.
  await preview.evaluate((el) => {
    for (const o of el.querySelectorAll<HTMLElement>('.kw-option')) o.style.opacity = '0.45';
  });
  const faint = await preview.screenshot({ animations: 'disabled', caret: 'hide' });
  const faintDiffering = await pixelDiff(blank, faint, examRender.png);
  expect(faintDiffering).toBeGreaterThan(0.01);
  await admin.close();
  await examContext.close();
});
