import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@kaowu/db';
import { testDbTarget } from '@kaowu/db/test-target';
import { parseCertificateNumber } from '@kaowu/grading';
import { createContext, type ServiceContext } from '../shared/context.ts';
import {
  computeDecisions,
  createUser,
  finaliseResults,
  importScores,
  issueCertificates,
  listCertificates,
  publishResults,
  setPanel,
  setResultsSetting,
} from '../index.ts';
import { createResultsFixture, evenScores, recordEligible, skillSheet, WORKING_AGES } from '../testing/results.ts';

/** 业绩评审 with one review component: no theory paper, so a batch is decided quickly. */
const REVIEW_PLAN = {
  method: 'performance_review',
  components: [{ code: 'review', name: '综合评审', kind: 'review', weight: 100 }],
  eligibility: WORKING_AGES,
} as const;

interface Clock {
  set(iso: string): void;
}

async function sharedContext(path = testDbTarget(':memory:')): Promise<{ ctx: ServiceContext; clock: Clock }> {
  let now = Date.parse('2026-09-22T09:30:00+08:00');
  let ids = 0;
  const ctx = createContext(await openDatabase(path), {
    now: () => new Date(now),
    newId: () => `id-${String(++ids).padStart(6, '0')}`,
  });
  return { ctx, clock: { set: (iso) => void (now = Date.parse(iso)) } };
}

/** `count` batches of `size` candidates, each with final results: all pass except every fourth candidate. */
async function finalBatches(ctx: ServiceContext, clock: Clock, count: number, size: number): Promise<string[]> {
  const batches: string[] = [];
  for (let b = 0; b < count; b++) {
    clock.set('2026-09-22T09:30:00+08:00');
    const f = await createResultsFixture({
      ctx,
      candidates: size,
      planNumber: `RD2026-${String(b + 1).padStart(3, '0')}`,
      plan: REVIEW_PLAN as never,
    });
    await setPanel(ctx, 'admin', f.batchId, 'review', { leader: 'chen', members: ['chen', 'liu', 'zhou'] });
    await recordEligible(f);
    for (const who of ['admin', 'clerk'])
      await importScores(
        ctx,
        who,
        f.batchId,
        await skillSheet(
          f,
          evenScores(f, (i) => (i % 4 === 3 ? 50 : 80)),
          'review',
        ),
      );
    clock.set('2026-09-25T15:00:00+08:00');
    await computeDecisions(ctx, 'admin', f.batchId);
    await publishResults(ctx, 'admin', f.batchId, { publishedOn: '2026-09-28' });
    batches.push(f.planNumber);
  }
  clock.set('2026-10-12T09:00:00+08:00');
  for (const b of batches) await finaliseResults(ctx, 'admin', b);
  clock.set('2026-10-20T09:00:00+08:00');
  return batches;
}

const allNumbers = async (ctx: ServiceContext) =>
  await ctx.db.selectFrom('certificates').select(['number', 'sequence', 'candidate_id']).orderBy('sequence').execute();

describe('certificate numbers', () => {
  it('refuses to issue before the results are final, or without the body’s settings', async () => {
    const f = await createResultsFixture({ candidates: 2, plan: REVIEW_PLAN as never });
    await expect(issueCertificates(f.ctx, 'admin', f.batchId)).rejects.toThrow(/尚未在公示期满后确认，不能发证/);
    const { ctx, clock } = await sharedContext();
    const [batch] = await finalBatches(ctx, clock, 1, 2);
    await ctx.db.deleteFrom('settings').where('key', '=', 'certificate.siteCode').execute();
    await expect(issueCertificates(ctx, 'admin', batch!)).rejects.toThrow(
      '尚未设置证书编码的机构信息：' +
        'certificate.bodyType（评价机构类型：Y 用人单位，S 社会培训评价组织）、' +
        'certificate.bodyCode（人社部赋予的机构代码（省级备案的为 0000））、' +
        'certificate.provinceCode（省份代码（GB/T 2260 前两位））、' +
        'certificate.siteCode（省级赋予的机构（站点）序列号）',
    );
    await expect(setResultsSetting(ctx, 'admin', 'certificate.provinceCode', '99')).rejects.toThrow(
      '省份代码 99 不是 GB/T 2260 的省级代码',
    );
    await expect(setResultsSetting(ctx, 'admin', 'certificate.siteCode', '12345')).rejects.toThrow(/应为 6 位数字/);
  });

  it('never repeats a number under concurrent issuing in one process, and issues each candidate once', async () => {
    const { ctx, clock } = await sharedContext();
    const batches = await finalBatches(ctx, clock, 4, 8);
    const results = await Promise.all(
      [...batches, batches[0]!, batches[2]!].map((b) => issueCertificates(ctx, 'admin', b, { issuedOn: '2026-10-20' })),
    );
    const issued = results.flatMap((r) => r.issued.map((x) => x.number));
    expect(issued).toHaveLength(4 * 6);
    const stored = await allNumbers(ctx);
    expect(stored.map((s) => s.sequence)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    expect(new Set(stored.map((s) => s.candidate_id)).size).toBe(24);
    expect(stored[0]!.number).toBe('Y000033330001265000001');
    expect(parseCertificateNumber(stored[23]!.number)).toMatchObject({
      ok: true,
      value: { bodyType: 'Y', provinceCode: '33', siteCode: '330001', year: 2026, level: 5, sequence: 24 },
    });
    // Issuing again gives nothing new.
    expect(await issueCertificates(ctx, 'admin', batches[1]!)).toEqual({ issued: [], already: 6 });
  });

  // Also what is still awaiting issue.
  it('lists the issued certificates after the fact, to the batch staff only', async () => {
    const { ctx, clock } = await sharedContext();
    const [batch] = await finalBatches(ctx, clock, 1, 5);
    expect(await listCertificates(ctx, 'admin', batch!)).toEqual({ certificates: [], awaiting: 4 });
    const { issued } = await issueCertificates(ctx, 'admin', batch!, { issuedOn: '2026-10-20' });
    const list = await listCertificates(ctx, 'admin', batch!);
    expect(list.awaiting).toBe(0);
    expect(list.certificates).toEqual(
      issued.map((c) => ({ ...c, level: 5, levelName: '五级/初级工', issuedOn: '2026-10-20', revokedAt: null })),
    );
    expect(list.certificates.map((c) => c.number)).toEqual([
      'Y000033330001265000001',
      'Y000033330001265000002',
      'Y000033330001265000003',
      'Y000033330001265000004',
    ]);
    expect(list.certificates.map((c) => c.ticket)).toEqual([...list.certificates.map((c) => c.ticket)].sort());
    await createUser(ctx, 'admin', { username: 'outsider', displayName: '局外人', roles: ['assessor'] });
    await expect(listCertificates(ctx, 'outsider', batch!)).rejects.toThrow(
      /^用户 outsider 无权查看证书（批次 .*）：只有考务管理员或本批次的考评员、内部督导员可以$/,
    );
    await expect(listCertificates(ctx, 'admin', 'NO-SUCH')).rejects.toThrow('认定批次 NO-SUCH 不存在');
  });

  describe('across processes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaowu-certify-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('never repeats a number when several processes issue at once on one database file', async () => {
      const file = testDbTarget(join(dir, 'k.db'));
      const { ctx, clock } = await sharedContext(file);
      const batches = await finalBatches(ctx, clock, 6, 6);
      await ctx.db.destroy();
      // Each child opens the file, says ready, waits for "go", then issues its batches one after another.
      const child = join(dir, 'issue.mts');
      writeFileSync(
        child,
        `
        const [services, db, file, ...batches] = process.argv.slice(2);
        const { createContext, issueCertificates } = await import(services);
        const { openDatabase } = await import(db);
        const ctx = createContext(await openDatabase(file), { now: () => new Date('2026-10-20T01:00:00Z') });
        process.stdout.write('ready\\n');
        await new Promise((go) => process.stdin.once('data', go));
        const numbers = [];
        for (const b of batches)
          numbers.push(...(await issueCertificates(ctx, 'admin', b)).issued.map((x) => x.number));
        process.stdout.write(JSON.stringify(numbers) + '\\n');
        await ctx.db.destroy();
        process.exit(0);
      `,
      );
      const tsx = resolve(import.meta.dirname, '../../../../node_modules/.bin/tsx');
      const services = resolve(import.meta.dirname, '../index.ts');
      const dbEntry = resolve(import.meta.dirname, '../../../db/src/index.ts');
      const groups = [
        [batches[0]!, batches[1]!],
        [batches[2]!, batches[3]!],
        [batches[4]!, batches[5]!, batches[0]!],
      ];
      const children = groups.map((g) => {
        const p = spawn(tsx, [child, services, dbEntry, file, ...g], { stdio: ['pipe', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        p.stdout.on('data', (d: Buffer) => void (out += String(d)));
        p.stderr.on('data', (d: Buffer) => void (err += String(d)));
        const ready = new Promise<void>((ok) => {
          const check = (): void => void (out.includes('ready') ? ok() : setTimeout(check, 20));
          check();
        });
        const done = new Promise<string[]>((ok, fail) =>
          p.on('exit', (code) =>
            code === 0 ? ok(JSON.parse(out.split('\n')[1] ?? '[]') as string[]) : fail(new Error(err)),
          ),
        );
        return { p, ready, done };
      });
      await Promise.all(children.map((c) => c.ready));
      for (const c of children) c.p.stdin.write('go\n');
      const numbers = (await Promise.all(children.map((c) => c.done))).flat();
      expect(numbers).toHaveLength(6 * 5);
      expect(new Set(numbers).size).toBe(30);
      const check = await openDatabase(file);
      const stored = await check
        .selectFrom('certificates')
        .select(['sequence', 'candidate_id'])
        .orderBy('sequence')
        .execute();
      expect(stored.map((s) => s.sequence)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      expect(new Set(stored.map((s) => s.candidate_id)).size).toBe(30);
      await check.destroy();
    }, 60_000);
  });
});
