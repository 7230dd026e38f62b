import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { variant } from '@kaowu/assembler';
import { parseBlueprint, type Paper } from '@kaowu/domain';
import type { EnteredValue } from '@kaowu/grading';
import type { ServiceContext } from '../shared/context.ts';
import { startAttempt } from '../exam/attempt-start.ts';
import { authenticateCandidate, saveAnswer } from '../exam/attempts.ts';
import { attachPapers, createBatch } from '../exam/batches.ts';
import { candidateLogin } from '../exam/candidate-login.ts';
import { syntheticPerson } from '../exam/people.ts';
import { closeRoom, markAbsent, openRoom } from '../exam/proctor.ts';
import { importRoster, rosterWorkbook } from '../exam/roster.ts';
import { createExamRuntime } from '../exam/runtime.ts';
import { submitAttempt } from '../exam/submit.ts';
import { fail } from '../shared/failures.ts';
import { getOutline } from '../bank/outlines.ts';
import { assemblePapers, loadPaper } from '../papers/papers.ts';
import { createUser } from '../accounts/users.ts';
import { recordApplications, type ApplicationInput } from './applications.ts';
import { issueCertificates } from './certificates.ts';
import { computeDecisions } from './decisions.ts';
import { loadPanels, resolveSpread } from './panels.ts';
import { setPanel, setPlan } from './setup.ts';
import { addObjection, finaliseResults, publishResults, resolveObjection } from './publicity.ts';
import { enterScore, importScores } from './score-entry.ts';
import { scoreWorkbook } from './score-sheet.ts';
import { type Clicked, inShownOrder, simulatedResponse } from './simulated-answers.ts';
import { getResultsSettings, setResultsSetting, type ResultsSettingKey } from './settings.ts';

export const RESULTS_DEMO_PLAN_NUMBER = 'DEMO-2026-001';
const BLUEPRINT = resolve(import.meta.dirname, '../../../../question-banks/6-31-01-03-电工/5/blueprint.yaml');
const CANDIDATES = 30;
const ASSESSORS = ['assessor_chen', 'assessor_liu', 'assessor_zhou'] as const;
/** Two internal supervisors (内部督导员, no system role): Nanxun asks for at least two per occupation. */
const SUPERVISORS = ['supervisor_qian', 'supervisor_he'] as const;
/** The second data-entry clerk (双人复核): created by the demo, without a password. */
const CLERK = { username: 'clerk_wu', displayName: '吴文静' };

/** The story's dates, China time: exam on a Tuesday, publicity across 国庆 2026 with its make-up Saturday. */
const ON = {
  setup: '2026-09-01T09:00:00+08:00',
  examStart: '2026-09-22T09:00:00+08:00',
  examEnd: '2026-09-22T10:45:00+08:00',
  entry: '2026-09-23T10:00:00+08:00',
  check: '2026-09-24T10:00:00+08:00',
  compute: '2026-09-25T15:00:00+08:00',
  publish: '2026-09-28',
  objection: '2026-09-30T10:30:00+08:00',
  resolve: '2026-10-09T16:00:00+08:00',
  finalise: '2026-10-12T09:00:00+08:00',
  issue: '2026-10-20T09:00:00+08:00',
} as const;

const SETTINGS: readonly [ResultsSettingKey, string][] = [
  ['results.enterpriseName', '示范电力设备有限公司'],
  ['results.contactName', '周敏'],
  ['results.contactPhone', '0572-3012345'],
  ['certificate.bodyType', 'Y'],
  ['certificate.bodyCode', '0000'],
  ['certificate.provinceCode', '33'],
  ['certificate.siteCode', '330001'],
];

/** A deterministic 0–99 for candidate i and item n (no randomness in business code, demo included). */
const dice = (i: number, n: number): number => (i * 37 + n * 11 + ((i * n) % 7) * 13) % 100;

/** What candidate i clicks on the paper: right with a probability rising with i, in their own option order. */
function responses(paper: Paper, candidateId: string, i: number): { item: string; response: Clicked }[] {
  const { mapping } = variant(paper, candidateId);
  const skill = 56 + ((i * 7) % 40);
  let n = 0;
  return paper.sections.flatMap((s) =>
    s.items.map((item) => {
      n++;
      const canonical = simulatedResponse(item.content, dice(i, n) < skill);
      const response = inShownOrder(mapping, item.code, canonical);
      return { item: item.code, response };
    }),
  );
}

/** The three assessors' practical scores for candidate i: close together, one wide spread for the panel leader. */
function practicalScores(i: number): Record<string, EnteredValue> {
  if (i === 7) return { assessor_chen: 58, assessor_liu: 75, assessor_zhou: 80 };
  const base = 56 + ((i * 13) % 40);
  return {
    assessor_chen: base,
    assessor_liu: Math.min(100, base + (i % 4)),
    assessor_zhou: Math.max(0, base - (i % 3)) + 0.5,
  };
}

function application(i: number, ticket: string): ApplicationInput {
  return {
    ticket,
    employment: i % 10 === 4 ? 'dispatched' : 'employee',
    enterpriseSince: `${2010 + (i % 12)}-03-01`,
    // One candidate's pension record is short: ineligible, with the reason in the decision.
    pensionMonths: i === 12 ? 8 : 24 + i * 5,
    evidence: i % 10 === 4 ? [{ kind: 'dispatch', ref: `劳务派遣协议-${ticket}` }] : [],
  };
}

export interface ResultsDemo {
  readonly batchId: string;
  readonly planNumber: string;
  readonly candidates: number;
  readonly passed: number;
  readonly certificates: number;
}

/**
 * A completed batch for the demo (认定计划号 DEMO-2026-001, 电工 五级): a sealed paper from the demo bank, 30
 * candidates who sat it (two absent), practical scores by a three-assessor panel entered twice, decisions,
 * a publicity across 国庆 that closed with its one objection dismissed, and certificates issued — so every
 * form can be exported at once. Every step goes through the use cases at its own date in the story, so
 * the audit trail tells it. Needs the demo bank and people (admin, assessor_chen/liu/zhou, proctor_sun,
 * supervisor_qian/he).
 */
export async function loadResultsDemo(ctx: ServiceContext): Promise<ResultsDemo> {
  const exists = await ctx.db
    .selectFrom('batches')
    .select('id')
    .where('plan_number', '=', RESULTS_DEMO_PLAN_NUMBER)
    .executeTakeFirst();
  if (exists) throw fail.conflict(`演示批次 ${RESULTS_DEMO_PLAN_NUMBER} 已存在`, 'results demo already loaded');
  for (const u of ['admin', 'proctor_sun', ...ASSESSORS, ...SUPERVISORS]) {
    const found = await ctx.db.selectFrom('users').select('username').where('username', '=', u).executeTakeFirst();
    if (!found) throw fail.invalid(`演示成绩需要先载入演示账号（缺少 ${u}）`, `demo user ${u} missing`);
  }
  let clock = Date.parse(ON.setup);
  const at = (iso: string): ServiceContext => {
    clock = Date.parse(iso);
    return { ...ctx, now: () => new Date(clock) };
  };
  const setup = at(ON.setup);
  const current = await getResultsSettings(ctx);
  for (const [key, value] of SETTINGS) {
    const unset = key.startsWith('certificate.')
      ? current.certificateBody === undefined
      : key === 'results.enterpriseName'
        ? current.enterpriseName === '本企业'
        : current.contact === undefined;
    if (unset) await setResultsSetting(setup, 'admin', key, value);
  }
  if (!(await ctx.db.selectFrom('users').select('username').where('username', '=', CLERK.username).executeTakeFirst()))
    await createUser(setup, 'admin', { ...CLERK, roles: ['administrator'] });

  // Plan, paper, batch and roster.
  const bank = { occupationCode: '6-31-01-03', level: 5 as const };
  // The batch is in the past: its paper came before every batch now in the database, so exposure control
  // (which would exclude the newest batch's items, e.g. the demo exam's) does not apply to it.
  const parsed = parseBlueprint(readFileSync(BLUEPRINT, 'utf8'), (await getOutline(ctx, bank)).outline);
  if (!parsed.ok)
    throw fail.invalid(`演示组卷方案有误：${parsed.error.map((p) => p.zh).join('；')}`, 'demo blueprint invalid');
  const blueprint = { ...parsed.value, exposure: { excludeRecentBatches: 0 } };
  const { papers } = await assemblePapers(setup, 'admin', bank, {
    blueprint,
    seed: RESULTS_DEMO_PLAN_NUMBER,
    forms: 1,
  });
  const { id: batchId } = await createBatch(setup, 'admin', {
    planNumber: RESULTS_DEMO_PLAN_NUMBER,
    name: '2026 年第三批 电工（五级/初级工）职业技能等级认定',
    occupationCode: bank.occupationCode,
    level: bank.level,
    windows: [{ startsAt: ON.examStart, endsAt: ON.examEnd }],
    rooms: [{ code: '01', name: '第一考场（机房 A）', seats: CANDIDATES, columns: 6 }],
    staff: [
      { username: 'proctor_sun', duty: 'proctor', room: '01' },
      ...ASSESSORS.map((username) => ({ username, duty: 'assessor' as const })),
      ...SUPERVISORS.map((username) => ({ username, duty: 'supervisor' as const })),
    ],
  });
  await attachPapers(
    setup,
    'admin',
    batchId,
    papers.map((p) => p.id),
  );
  const rows = Array.from({ length: CANDIDATES }, (_, i) => {
    const p = syntheticPerson(200 + i);
    return [p.name, p.idNumber, p.education, p.unit, p.years, null, '01', i + 1];
  });
  await importRoster(setup, 'admin', batchId, await rosterWorkbook(rows));
  const { plan } = await setPlan(setup, 'admin', batchId, {
    method: 'assessment',
    components: [
      { code: 'theory', name: '理论知识', kind: 'theory', weight: 30 },
      { code: 'skill', name: '操作技能', kind: 'practical', weight: 70 },
    ],
    panel: { assessorsPerCandidate: 3, aggregation: 'mean', spreadThreshold: 15 },
  });
  await setPanel(setup, 'admin', batchId, 'skill', { leader: 'assessor_chen', members: [...ASSESSORS] });
  const people = await ctx.db
    .selectFrom('candidates')
    .select(['id', 'ticket', 'id_number', 'name', 'room_id'])
    .where('batch_id', '=', batchId)
    .orderBy('seat')
    .execute();
  await recordApplications(
    setup,
    'admin',
    batchId,
    people.map((p, i) => application(i, p.ticket)),
  );

  // Exam day: the room opens, two candidates are absent, everyone else sits the paper and submits.
  const rt = await createExamRuntime(at(ON.examStart));
  await openRoom(rt, 'proctor_sun', people[0]!.room_id);
  const absent = new Set([5, 21]);
  const { paper } = await loadPaper(ctx, papers[0]!.id);
  for (const [i, p] of people.entries()) {
    clock = Date.parse(ON.examStart) + (5 + (i % 10)) * 60_000;
    if (absent.has(i)) {
      await markAbsent(rt, 'proctor_sun', p.id, true);
      continue;
    }
    const login = await candidateLogin(rt, {
      ticket: p.ticket,
      idNumber: p.id_number,
      deviceId: `demo-pc-${String(i + 1).padStart(2, '0')}`,
    });
    const auth = await authenticateCandidate(rt, login.token);
    await startAttempt(rt, auth, login.attemptId);
    clock += 60 * 60_000;
    await Promise.all(
      responses(paper, p.id, i).map((r, n) =>
        saveAnswer(rt, auth, login.attemptId, { item: r.item, response: r.response, seq: n + 1 }),
      ),
    );
    await submitAttempt(rt, login.attemptId, `candidate:${p.ticket}`, 'candidate');
  }
  await rt.commit.drain();
  // The proctor ends the exam: a completed batch's room reads as closed.
  clock = Date.parse(ON.examEnd);
  await closeRoom(rt, 'proctor_sun', people[0]!.room_id);

  // Practical scores: the signed sheets typed in by two people; the second made one typo and re-entered it.
  const component = plan.components.find((c) => c.code === 'skill')!;
  const panel = (await loadPanels(ctx.db, batchId)).skill!;
  const sheetRows = people.map((p, i) => ({
    ticket: p.ticket,
    name: p.name,
    scores: absent.has(i) ? Object.fromEntries(ASSESSORS.map((a) => [a, 'absent' as const])) : practicalScores(i),
  }));
  await importScores(at(ON.entry), 'admin', batchId, await scoreWorkbook([{ component, panel, rows: sheetRows }]));
  const typo = sheetRows.map((r, i) => (i === 3 ? { ...r, scores: { ...r.scores, assessor_liu: 17 } } : r));
  await importScores(at(ON.check), CLERK.username, batchId, await scoreWorkbook([{ component, panel, rows: typo }]));
  await enterScore(at(ON.check), CLERK.username, batchId, {
    ticket: people[3]!.ticket,
    component: 'skill',
    assessor: 'assessor_liu',
    value: practicalScores(3).assessor_liu!,
  });
  await resolveSpread(at(ON.check), 'assessor_chen', batchId, {
    ticket: people[7]!.ticket,
    component: 'skill',
    reason: '复核评分表与操作录像：接线工艺扣分标准理解不一，经合议取三人平均分',
  });

  // Decisions, publicity across 国庆, an objection dismissed, final results, certificates.
  const summary = await computeDecisions(at(ON.compute), 'admin', batchId);
  if (summary.pending > 0)
    throw fail.conflict(
      `演示数据有待定结果：${summary.pendingReasons.map((r) => `${r.ticket} ${r.reasons.join('；')}`).join(' / ')}`,
      'demo decisions pending',
    );
  await publishResults(at(`${ON.publish}T09:00:00+08:00`), 'admin', batchId, { publishedOn: ON.publish });
  const { id: objection } = await addObjection(at(ON.objection), 'admin', batchId, {
    ticket: people[10]!.ticket,
    text: '考生本人对操作技能成绩有疑问，申请复核',
  });
  await resolveObjection(at(ON.resolve), 'admin', batchId, objection, {
    outcome: 'dismissed',
    note: '经评价委员会调阅评分表与录像复核，三名考评员评分无误，维持原成绩',
  });
  await finaliseResults(at(ON.finalise), 'admin', batchId);
  const { issued } = await issueCertificates(at(ON.issue), 'admin', batchId, { issuedOn: ON.issue.slice(0, 10) });
  return {
    batchId,
    planNumber: RESULTS_DEMO_PLAN_NUMBER,
    candidates: people.length,
    passed: summary.pass,
    certificates: issued.length,
  };
}
