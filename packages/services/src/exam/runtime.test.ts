import { openDatabase } from '@kaowu/db';
import { testDbTarget } from '@kaowu/db/test-target';
import { describe, expect, it } from 'vitest';
import { createContext } from '../shared/context.ts';
import { seedExam } from '../testing/index.ts';
import { createExamRuntime, paperOf } from './runtime.ts';

describe('exam runtime', () => {
  it('concurrent first reads of a paper (a room logging in at once) share one read', async () => {
    const db = await openDatabase(testDbTarget(':memory:'));
    const ctx = createContext(db);
    const exam = await seedExam(ctx, { rooms: [1] });
    const rt = await createExamRuntime(ctx);
    const paperId = exam.paperIds[0]!;
    const papers = await Promise.all(Array.from({ length: 20 }, () => paperOf(rt, paperId)));
    expect(new Set(papers).size).toBe(1);
    expect(papers[0]!.sections.length).toBeGreaterThan(0);
    expect(await paperOf(rt, paperId)).toBe(papers[0]);
    // A missing paper fails every waiting caller, and is not remembered.
    const missing = await Promise.allSettled([paperOf(rt, 'no-such-paper'), paperOf(rt, 'no-such-paper')]);
    expect(missing.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(rt.papers.has('no-such-paper')).toBe(false);
    await db.destroy();
  });
});
