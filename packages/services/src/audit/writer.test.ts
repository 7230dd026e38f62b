import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { auditChainHead, verifyAuditTrail } from '../index.ts';
import { createFixture, seedApproved } from '../testing/bank.ts';

describe('audit trail', () => {
  it('records who changed what, with before and after hashes, in an intact chain', async () => {
    const f = await createFixture();
    await seedApproved(f, 3);
    const rows = await f.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'item.create').execute();
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({
      actor: 'admin',
      entity: 'item',
      entity_id: '6-31-01-03/5/T0001',
      before_hash: null,
    });
    expect(rows[0]?.after_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await verifyAuditTrail(f.ctx.db)).toEqual({ records: expect.any(Number), broken: null });
  });

  it('detects an edited record', async () => {
    const f = await createFixture();
    await seedApproved(f, 3);
    await sql`update audit_log set actor = 'mallory' where seq = 5`.execute(f.ctx.db);
    expect((await verifyAuditTrail(f.ctx.db)).broken).toEqual({ seq: 5, reason: '第 5 条记录的内容已被篡改' });
  });

  it('detects a deleted record', async () => {
    const f = await createFixture();
    await seedApproved(f, 3);
    await sql`delete from audit_log where seq = 4`.execute(f.ctx.db);
    expect((await verifyAuditTrail(f.ctx.db)).broken?.seq).toBe(4);
  });

  it('detects a rewritten tail whose hashes were recomputed but not re-chained', async () => {
    const f = await createFixture();
    await seedApproved(f, 3);
    const last = await f.ctx.db.selectFrom('audit_log').select('seq').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    await sql`update audit_log set prev_hash = ${'0'.repeat(64)} where seq = ${last.seq}`.execute(f.ctx.db);
    expect((await verifyAuditTrail(f.ctx.db)).broken?.reason).toMatch(/前序校验码/);
  });
});

describe('anchoring the audit chain', () => {
  it('fails verification with an earlier head once the chain’s last records are deleted', async () => {
    const f = await createFixture();
    await seedApproved(f, 3);
    const anchor = await auditChainHead(f.ctx.db);
    expect(anchor.hash).toMatch(/^[0-9a-f]{64}$/);
    // Still in the chain, also after later records.
    await seedApproved(f, 2, 'wang', 'li', 10);
    expect(await verifyAuditTrail(f.ctx.db, { head: anchor.hash })).toMatchObject({ broken: null });
    // The tail (the anchored record included) deleted: what is left still chains, so only the anchor notices.
    await sql`delete from audit_log where seq >= ${anchor.seq - 1}`.execute(f.ctx.db);
    expect((await verifyAuditTrail(f.ctx.db)).broken).toBeNull();
    const truncated = await verifyAuditTrail(f.ctx.db, { head: anchor.hash.toUpperCase() });
    expect(truncated.broken).toEqual({ seq: anchor.seq - 1, reason: expect.stringContaining(anchor.hash) });
    expect(truncated.broken?.reason).toMatch(/不在审计链中/);
  });

  it('prints the head into the report footer', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const { scoreSummaryReport } = await import('@kaowu/reports');
    const head = { seq: 42, hash: 'ab'.repeat(32) };
    const bytes = await scoreSummaryReport(
      {
        enterpriseName: '甲',
        planNumber: 'P-1',
        occupationName: '电工',
        level: 5,
        date: '2026-05-01',
        auditHead: head,
      },
      [],
      [],
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(wb.worksheets[0]?.headerFooter.oddFooter).toContain(`第 42 条 ${head.hash}`);
  });
});
