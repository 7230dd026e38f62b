import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import type { DemoCandidate } from './db.ts';
import { readRows } from './target.ts';

export const DEMO_PASSWORD = 'kaowu-demo';

/**
 * One staff member in the console, in a browser context of their own (their own cookie): sign in, open the
 * demo bank, accept every confirmation dialog (each proctor or review action is confirmed).
 */
export class ConsolePage {
  /** Uncaught errors and Content-Security-Policy violations seen in this context; `close` fails on any. */
  readonly problems: string[] = [];

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly base: string,
  ) {
    page.on('pageerror', (e) => this.problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (/Content[- ]Security[- ]Policy|Refused to (load|execute|apply|connect)/i.test(m.text()))
        this.problems.push(`CSP: ${m.text()}`);
    });
  }

  /** Signs in at the console's home, or at `path` (an address under /console/ opened before signing in). */
  static async signIn(
    browser: Browser,
    base: string,
    username: string,
    options: { password?: string; path?: string } = {},
  ): Promise<ConsolePage> {
    const { password = DEMO_PASSWORD, path = '/console/' } = options;
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    page.on('dialog', (d) => void d.accept());
    const me = new ConsolePage(context, page, base);
    await page.goto(`${base}${path}`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByRole('button', { name: '退出' })).toBeVisible();
    return me;
  }

  async openDemoBank(): Promise<void> {
    await this.page.getByRole('link', { name: '题库', exact: true }).click();
    await this.page.getByRole('link', { name: /打开 电工/ }).click();
    await expect(this.page.locator('.outline')).toBeVisible();
  }

  /** Opens a batch by its plan number from the batch list. */
  async openBatch(planNumber: string): Promise<void> {
    await this.page.getByRole('link', { name: '认定批次', exact: true }).click();
    await this.page.getByRole('link', { name: `打开 ${planNumber}` }).click();
    await expect(this.page.getByRole('heading', { name: new RegExp(planNumber) })).toBeVisible();
  }

  /** From an open batch, the live board of the room with that code (the only room when no code is given). */
  async openRoomBoard(roomCode?: string): Promise<void> {
    const row = roomCode ? this.page.getByRole('row').filter({ hasText: roomCode }) : this.page;
    await row.getByRole('link', { name: '考场看板' }).first().click();
    await expect(this.page.getByRole('region', { name: '考场看板' })).toBeVisible();
  }

  tab(name: string) {
    return this.page.getByRole('tab', { name });
  }

  /** Clicks the button or link of that name and opens the workbook it downloads. */
  async downloadWorkbook(name: string): Promise<ExcelJS.Workbook> {
    const control = this.page
      .getByRole('button', { name, exact: true })
      .or(this.page.getByRole('link', { name, exact: true }));
    const [download] = await Promise.all([this.page.waitForEvent('download'), control.click()]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    return workbook;
  }

  async close(): Promise<void> {
    await this.context.close();
    expect(this.problems, 'no CSP violations or page errors in the console').toEqual([]);
  }
}

/** A workbook file for an <input type=file>. */
export async function workbookFile(
  workbook: ExcelJS.Workbook,
  name: string,
): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  return {
    name,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: Buffer.from(await workbook.xlsx.writeBuffer()),
  };
}

/** A valid 18-digit 身份证号 (GB 11643 check digit) for a test person born on `birth` (YYYYMMDD). */
export function idNumber(birth: string, sequence: number): string {
  const body = `110105${birth}${String(sequence).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((n, d, i) => n + Number(d) * weights[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

/** A candidate of a batch the story created, read from the server's database (beside the server: support/target.ts). */
export function candidateOf(dbPath: string, planNumber: string, name: string): DemoCandidate {
  const [row] = readRows<DemoCandidate>(
    dbPath,
    `select c.id, c.ticket, c.id_number as "idNumber", c.name, c.seat, c.room_id as "roomId"
     from candidates c join batches b on b.id = c.batch_id where b.plan_number = $plan and c.name = $name`,
    { plan: planNumber, name },
  );
  if (!row) throw new Error(`no candidate ${name} in batch ${planNumber}`);
  return row;
}
