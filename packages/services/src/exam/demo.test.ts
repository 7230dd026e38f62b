import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseIdNumber } from '@kaowu/domain';
import { describe, expect, it } from 'vitest';
import { createUser } from '../accounts/users.ts';
import { createDemoFixture, DEMO_BANK } from '../testing/bank.ts';
import { loadDemoExam, seatPlans } from './index.ts';
import { neighbours } from './seating.ts';

describe('the demo exam', () => {
  // The candidates are seated so that neighbours hold different forms.
  it('seals forms A and B and opens a room of 30 valid candidates', async () => {
    const f = await createDemoFixture({ load: true });
    for (const p of ['proctor_sun', 'proctor_zhang'])
      await createUser(f.ctx, 'admin', { username: p, displayName: p, roles: ['proctor'] });
    const exam = await loadDemoExam(f.ctx, 'admin', {
      blueprint: readFileSync(join(DEMO_BANK, 'blueprint.yaml'), 'utf8'),
      proctors: ['proctor_sun', 'proctor_zhang'],
      supervisors: ['admin', 'wang'],
    });
    expect(exam.papers.map((p) => p.form)).toEqual(['A', 'B']);
    expect(exam.candidates).toHaveLength(30);
    for (const c of exam.candidates) expect(parseIdNumber(c.idNumber).ok).toBe(true);
    const room = await f.ctx.db
      .selectFrom('rooms as r')
      .innerJoin('exam_windows as w', 'w.id', 'r.window_id')
      .select(['r.status', 'w.starts_at', 'w.ends_at'])
      .executeTakeFirstOrThrow();
    expect(room.status).toBe('open');
    const now = f.ctx.now().toISOString();
    expect(room.starts_at <= now && now <= room.ends_at).toBe(true);
    const [plan] = await seatPlans(f.ctx, 'admin', exam.batchId);
    const form = new Map(plan!.candidates.map((c) => [c.seat, c.form]));
    for (const c of plan!.candidates)
      for (const n of neighbours(c.seat, plan!.room.columns, 30)) expect(form.get(n)).not.toBe(c.form);
  }, 120_000);
});
