import { describe, expect, it } from 'vitest';
import { batchEligibility, recordApplications, setResultsSetting } from '../index.ts';
import { refusal } from '../testing/bank.ts';
import { createResultsFixture, eligibleApplication } from '../testing/results.ts';

/** Dispatched for more than a year with the pension paid: each one eligible on their own. */
const DISPATCHED = { employment: 'dispatched', enterpriseSince: '2015-03-01', pensionMonths: 120 } as const;

describe('the dispatched-worker cap (劳务派遣人员不超过企业职工总数的 10%, Nanxun 第六条)', () => {
  it('reports the batch-level breach with the numbers, and nothing while within the cap', async () => {
    const f = await createResultsFixture({ candidates: 4 });
    const [a, b, c, d] = f.candidates.map((x) => x.ticket) as [string, string, string, string];
    await recordApplications(f.ctx, 'admin', f.batchId, [
      eligibleApplication(a, DISPATCHED),
      eligibleApplication(b, DISPATCHED),
      eligibleApplication(c),
      eligibleApplication(d),
    ]);
    expect((await batchEligibility(f.ctx, 'admin', f.batchId)).batchProblems).toEqual([
      '有 2 名劳务派遣人员，但未设置企业职工总数（eligibility.workforceSize），无法核对劳务派遣人员不超过 10% 的要求',
    ]);
    // 2 of 15 is 13.3 %; 10 % of 15 is 1.5, so at most 1.
    await setResultsSetting(f.ctx, 'admin', 'eligibility.workforceSize', '15');
    const breach = await batchEligibility(f.ctx, 'admin', f.batchId);
    expect(breach.batchProblems).toEqual(['劳务派遣人员 2 名，占企业职工总数 15 名的 13.3%，超过 10%（至多 1 名）']);
    // Each candidate stays eligible on their own: the cap is the batch's problem, not theirs.
    expect(breach.lines.map((l) => l.result?.eligible)).toEqual([true, true, true, true]);
    // 2 of 20 is exactly 10 %: within the cap.
    await setResultsSetting(f.ctx, 'admin', 'eligibility.workforceSize', '20');
    expect((await batchEligibility(f.ctx, 'admin', f.batchId)).batchProblems).toEqual([]);
    expect(await refusal(setResultsSetting(f.ctx, 'admin', 'eligibility.workforceSize', '0'))).toMatchObject({
      code: 'invalid',
      message: '设置 eligibility.workforceSize 的值“0”无效：企业职工总数至少为 1',
    });
    expect((await batchEligibility(f.ctx, 'admin', f.batchId)).batchProblems).toEqual([]);
  });
});
