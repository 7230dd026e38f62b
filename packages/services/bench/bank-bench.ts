/**
 * Bank benchmarks: import a generated 10,000-item workbook into a fresh SQLite file (target ≤ 10 s,
 * ≤ 500 MB peak RSS) and compute `bank status` on the 10,000 approved items (target ≤ 1 s).
 * The workbook is generated in a child process so its memory does not count towards the import's peak.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleItemWorkbook, sampleOutline } from '@kaowu/bank';
import { openDatabase } from '@kaowu/db';
import { createContext, createUser, importItemWorkbook, importOutline } from '../src/index.ts';
import { bankStatus } from '../src/bank/status.ts';

const N = 10_000;
const outline = { ...sampleOutline(25, 12), occupation: { code: '6-31-01-03', edition: 2022 as const, name: '电工' } };

if (process.argv[2] === 'generate') {
  writeFileSync(process.argv[3]!, await sampleItemWorkbook(outline, N));
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'kaowu-bench-'));
const file = join(dir, 'items.xlsx');
execFileSync(process.execPath, [...process.execArgv, import.meta.filename, 'generate', file], { stdio: 'inherit' });

const db = await openDatabase(join(dir, 'bench.db'));
const ctx = createContext(db);
await createUser(ctx, 'system', { username: 'admin', displayName: '管理员', roles: ['administrator'] });
await createUser(ctx, 'admin', { username: 'author', displayName: '命题人', roles: ['author'] });
await importOutline(ctx, 'admin', outline);
const bank = { occupationCode: '6-31-01-03', level: outline.level };

const data = readFileSync(file);
const t0 = performance.now();
const summary = await importItemWorkbook(ctx, 'author', bank, data);
const importMs = performance.now() - t0;
const peakMb = process.resourceUsage().maxRSS / 1024;

// status counts approved items: approve them all (bench set-up, not measured)
await db.updateTable('item_versions').set({ status: 'approved', reviewer: 'admin' }).execute();
const runs: number[] = [];
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  await bankStatus(ctx, bank);
  runs.push(performance.now() - t);
}
runs.sort((a, b) => a - b);
const verdict = (ok: boolean): string => (ok ? 'OK' : 'MISSED');
const importSeconds = (importMs / 1000).toFixed(2);
console.log(
  `bank import   ${summary.created} items  ${importSeconds} s (target ≤ 10 s) ${verdict(importMs <= 10_000)}  ` +
    `peak RSS ${peakMb.toFixed(0)} MB (target ≤ 500 MB) ${verdict(peakMb <= 500)}`,
);
console.log(
  `bank status   ${N} approved items  median ${runs[2]!.toFixed(0)} ms (target ≤ 1000 ms) ${verdict(runs[2]! <= 1000)}`,
);
await db.destroy();
