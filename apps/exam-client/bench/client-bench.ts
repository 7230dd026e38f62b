/**
 * `pnpm bench` for the exam client:
 *   1. the production build's JavaScript, gzipped (target ≤ 30 KB, the limit issue 11 set);
 *   2. the time to switch items on a 200-item paper in Debian's Chromium (target ≤ 16 ms, one frame).
 * The second serves the production build with `vite preview` and answers the candidate API from the bench
 * (Playwright routes), so it measures the client alone. One switch = the key press handled, the DOM updated,
 * and style and layout recomputed (forced synchronously), timed inside the page with performance.now().
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CHROMIUM } from '../../../e2e/support/chromium.ts';
import { NO_ACCOMMODATION } from '@kaowu/domain/browser';
import { chromium, type Route } from '@playwright/test';
import { build, preview } from 'vite';
import type { AppType } from '@kaowu/server/app-type';
import { hc } from 'hono/client';
import type { AttemptInfo, ServerState } from '../src/api/types.ts';
import { paperView } from '../src/testing/paper.ts';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist');
const ITEMS = 200;
const SWITCHES = 400;

async function bundleSize(): Promise<{ js: number; jsGzip: number; cssGzip: number }> {
  await build({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
  const files = readdirSync(join(DIST, 'assets')).map((f) => join(DIST, 'assets', f));
  const sum = (ext: string, gz: boolean) =>
    files
      .filter((f) => f.endsWith(ext))
      .reduce((n, f) => n + (gz ? gzipSync(readFileSync(f), { level: 9 }).length : readFileSync(f).length), 0);
  return { js: sum('.js', false), jsGzip: sum('.js', true), cssGzip: sum('.css', true) };
}

/** A realistic 200-item paper: true/false, single and multiple choice with stems and options of exam length. */
const paper = () =>
  paperView({
    title: '基准测试试卷',
    durationMinutes: 120,
    totalScore: 100,
    candidateKey: 'bench',
    codePrefix: 'B',
    sections: [
      { type: 'true_false', name: '判断题', count: 60, points: 0.5 },
      { type: 'single', name: '单项选择题', count: 100, points: 0.5 },
      { type: 'multiple', name: '多项选择题', count: 40, points: 0.25 },
    ],
    stem: (n) =>
      `第 ${n} 题：在低压配电线路上进行带电作业时，作业人员应当采取哪些安全措施，` +
      '以防止触电事故和相间短路事故的发生？请选择最符合规程要求的答案。',
    options: (n) =>
      [0, 1, 2, 3].map(
        (o) => `选项 ${o + 1}：按照《电业安全工作规程》的规定，在第 ${n} 种情形下应当执行的相应措施和要求`,
      ),
  });

/** Whether the bench's candidate has clicked 开始答题 (the state says not_started until then). */
let started = false;

const ID = 'bench';
/** The candidate routes' paths, from the server's contract (the client reaches the same through hc). */
const attempts = hc<AppType>('/api').attempts;
const own = attempts[':attemptId'];
const param = { param: { attemptId: ID } };
const PATHS = {
  login: `/api${attempts.$path()}`,
  attempt: `/api${own.$path(param)}`,
  paper: `/api${own.paper.$path(param)}`,
  start: `/api${own.start.$path(param)}`,
  state: `/api${own.state.$path(param)}`,
  answers: `/api${own.answers.$path(param)}`,
  events: `/api${own.events.$path(param)}`,
  token: `/api${own.token.$path(param)}`,
  watch: `/api${own.watch.$path({ ...param, query: {} })}`,
};

/** The candidate API, answered by the bench on the server's routes. */
async function fakeServer(route: Route): Promise<void> {
  const path = new URL(route.request().url()).pathname;
  const now = Date.now();
  const json = (body: unknown) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(body) });
  if (path === PATHS.login)
    return json({ token: 'bench', expiresAt: new Date(now + 3600_000).toISOString(), attemptId: ID });
  if (path === PATHS.attempt)
    return json({
      attemptId: ID,
      name: '基准考生',
      idNumberMasked: '440308********1234',
      ticket: '202611020101001',
      occupation: '电工',
      level: '五级/初级工',
      room: '第一考场',
      seat: 1,
      form: 'A',
      durationMinutes: 120,
      paperTitle: '基准测试试卷',
      itemCount: ITEMS,
      totalScore: 100,
      rules: [],
      accommodation: NO_ACCOMMODATION,
      hasPhoto: false,
      webcamFrame: false,
    } satisfies AttemptInfo);
  if (path === PATHS.paper) return json(paper());
  if (path === PATHS.start) started = true;
  if (path === PATHS.state || path === PATHS.start)
    return json({
      attemptId: ID,
      status: started ? 'in_progress' : 'not_started',
      serverTime: new Date(now).toISOString(),
      startedAt: started ? new Date(now).toISOString() : null,
      deadline: started ? new Date(now + 7200_000).toISOString() : null,
      remainingSeconds: 7200,
      roomPaused: false,
      graceSeconds: 30,
      answers: [],
      submittedAt: null,
      submitReason: null,
      version: started ? 'running' : 'waiting',
    } satisfies ServerState);
  // The long poll: nothing changes during the bench, so it is held as the server holds it.
  if (path === PATHS.watch) {
    await new Promise((r) => setTimeout(r, 25_000));
    return json({ version: started ? 'running' : 'waiting' }).catch(() => undefined);
  }
  if (path === PATHS.answers) {
    const body = route.request().postDataJSON() as { item: string; seq: number };
    return json({ item: body.item, seq: body.seq, storedSeq: body.seq, superseded: false });
  }
  if (path === PATHS.events) return json({ recorded: 1 });
  if (path === PATHS.token) return json({ token: 'bench', expiresAt: new Date(now + 3600_000).toISOString() });
  return route.fulfill({
    status: 404,
    contentType: 'application/json',
    body: JSON.stringify({ error: { code: 'not_found', message: '没有这个接口' } }),
  });
}

/**
 * Runs inside the page (as source text: the bench's TypeScript transform would otherwise add helpers the page
 * does not have). One switch = the key press (or answer-sheet click) handled, the DOM updated, and style and
 * layout of the new item recomputed synchronously, which the next frame would otherwise do first.
 */
const IN_PAGE = `function (switches, items) {
  function time(act) {
    const t0 = performance.now();
    act();
    document.body.getBoundingClientRect();
    void document.querySelector('article.kw-item').clientHeight;
    return performance.now() - t0;
  }
  function key(k) {
    document.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
  }
  const cells = [...document.querySelectorAll('.kw-sheet-grid .kw-cell')];
  const next = [];
  const jump = [];
  // Warm up (JIT, the first layout of each item type), then measure: forward through the paper and back.
  for (let i = 0; i < 20; i++) key('ArrowRight');
  for (let i = 0; i < switches; i++) {
    const forward = Math.floor(i / items) % 2 === 0;
    next.push(time(() => key(forward ? 'ArrowRight' : 'ArrowLeft')));
  }
  // Jumps across the paper through the answer sheet, answering each item on the way.
  for (let i = 0; i < items; i++) {
    const target = (i * 7919) % items;
    jump.push(time(() => cells[target].click()));
    key('a');
  }
  return { next, jump };
}`;

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function switchTimes(): Promise<{ next: number[]; jump: number[] }> {
  const server = await preview({
    root: ROOT,
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    preview: { port: 0, host: '127.0.0.1' },
  });
  const base = server.resolvedUrls!.local[0]!;
  const browser = await chromium.launch(CHROMIUM);
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.route('**/api/**', fakeServer);
    await page.goto(new URL('/exam/', base).href);
    await page.getByLabel('准考证号').fill('202611020101001');
    await page.getByLabel('身份证号').fill('11010519491231002X');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('button', { name: '开始答题' }).click();
    await page.locator('article.kw-item').waitFor();
    return (await page.evaluate(`(${IN_PAGE})(${SWITCHES}, ${ITEMS})`)) as { next: number[]; jump: number[] };
  } finally {
    await browser.close();
    await new Promise<void>((r) => server.httpServer.close(() => r()));
  }
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n: number) => `${n.toFixed(2)} ms`;

const verdict = (met: boolean) => (met ? 'OK' : 'OVER');

const size = await bundleSize();
console.log(
  `exam client bundle: JS ${kb(size.js)} raw, ${kb(size.jsGzip)} gzipped ` +
    `(target ≤ 30 KB) ${verdict(size.jsGzip <= 30 * 1024)}; CSS ${kb(size.cssGzip)} gzipped`,
);
const { next, jump } = await switchTimes();
for (const [name, samples] of [
  ['next/previous item (→/←)', next],
  ['jump via the answer sheet', jump],
] as const) {
  const sorted = [...samples].sort((a, b) => a - b);
  const p95 = percentile(sorted, 95);
  console.log(
    `item switch on a ${ITEMS}-item paper, ${name}: p50 ${ms(percentile(sorted, 50))}, p95 ${ms(p95)}, ` +
      `max ${ms(sorted.at(-1)!)} over ${sorted.length} switches (target ≤ 16 ms) ${verdict(p95 <= 16)}`,
  );
}
console.log(`peak RSS of the bench process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
