import { openDatabase, toJson } from '@kaowu/db';
import { testDbTarget } from '@kaowu/db/test-target';
import type { ItemResponse } from '@kaowu/domain';
import { describe, expect, it } from 'vitest';
import { createContext } from '../shared/context.ts';
import { newAttempt } from './candidate-login.ts';
import { GroupCommit } from './group-commit.ts';
import { seedExam } from '../testing/index.ts';

async function setup() {
  const db = await openDatabase(testDbTarget(':memory:'));
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
});
