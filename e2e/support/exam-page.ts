import { expect, type Locator, type Page } from '@playwright/test';
import type { DemoCandidate } from './db.ts';

export type Response = boolean | number | number[] | null;

/** One planned answer: the keys a candidate presses on an item and the response the server must store. */
export interface KeyPlan {
  readonly keys: readonly string[];
  readonly response: Response;
}

/**
 * A deterministic plan that exercises every answering key: letters and digits, and for multiple choice a
 * letter, the cursor (↓) and the space bar. `n` is the item's number.
 */
export function planFor(type: 'true_false' | 'single' | 'multiple', options: number, n: number): KeyPlan {
  if (type === 'true_false') return n % 2 === 0 ? { keys: ['a'], response: true } : { keys: ['2'], response: false };
  if (type === 'single') {
    const o = n % options;
    return { keys: [n % 3 === 0 ? String(o + 1) : 'abcdefgh'[o]!], response: o };
  }
  const k = 1 + (n % (options - 1));
  return { keys: ['a', ...Array<string>(k).fill('ArrowDown'), ' '], response: [0, k] };
}

/** The exam client as a candidate sees it, driven through the production build. */
export class ExamPage {
  constructor(
    readonly page: Page,
    readonly base: string,
  ) {}

  get item(): Locator {
    return this.page.locator('article.kw-item');
  }

  get save(): Locator {
    return this.page.locator('.kw-save');
  }

  get cover(): Locator {
    return this.page.locator('.kw-cover');
  }

  async goto(): Promise<void> {
    await this.page.goto(`${this.base}/exam/`);
  }

  async fillLogin(c: Pick<DemoCandidate, 'ticket' | 'idNumber'>): Promise<void> {
    await this.page.getByLabel('准考证号').fill(c.ticket);
    await this.page.getByLabel('身份证号').fill(c.idNumber);
    await this.page.getByRole('button', { name: '登录' }).click();
  }

  /** Login and start: the exam screen, in fullscreen, on the first item. */
  async enter(c: DemoCandidate): Promise<void> {
    await this.goto();
    await this.fillLogin(c);
    await this.page.getByRole('button', { name: '开始答题' }).click();
    await expect(this.item).toBeVisible();
    await expect.poll(() => this.isFullscreen()).toBe(true);
  }

  /** Login and start, answer `count` items by keyboard and wait until the server has them all. */
  async enterAndAnswer(c: DemoCandidate, count: number): Promise<Map<string, Response>> {
    await this.enter(c);
    const answered = await this.answerSeveral(count);
    await this.expectSaved();
    return answered;
  }

  isFullscreen(): Promise<boolean> {
    return this.page.evaluate(() => document.fullscreenElement !== null);
  }

  async current(): Promise<{
    code: string;
    number: number;
    type: 'true_false' | 'single' | 'multiple';
    options: number;
  }> {
    const code = (await this.item.getAttribute('data-item'))!;
    const number = Number((await this.item.locator('.kw-item-number').textContent())!.replace('.', ''));
    const options = await this.item.locator('.kw-option').count();
    const multiple = (await this.item.getByRole('checkbox').count()) > 0;
    const tf = (await this.item.locator('.kw-item-type').textContent()) === '判断题';
    return { code, number, options, type: tf ? 'true_false' : multiple ? 'multiple' : 'single' };
  }

  /** Answers the current item by keyboard following `planFor`; returns its code and the expected stored response. */
  async answerByKeys(): Promise<{ code: string; response: Response }> {
    const item = await this.current();
    const plan = planFor(item.type, item.options, item.number);
    for (const key of plan.keys) await this.page.keyboard.press(key === ' ' ? 'Space' : key);
    return { code: item.code, response: plan.response };
  }

  /** Answers `count` items from the current one on, moving on with →. */
  async answerSeveral(count: number): Promise<Map<string, Response>> {
    const answered = new Map<string, Response>();
    for (let i = 0; i < count; i++) {
      const { code, response } = await this.answerByKeys();
      answered.set(code, response);
      await this.next();
    }
    return answered;
  }

  /** → and wait until the next item is shown (or stay on the last). */
  async next(): Promise<void> {
    const before = await this.item.getAttribute('data-item');
    await this.page.keyboard.press('ArrowRight');
    await expect(this.item)
      .not.toHaveAttribute('data-item', before!, { timeout: 2000 })
      .catch(() => undefined);
  }

  async expectSaved(): Promise<void> {
    await expect(this.save).toHaveAttribute('data-status', 'saved');
    await expect(this.save).toHaveAttribute('data-pending', '0');
  }

  /** The answer-sheet count "已答 n / total". */
  async answeredCount(): Promise<number> {
    const text = (await this.page.locator('.kw-sheet-count').textContent()) ?? '';
    return Number(/已答\s*(\d+)/.exec(text)?.[1] ?? NaN);
  }
}
