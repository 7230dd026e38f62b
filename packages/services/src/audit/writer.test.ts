import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { verifyAuditTrail } from '../index.ts';
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
