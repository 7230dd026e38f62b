/**
 * `pnpm bench` for the console:
 *   1. the production build's JavaScript, gzipped: what loads at sign-in, and the lazily loaded chunks (each screen
 *      area, Chart.js, the YAML view) fetched when first opened;
 *   2. the time to render the outline tree of a 10,000-item bank in Debian's Chromium (bench/outline-page.tsx:
 *      the console's own OutlineTree; counting, DOM, style and layout, timed in the page with performance.now()).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CHROMIUM } from '../../../e2e/support/chromium.ts';
import { chromium } from '@playwright/test';
import { build } from 'vite';
import solid from 'vite-plugin-solid';

const ROOT = resolve(import.meta.dirname, '..');
const RUNS = 15;

async function bundleSize(): Promise<{ startup: number; lazy: number; css: number }> {
  await build({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
  const dir = join(ROOT, 'dist', 'assets');
  const gz = (f: string) => gzipSync(readFileSync(join(dir, f)), { level: 9 }).length;
  const files = readdirSync(dir);
  const entry = readFileSync(join(ROOT, 'dist', 'index.html'), 'utf8');
  const startup = files.filter((f) => f.endsWith('.js') && entry.includes(f));
  const lazy = files.filter((f) => f.endsWith('.js') && !entry.includes(f));
  return {
    startup: startup.reduce((n, f) => n + gz(f), 0),
    lazy: lazy.reduce((n, f) => n + gz(f), 0),
    css: files.filter((f) => f.endsWith('.css')).reduce((n, f) => n + gz(f), 0),
  };
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

async function outlineTimes(): Promise<number[]> {
  const out = mkdtempSync(join(tmpdir(), 'kaowu-console-bench-'));
  try {
    await build({
      root: join(ROOT, 'bench'),
      configFile: false,
      base: './',
      plugins: [solid()],
      logLevel: 'warn',
      build: {
        outDir: out,
        emptyOutDir: true,
        rollupOptions: { input: join(ROOT, 'bench', 'outline.html') },
        reportCompressedSize: false,
      },
    });
    const browser = await chromium.launch(CHROMIUM);
    try {
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      // The built page, served from memory: no server needed.
      await page.route('http://bench.local/**', (route) => {
        const path = new URL(route.request().url()).pathname;
        const file = join(out, path === '/' ? 'outline.html' : path);
        return route.fulfill({
          status: 200,
          contentType: TYPES[extname(file)] ?? 'application/octet-stream',
          body: readFileSync(file),
        });
      });
      await page.goto('http://bench.local/outline.html');
      await page.waitForFunction(() => 'runBench' in window);
      return await page.evaluate((n) => (window as unknown as { runBench: (n: number) => number[] }).runBench(n), RUNS);
    } finally {
      await browser.close();
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const size = await bundleSize();
console.log(
  `console JS gzipped: ${kb(size.startup)} at sign-in ` +
    `(+ ${kb(size.lazy)} in chunks loaded on first use: screens, Chart.js, YAML); CSS ${kb(size.css)}`,
);
const times = await outlineTimes();
const [first, ...rest] = times;
const sorted = [...rest].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)]!;
console.log(
  `outline tree of a 10,000-item bank (360 points): first render ${first!.toFixed(1)} ms; ` +
    `median of ${rest.length} more ${median.toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms`,
);
