import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '@kaowu/domain';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDemoFixture, DEMO_BANK, refusal } from '../testing/bank.ts';
import { createUser } from '../accounts/users.ts';
import {
  archiveBatch,
  loadDemoExam,
  loadResultsDemo,
  RESULTS_DEMO_PLAN_NUMBER,
  verifyArchive,
  verifyAuditTrail,
  type ArchiveResult,
} from '../index.ts';
import type { ServiceContext } from '../shared/context.ts';

let ctx: ServiceContext;
let archive: ArchiveResult;

beforeAll(async () => {
  const f = await createDemoFixture({ load: true });
  ctx = f.ctx;
  // As `kaowu demo` loads them (see results/demo.test.ts).
  await createUser(ctx, 'admin', { username: 'proctor_sun', displayName: '孙丽', roles: ['proctor'] });
  for (const [username, displayName] of [
    ['supervisor_qian', '钱敏'],
    ['supervisor_he', '何静'],
  ] as const)
    await createUser(ctx, 'admin', { username, displayName, roles: [] });
  await loadDemoExam(ctx, 'admin', {
    blueprint: readFileSync(join(DEMO_BANK, 'blueprint.yaml'), 'utf8'),
    proctors: ['proctor_sun'],
    supervisors: [],
  });
  await loadResultsDemo(ctx);
  archive = await archiveBatch(ctx, 'admin', RESULTS_DEMO_PLAN_NUMBER, { baseUrl: 'https://kaowu.example.com' });
}, 240_000);

/** The package with one entry replaced (or removed), re-zipped as a tamperer would. */
function tampered(change: (entries: Record<string, Uint8Array>) => void): Uint8Array {
  const entries = unzipSync(archive.zip);
  change(entries);
  return zipSync(entries);
}

describe('the batch archive (归档)', () => {
  it('holds every kind of record, with a manifest of hashes, the audit head and the retention dates', () => {
    const entries = unzipSync(archive.zip);
    const manifest = JSON.parse(strFromU8(entries['manifest.json']!));
    expect(sha256Hex(entries['manifest.json']!)).toBe(archive.manifestHash);
    const paths: string[] = manifest.files.map((f: { path: string }) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'reports/附件1 综合成绩汇总表.xlsx',
        'reports/附件5 证书核发登记表.xlsx',
        'reports/公示名单（脱敏）.xlsx',
        'supervision/附件2 内部督导情况报告.xlsx',
        'reports/附件1 综合成绩汇总表.pdf',
        'reports/附件5 证书核发登记表.pdf',
        'reports/公示名单（脱敏）.pdf',
        'supervision/附件2 内部督导情况报告.pdf',
        'supervision/附件3 外督情况登记表.xlsx',
        'supervision/附件3 外督情况登记表.pdf',
        'scores/score_entries.json',
        'scores/decisions.json',
        'publicity/publicities.json',
        'publicity/objections.json',
        'certificates/certificates.json',
        'audit/records.jsonl',
        'audit/chain.jsonl',
      ]),
    );
    expect(paths.filter((p) => p.startsWith('answers/'))).toHaveLength(30);
    expect(paths.filter((p) => /^certificates\/.+\.pdf$/.test(p)).length).toBeGreaterThan(0);
    expect(paths.some((p) => p.startsWith('papers/'))).toBe(true);
    for (const f of manifest.files) expect(sha256Hex(entries[f.path]!)).toBe(f.sha256);
    // Retention from the archiving day: paper 3 years, electronic 5 (the floors).
    const today = manifest.archivedAt.slice(0, 4);
    expect(manifest.retention).toMatchObject({ paperYears: 3, electronicYears: 5 });
    expect(manifest.retention.paperUntil.slice(0, 4)).toBe(String(Number(today) + 3));
    expect(manifest.retention.electronicUntil.slice(0, 4)).toBe(String(Number(today) + 5));
    expect(manifest.auditHead.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.auditRecords.length).toBeGreaterThan(30);
  });

  it('holds every report as a PDF beside its workbook, printing the title, a known cell and the manifest’s audit head', async () => {
    const entries = unzipSync(archive.zip);
    const paths = archive.manifest.files.map((f) => f.path);
    const workbooks = paths.filter((p) => /^(reports|filing|supervision|publicity)\/.+\.xlsx$/.test(p));
    expect(workbooks.length).toBeGreaterThanOrEqual(9); // 5 results reports, 2 filing forms, 附件2, 附件3
    for (const xlsx of workbooks) expect(paths).toContain(xlsx.replace(/\.xlsx$/, '.pdf'));
    const dir = mkdtempSync(join(tmpdir(), 'kaowu-archive-pdf-'));
    try {
      const text = (path: string): string => {
        const file = join(dir, 'report.pdf');
        writeFileSync(file, entries[path]!);
        return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
      };
      const [candidate] = await ctx.db
        .selectFrom('candidates')
        .select(['name', 'id_number'])
        .orderBy('ticket')
        .limit(1)
        .execute();
      const summary = text('reports/附件1 综合成绩汇总表.pdf');
      expect(summary).toContain('职业技能等级认定实操（综合成绩汇总表）');
      expect(summary).toContain(candidate!.id_number);
      const hefei = text('filing/企业职业技能等级认定结果汇总表.pdf');
      expect(hefei).toContain('企业职业技能等级认定结果汇总表');
      expect(hefei).toContain(candidate!.name);
      expect(text('supervision/附件2 内部督导情况报告.pdf')).toContain('职业技能等级认定内部督导情况报告');
      // The reports were exported just before the archive's own audit record: their footer names a head at or
      // before the manifest's.
      const footer = /审计链头第(\d+)条([0-9a-f]{64})/.exec(summary);
      expect(Number(footer?.[1])).toBeLessThanOrEqual(archive.manifest.auditHead.seq);
      expect(await verifyAuditTrail(ctx.db, { head: footer![2]! })).toMatchObject({ broken: null });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('holds the filing exports: Hefei’s two forms and the provincial upload file, one line per certificate', async () => {
    const entries = unzipSync(archive.zip);
    expect(Object.keys(entries)).toEqual(
      expect.arrayContaining([
        'filing/企业职业技能等级认定结果汇总表.xlsx',
        'filing/企业职业技能等级认定合格人员证书信息表.xlsx',
      ]),
    );
    const csv = strFromU8(entries['filing/证书信息上报.csv']!)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(csv[0]).toBe('姓名,性别,证件类型,证件号码,职业编码,职业名称,工种,等级,证书编号,发证日期,发证机构');
    const issued = await ctx.db
      .selectFrom('certificates as k')
      .innerJoin('candidates as c', 'c.id', 'k.candidate_id')
      .select(['c.name', 'c.id_number', 'k.number', 'k.issued_on'])
      .execute();
    expect(csv).toHaveLength(issued.length + 1);
    const one = issued[0]!;
    const line = csv.find((l) => l.includes(one.number))!.split(',');
    expect([line[0], line[2], line[3], line[4], line[8], line[9]]).toEqual([
      one.name,
      '居民身份证',
      one.id_number,
      '6-31-01-03',
      one.number,
      one.issued_on,
    ]);
  });

  it('verifies, and the head it names is still in the database’s chain', async () => {
    expect(verifyArchive(archive.zip)).toMatchObject({ failure: null, records: archive.manifest.auditRecords.length });
    expect(await verifyAuditTrail(ctx.db, { head: archive.manifest.auditHead.hash })).toMatchObject({ broken: null });
  });

  it('names a file with one byte changed, a missing file, and a file not in the manifest', () => {
    const report = 'reports/附件1 综合成绩汇总表.xlsx';
    const changed = tampered((e) => {
      const copy = new Uint8Array(e[report]!);
      copy[100] = copy[100]! ^ 1;
      e[report] = copy;
    });
    expect(verifyArchive(changed).failure).toEqual({
      file: report,
      reason: `文件 ${report} 的 SHA-256 与清单不符，内容已被改动`,
    });
    expect(verifyArchive(tampered((e) => delete e['scores/decisions.json'])).failure?.file).toBe(
      'scores/decisions.json',
    );
    expect(verifyArchive(tampered((e) => void (e['extra.txt'] = strToU8('x')))).failure?.file).toBe('extra.txt');
    expect(verifyArchive(strToU8('not a zip')).failure?.reason).toMatch(/不是有效的 zip/);
  });

  it('names a deleted or edited audit record even when the tamperer fixed the file hashes', () => {
    const rehash = (e: Record<string, Uint8Array>, path: string, data: Uint8Array) => {
      e[path] = data;
      const m = JSON.parse(strFromU8(e['manifest.json']!));
      for (const f of m.files) if (f.path === path) f.sha256 = sha256Hex(data);
      e['manifest.json'] = strToU8(JSON.stringify(m));
    };
    const records = (e: Record<string, Uint8Array>) => strFromU8(e['audit/records.jsonl']!).split('\n');
    const victim = archive.manifest.auditRecords[3]!;
    const deleted = tampered((e) =>
      rehash(
        e,
        'audit/records.jsonl',
        strToU8(
          records(e)
            .filter((l) => JSON.parse(l).seq !== victim)
            .join('\n'),
        ),
      ),
    );
    expect(verifyArchive(deleted).failure).toEqual({
      file: 'audit/records.jsonl',
      seq: victim,
      reason: `审计记录第 ${victim} 条缺失（已被删除）`,
    });
    const edited = tampered((e) =>
      rehash(
        e,
        'audit/records.jsonl',
        strToU8(
          records(e)
            .map((l) => {
              const r = JSON.parse(l);
              return JSON.stringify(r.seq === victim ? { ...r, actor: 'mallory' } : r);
            })
            .join('\n'),
        ),
      ),
    );
    expect(verifyArchive(edited).failure).toMatchObject({ seq: victim, reason: expect.stringMatching(/已被篡改/) });
  });

  it('is for administrators only, and is itself recorded and audited', async () => {
    expect((await refusal(archiveBatch(ctx, 'expert_wang', RESULTS_DEMO_PLAN_NUMBER, { baseUrl: 'x' }))).code).toBe(
      'forbidden',
    );
    const row = await ctx.db.selectFrom('batch_archives').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      manifest_hash: archive.manifestHash,
      audit_head: archive.manifest.auditHead.hash,
      paper_until: archive.manifest.retention.paperUntil,
    });
    const last = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'prev_hash'])
      .where('action', '=', 'archive.write')
      .executeTakeFirstOrThrow();
    // The head the manifest names is exactly the record before the archive's own.
    expect(last.prev_hash).toBe(archive.manifest.auditHead.hash);
  });
});
