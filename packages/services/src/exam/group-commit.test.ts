import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, toJson, walSyncFor } from '@kaowu/db';
import { sql } from 'kysely';
import { testDbTarget } from '@kaowu/db/test-target';
import type { ItemResponse } from '@kaowu/domain';
import { describe, expect, it } from 'vitest';
import { createContext } from '../shared/context.ts';
import { newAttempt } from './candidate-login.ts';
import { GroupCommit } from './group-commit.ts';
import { audit, verifyAuditTrail } from '../audit/writer.ts';
import { seedExam } from '../testing/index.ts';

async function setup(target = testDbTarget(':memory:')) {
  const db = await openDatabase(target);
  const ctx = createContext(db);
  const exam = await seedExam(ctx, { rooms: [1] });
  const attemptId = 'att-1';
  await db
    .insertInto('attempts')
    .values({
      ...newAttempt({
        id: attemptId,
        candidateId: exam.candidates[0]!.id,
        paperId: exam.paperIds[0]!,
        deviceId: 'dev',
        sessionId: 's',
      }),
      status: 'in_progress',
      started_at: new Date().toISOString(),
      duration_ms: 1,
    })
    .execute();
  return { db, attemptId };
}

const save = (attemptId: string, item: string, seq: number, response: ItemResponse) => ({
  attemptId,
  itemCode: item,
  responseJson: toJson(response),
  canonicalJson: toJson(response),
  seq,
  savedAt: new Date().toISOString(),
});

describe('group commit', () => {
  it('commits many saves in one transaction and a lower or equal seq never overwrites a higher one', async () => {
    const { db, attemptId } = await setup();
    const commit = new GroupCommit(db);
    const acks = await Promise.all([
      commit.saveAnswer(save(attemptId, 'Q001', 5, true)),
      commit.saveAnswer(save(attemptId, 'Q001', 3, false)),
      commit.saveAnswer(save(attemptId, 'Q002', 1, 2)),
    ]);
    expect(commit.stats.transactions).toBe(1);
    expect(acks.map((a) => [a.seq, a.storedSeq])).toEqual([
      [5, 5],
      [3, 5],
      [1, 1],
    ]);
    const later = await commit.saveAnswer(save(attemptId, 'Q001', 4, false));
    expect(later.storedSeq).toBe(5);
    const retry = await commit.saveAnswer(save(attemptId, 'Q001', 5, true));
    expect(retry.storedSeq).toBe(5);
    const row = await db.selectFrom('answers').selectAll().where('item_code', '=', 'Q001').executeTakeFirstOrThrow();
    expect([row.seq, row.response_json]).toEqual([5, 'true']);
    await db.destroy();
  });

  it('a group larger than one statement (several chunks, row counts seen before and new) stores every answer', async () => {
    const { db, attemptId } = await setup();
    const commit = new GroupCommit(db);
    const items = Array.from({ length: 1100 }, (_, i) => `I${String(i).padStart(4, '0')}`);
    // 1,100 rows: several full statements and a shorter one on either engine (128 rows a statement on SQLite, 500
    // on PostgreSQL); then 1,100 again (the same texts) with older and newer seqs.
    const first = await Promise.all(items.map((item, i) => commit.saveAnswer(save(attemptId, item, 2, i))));
    expect(first.every((a) => a.storedSeq === 2)).toBe(true);
    const second = await Promise.all(
      items.map((item, i) => commit.saveAnswer(save(attemptId, item, i % 2 === 0 ? 1 : 3, -i))),
    );
    expect(commit.stats.transactions).toBe(2);
    expect(second.map((a) => a.storedSeq)).toEqual(items.map((_, i) => (i % 2 === 0 ? 2 : 3)));
    const rows = await db
      .selectFrom('answers')
      .select(['item_code', 'seq', 'response_json'])
      .orderBy('item_code')
      .execute();
    expect(rows).toEqual(
      items.map((item, i) =>
        i % 2 === 0
          ? { item_code: item, seq: 2, response_json: String(i) }
          : { item_code: item, seq: 3, response_json: String(-i) },
      ),
    );
    await db.destroy();
  });

  it('a failing work function rolls back only itself; the rest of the group commits', async () => {
    const { db, attemptId } = await setup();
    const commit = new GroupCommit(db);
    const results = await Promise.allSettled([
      commit.saveAnswer(save(attemptId, 'Q001', 1, true)),
      commit.write(async (trx) => {
        await trx
          .insertInto('incidents')
          .values({ id: 'i1', room_id: 'nope', candidate_id: null, note: 'x', recorded_by: 'admin', recorded_at: '' })
          .execute();
      }),
      commit.write(async (trx) => {
        await trx.updateTable('attempts').set({ device_id: 'dev2' }).where('id', '=', attemptId).execute();
        throw new Error('business rule');
      }),
      commit.saveAnswer(save(attemptId, 'Q002', 1, 1)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect((await db.selectFrom('attempts').select('device_id').executeTakeFirstOrThrow()).device_id).toBe('dev');
    expect(await db.selectFrom('answers').select('item_code').execute()).toHaveLength(2);
    await db.destroy();
  });

  it('acknowledges nothing when the transaction cannot commit', async () => {
    const { db, attemptId } = await setup();
    const commit = new GroupCommit(db);
    const pending = commit.saveAnswer(save('no-such-attempt', 'Q001', 1, true)); // foreign key fails the statement
    const other = commit.saveAnswer(save(attemptId, 'Q001', 1, true));
    await expect(pending).rejects.toThrow();
    await expect(other).rejects.toThrow();
    expect(await db.selectFrom('answers').select('item_code').execute()).toHaveLength(0);
    await db.destroy();
  });

  it('works appending to the audit chain in one transaction keep it whole, also when one of them rolls back', async () => {
    const { db } = await setup();
    const ctx = createContext(db);
    const commit = new GroupCommit(db);
    const before = (await db.selectFrom('audit_log').select('seq').execute()).length;
    const record = (n: number, fail = false) =>
      commit.write(async (trx) => {
        await audit(trx, ctx, { actor: 'admin', action: 'attempt.start', entity: 'attempt', entityId: `a${n}` });
        if (fail) throw new Error('business rule after the record');
        await audit(trx, ctx, { actor: 'admin', action: 'attempt.submit', entity: 'attempt', entityId: `a${n}` });
      });
    const results = await Promise.allSettled([record(1), record(2, true), record(3), record(4, true), record(5)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled']);
    expect(commit.stats.transactions).toBe(1);
    const rows = await db.selectFrom('audit_log').select(['seq', 'entity_id']).orderBy('seq').execute();
    expect(rows.slice(before)).toEqual(
      ['a1', 'a1', 'a3', 'a3', 'a5', 'a5'].map((entity_id, i) => ({ seq: before + i + 1, entity_id })),
    );
    expect(await verifyAuditTrail(db)).toEqual({ records: before + 6, broken: null });
    await db.destroy();
  });

  describe('on a SQLite file', () => {
    const file = () => join(mkdtempSync(join(tmpdir(), 'kaowu-gc-')), 'k.db');

    it('acknowledges a commit only once its WAL flush is done; the next transaction waits for it', async () => {
      const { db, attemptId } = await setup(file());
      const wal = walSyncFor(db)!;
      const commit = new GroupCommit(db);
      // Hold the disk flush: the commit is visible in the database, the caller is not told yet.
      const realSync = wal.sync.bind(wal);
      let release = (): void => undefined;
      const held = new Promise<void>((r) => (release = r));
      let calls = 0;
      wal.sync = () => (++calls === 1 ? held.then(realSync) : realSync());
      let acked = false;
      const first = commit.saveAnswer(save(attemptId, 'Q001', 1, true)).then((a) => ((acked = true), a));
      while (commit.stats.transactions === 0) await new Promise((r) => setTimeout(r, 5));
      expect(await db.selectFrom('answers').select('seq').execute()).toEqual([{ seq: 1 }]);
      await new Promise((r) => setTimeout(r, 50));
      expect(acked).toBe(false);
      // A save arriving meanwhile queues for the next transaction, which starts once this flush is done.
      const second = commit.saveAnswer(save(attemptId, 'Q002', 1, 2));
      await new Promise((r) => setTimeout(r, 50));
      expect(commit.stats.transactions).toBe(1);
      release();
      expect(await first).toEqual({ seq: 1, storedSeq: 1 });
      expect(await second).toEqual({ seq: 1, storedSeq: 1 });
      expect(calls).toBe(2);
      // Writes outside the group commit keep synchronous=FULL on the connection.
      expect((await sql<{ synchronous: number }>`pragma synchronous`.execute(db)).rows[0]?.synchronous).toBe(2);
      await db.destroy();
    });

    it('concurrent saves share transactions and flushes, one flush per transaction at most', async () => {
      const { db, attemptId } = await setup(file());
      const wal = walSyncFor(db)!;
      const before = wal.flushes;
      const commit = new GroupCommit(db);
      const acks = await Promise.all(
        Array.from({ length: 50 }, (_, i) => commit.saveAnswer(save(attemptId, `Q00${(i % 4) + 1}`, i + 1, true))),
      );
      expect(acks.map((a) => a.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect(wal.flushes - before).toBe(commit.stats.transactions);
      expect(commit.stats.transactions).toBeLessThan(50);
      await db.destroy();
    });

    it('acknowledges nothing when the flush fails, though the rows were committed', async () => {
      const { db, attemptId } = await setup(file());
      const wal = walSyncFor(db)!;
      wal.sync = () => Promise.reject(new Error('EIO: the disk failed'));
      const commit = new GroupCommit(db);
      await expect(commit.saveAnswer(save(attemptId, 'Q001', 1, true))).rejects.toThrow('EIO');
      await expect(commit.write(async () => 'done')).rejects.toThrow('EIO');
      await commit.drain();
      await db.destroy();
    });
  });
});
