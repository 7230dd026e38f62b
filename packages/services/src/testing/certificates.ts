import {
  computeDecisions,
  finaliseResults,
  importScores,
  issueCertificates,
  publishResults,
  setPanel,
} from '../index.ts';
import {
  createResultsFixture,
  evenScores,
  recordEligible,
  type ResultsFixture,
  skillSheet,
  WORKING_AGES,
} from './results.ts';

/** 业绩评审 with one review component: no theory paper, so a batch is decided quickly. */
const REVIEW_PLAN = {
  method: 'performance_review',
  components: [{ code: 'review', name: '综合评审', kind: 'review', weight: 100 }],
  eligibility: WORKING_AGES,
} as const;

/**
 * A batch of `size` candidates with final results, every fourth failing, and — unless `issue` is false —
 * certificates issued on 2026-10-20 to those who passed (电工, 五级, 测试电气有限公司).
 */
export async function issuedBatchFixture(
  size: number,
  options: { issue?: boolean; path?: string } = {},
): Promise<ResultsFixture> {
  const f = await createResultsFixture({ candidates: size, plan: REVIEW_PLAN as never, path: options.path });
  await setPanel(f.ctx, 'admin', f.batchId, 'review', { leader: 'chen', members: ['chen', 'liu', 'zhou'] });
  await recordEligible(f);
  const scores = evenScores(f, (i) => (i % 4 === 3 ? 50 : 80));
  for (const who of ['admin', 'clerk'])
    await importScores(f.ctx, who, f.batchId, await skillSheet(f, scores, 'review'));
  f.setNow('2026-09-25T15:00:00+08:00');
  await computeDecisions(f.ctx, 'admin', f.batchId);
  await publishResults(f.ctx, 'admin', f.batchId, { publishedOn: '2026-09-28' });
  f.setNow('2026-10-12T09:00:00+08:00');
  await finaliseResults(f.ctx, 'admin', f.planNumber);
  f.setNow('2026-10-20T09:00:00+08:00');
  if (options.issue !== false) await issueCertificates(f.ctx, 'admin', f.planNumber, { issuedOn: '2026-10-20' });
  return f;
}
