import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { indexOutline } from '@kaowu/domain';
import { readItemWorkbook, sampleItemWorkbook, sampleOutline } from '../src/excel/index.ts';

/**
 * Generating and parsing a 10,000-row item workbook (target for a whole import: ≤ 10 s, ≤ 500 MB).
 * Each phase runs in its own process so its peak RSS is its own, not the other phase's leftovers.
 */
const ROWS = 10_000;
const outline = sampleOutline(8, 50);
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function phase(name: string, file: string): Promise<void> {
  const start = performance.now();
  let detail: string;
  if (name === 'generate') {
    const data = await sampleItemWorkbook(outline, ROWS);
    writeFileSync(file, data);
    detail = `file ${mb(data.byteLength)}`;
  } else {
    const data = readFileSync(file);
    const result = await readItemWorkbook(data, indexOutline(outline));
    if (!result.ok) throw new Error(`sample has problems: ${JSON.stringify(result.problems.slice(0, 3))}`);
    detail = `${result.rows.length} rows`;
  }
  const seconds = ((performance.now() - start) / 1000).toFixed(2);
  // maxRSS is in kilobytes.
  const peak = mb(process.resourceUsage().maxRSS * 1024);
  console.log(
    `${`${name} ${ROWS} rows`.padEnd(20)} ${seconds.padStart(6)} s   peak rss ${peak.padStart(7)}   ${detail}`,
  );
}

const [, script = '', name, file] = process.argv;
if (name !== undefined && file !== undefined) await phase(name, file);
else {
  const dir = mkdtempSync(join(tmpdir(), 'kaowu-excel-bench-'));
  const file = join(dir, 'items.xlsx');
  try {
    for (const step of ['generate', 'parse'])
      execFileSync(process.execPath, [...process.execArgv, script, step, file], { stdio: 'inherit' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
