import { openDatabase } from '@kaowu/db';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  archiveBatch,
  createContext,
  destroyPersonalData,
  exportDestructions,
  listDestructions,
  setResultsSetting,
  verifyAuditTrail,
  type ServiceContext,
} from '../index.ts';
import { refusal } from '../testing/bank.ts';
import { seedExam } from '../testing/index.ts';

async function archived() {
  let clock = Date.parse('2026-11-02T08:00:00+08:00');
  let id = 0;
  const ctx: ServiceContext = createContext(await openDatabase(':memory:'), {
    now: () => new Date(clock),
    newId: () => `id-${String(++id).padStart(6, '0')}`,
  });
  const exam = await seedExam(ctx, { planNumber: 'RT-001', open: false, rooms: [3] });
  return { ctx, exam, setNow: (iso: string) => void (clock = Date.parse(iso)) };
}

const names = async (ctx: ServiceContext) =>
  (await ctx.db.selectFrom('candidates').select(['name', 'id_number']).orderBy('ticket').execute()).map((c) => c.name);

describe('the destruction register (销毁台账)', () => {
  it('refuses to purge a batch never archived, or before its retention date, and changes nothing', async () => {
    const w = await archived();
    const before = await names(w.ctx);
    expect((await refusal(destroyPersonalData(w.ctx, 'admin', 'RT-001'))).message).toMatch(/尚未归档/);
    // Retention may be lengthened, never shortened.
    expect((await refusal(setResultsSetting(w.ctx, 'admin', 'retention.electronicYears', '4'))).message).toMatch(
      /不得少于 5 年/,
    );
    await setResultsSetting(w.ctx, 'admin', 'retention.electronicYears', '6');
    const a = await archiveBatch(w.ctx, 'admin', 'RT-001', { baseUrl: 'https://k.example' });
    expect(a.manifest.retention).toMatchObject({ paperUntil: '2029-11-02', electronicUntil: '2032-11-02' });
    // Names are in the archive's answer records.
    const entries = unzipSync(a.zip);
    expect(strFromU8(entries[Object.keys(entries).find((p) => p.startsWith('answers/'))!]!)).toContain(before[0]);
    w.setNow('2032-11-02T20:00:00+08:00');
    expect(await refusal(destroyPersonalData(w.ctx, 'admin', 'RT-001'))).toMatchObject({
      code: 'retention_not_expired',
      message: '批次 RT-001 的资料保存至 2032-11-02（2026-11-02 归档），保存期满后方可销毁',
    });
    expect(await names(w.ctx)).toEqual(before);
    expect(await listDestructions(w.ctx, 'admin')).toEqual([]);
  });

  it('purges after the date through a recorded, audited entry citing the manifest hash', async () => {
    const w = await archived();
    const a = await archiveBatch(w.ctx, 'admin', 'RT-001', { baseUrl: 'https://k.example' });
    w.setNow('2031-11-03T09:00:00+08:00');
    expect((await refusal(destroyPersonalData(w.ctx, 'proctor_a', 'RT-001'))).code).toBe('forbidden');
    const entry = await destroyPersonalData(w.ctx, 'admin', 'RT-001');
    expect(entry).toMatchObject({
      planNumber: 'RT-001',
      manifestHash: a.manifestHash,
      retainedUntil: '2031-11-02',
      destroyedAt: '2031-11-03T01:00:00.000Z',
      what: expect.stringContaining('身份证号码'),
    });
    expect(new Set(await names(w.ctx))).toEqual(new Set(['（已销毁）']));
    expect(await listDestructions(w.ctx, 'admin')).toEqual([entry]);
    expect((await refusal(destroyPersonalData(w.ctx, 'admin', 'RT-001'))).code).toBe('conflict');
    expect((await refusal(listDestructions(w.ctx, 'proctor_a'))).code).toBe('forbidden');
    expect((await exportDestructions(w.ctx, 'admin')).byteLength).toBeGreaterThan(1000);
    const audited = await w.ctx.db
      .selectFrom('audit_log')
      .select('detail_json')
      .where('action', '=', 'archive.destroy')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audited.detail_json)).toMatchObject({ manifestHash: a.manifestHash, candidates: 3 });
    expect((await verifyAuditTrail(w.ctx.db)).broken).toBeNull();
  });
});
