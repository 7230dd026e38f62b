/**
 * Test fixtures for results: a batch on a small synthetic paper, staff, a plan,
 * and the exam sat through the exam server.
 */
import { variant } from '@kaowu/assembler';
import type { AssessmentPlanInput } from '@kaowu/domain';
import type { EnteredValue } from '@kaowu/grading';
import { ASSESSMENT_PARTS, MODULAR_PARTS } from '@kaowu/grading/testing';
import { openDatabase } from '@kaowu/db';
import { testDbTarget } from '@kaowu/db/test-target';
import { createContext, type ServiceContext } from '../shared/context.ts';
import { startAttempt } from '../exam/attempt-start.ts';
import { authenticateCandidate, saveAnswer } from '../exam/attempts.ts';
import { candidateLogin } from '../exam/candidate-login.ts';
import { markAbsent } from '../exam/proctor.ts';
import { createExamRuntime } from '../exam/runtime.ts';
import { submitAttempt } from '../exam/submit.ts';
import { seedExam } from './exam.ts';
import { loadPaper } from '../papers/papers.ts';
import { createUser, registerAssessor } from '../accounts/users.ts';
import { recordApplications, type ApplicationInput } from '../results/applications.ts';
import { findBatch, requirePlan } from '../results/batch.ts';
import { loadPanels } from '../results/panels.ts';
import { setPanel, setPlan } from '../results/setup.ts';
import { importScores } from '../results/score-entry.ts';
import { scoreWorkbook } from '../results/score-sheet.ts';
import { setResultsSetting } from '../results/settings.ts';
import { inShownOrder } from '../results/simulated-answers.ts';

export const ASSESSORS = ['chen', 'liu', 'zhou', 'wu', 'ma'] as const;

/** The synthetic roster starts with women born in 1975: the enterprise's retirement ages (not the 50 default) apply. */
export const WORKING_AGES = { retirementAge: { male: 60, female: 55 } };

/** 模块化考核: theory 20, the required skill module 40, two of three enterprise electives at 20 each. */
export const MODULAR_PLAN: Partial<AssessmentPlanInput> = { ...MODULAR_PARTS, eligibility: WORKING_AGES };

/** 考核认定 of 电工 五级: theory 30 % + practical 70 %, a three-assessor panel. */
export const ASSESSMENT_PLAN: Partial<AssessmentPlanInput> = { ...ASSESSMENT_PARTS, eligibility: WORKING_AGES };

export interface ResultsFixture {
  readonly ctx: ServiceContext;
  readonly batchId: string;
  readonly planNumber: string;
  readonly paperId: string;
  readonly candidates: readonly { id: string; ticket: string; idNumber: string; name: string }[];
  /** Sets the clock (ISO instant). */
  setNow(iso: string): void;
}

export interface FixtureOptions {
  readonly candidates?: number;
  readonly plan?: Partial<AssessmentPlanInput> | undefined;
  readonly planNumber?: string;
  /** Reuse a database (several batches in one). */
  readonly ctx?: ServiceContext | undefined;
  /** A database file to create it in (default in memory), e.g. for a server test to open afterwards. */
  readonly path?: string | undefined;
  /** The clock at creation, 30 minutes into the exam window (default 2026-09-22T09:30+08:00). */
  readonly start?: string;
}

/**
 * A batch whose exam window runs from 30 minutes before to 90 after the start (default 2026-09-22 09:30),
 * a synthetic 12-item paper (Q001–Q004 判断, Q005–Q008 单选, Q009–Q012 多选, 1 point each),
 * staff (admin and clerk administrators, assessors chen liu zhou wu ma registered for 电工), the plan,
 * and the skill panel chen (leader), liu, zhou.
 */
export async function createResultsFixture(options: FixtureOptions = {}): Promise<ResultsFixture> {
  let clock = Date.parse(options.start ?? '2026-09-22T09:30:00+08:00');
  let ids = 0;
  const ctx =
    options.ctx ??
    createContext(await openDatabase(options.path ?? testDbTarget(':memory:')), {
      now: () => new Date(clock),
      newId: () => `id-${String(++ids).padStart(6, '0')}`,
    });
  const setNow = options.ctx ? () => {} : (iso: string): void => void (clock = Date.parse(iso));
  const fresh = !(await ctx.db
    .selectFrom('users')
    .select('username')
    .where('username', '=', 'clerk')
    .executeTakeFirst());
  const planNumber = options.planNumber ?? 'RD2026-001';
  const exam = await seedExam(ctx, {
    // A room holds at most 500 seats: larger batches (the certificate bench) fill several.
    rooms: Array.from({ length: Math.ceil((options.candidates ?? 6) / 500) }, (_, i) =>
      Math.min(500, (options.candidates ?? 6) - i * 500),
    ),
    forms: 1,
    window: { from: -30, to: 90 },
    planNumber,
  });
  if (fresh) {
    await createUser(ctx, 'admin', { username: 'clerk', displayName: '吴文静', roles: ['administrator'] });
    for (const [i, a] of ASSESSORS.entries())
      await createUser(ctx, 'admin', {
        username: a,
        displayName: ['陈立新', '刘卫东', '周海峰', '吴思远', '马可'][i]!,
        roles: ['assessor'],
      });
    for (const a of ASSESSORS) await registerAssessor(ctx, 'admin', a, '6-31-01-03');
    for (const [k, v] of [
      ['certificate.bodyType', 'Y'],
      ['certificate.bodyCode', '0000'],
      ['certificate.provinceCode', '33'],
      ['certificate.siteCode', '330001'],
      ['results.enterpriseName', '测试电气有限公司'],
    ] as const)
      await setResultsSetting(ctx, 'admin', k, v);
  }
  await setPlan(ctx, 'admin', exam.batchId, options.plan ?? ASSESSMENT_PLAN);
  if ((options.plan ?? ASSESSMENT_PLAN).components?.some((c) => c.code === 'skill'))
    await setPanel(ctx, 'admin', exam.batchId, 'skill', { leader: 'chen', members: ['chen', 'liu', 'zhou'] });
  return {
    ctx,
    batchId: exam.batchId,
    planNumber,
    paperId: exam.paperIds[0]!,
    candidates: exam.candidates.map((c) => ({ id: c.id, ticket: c.ticket, idNumber: c.idNumber, name: c.name })),
    setNow,
  };
}

/** Application facts that meet every general condition (employee since 2015, 120 months of pension). */
export const eligibleApplication = (ticket: string, overrides: Partial<ApplicationInput> = {}): ApplicationInput => ({
  ticket,
  employment: 'employee',
  enterpriseSince: '2015-03-01',
  pensionMonths: 120,
  ...overrides,
});

/** Dispatched worker for 6 months with 6 months of pension, as of the fixture's 2026 exam: short on both counts. */
export const SHORT_SERVICE = {
  employment: 'dispatched',
  enterpriseSince: '2026-03-01',
  pensionMonths: 6,
} as const satisfies Partial<ApplicationInput>;

export const SHORT_SERVICE_REASONS = [
  '养老保险缴费 6 个月，不足 12 个月',
  '劳务派遣人员在本企业工作 6 个月，不足 1 年',
];

/** What recording candidate 0 as eligible and candidate 1 with SHORT_SERVICE answers. */
export const secondShortOfService = (f: ResultsFixture) => ({
  recorded: 2,
  ineligible: [{ ticket: f.candidates[1]!.ticket, name: f.candidates[1]!.name, reasons: SHORT_SERVICE_REASONS }],
});

export async function recordEligible(
  f: ResultsFixture,
  overrides: (i: number) => Partial<ApplicationInput> = () => ({}),
): Promise<void> {
  await recordApplications(
    f.ctx,
    'admin',
    f.batchId,
    f.candidates.map((c, i) => eligibleApplication(c.ticket, overrides(i))),
  );
}

/**
 * A canonical response (paper option order) per item code; items left out stay blank. 'absent': never came;
 * 'left': logged in and left before 开始答题, then marked absent by the proctor.
 */
export type Sitting = Readonly<Record<string, boolean | number | number[]>> | 'absent' | 'left';

/**
 * Sits the exam through the exam server: each candidate logs in, answers on their own variant (the canonical
 * responses mapped to the options as they saw them) and submits; 'absent' is marked by the proctor.
 */
export async function sitExam(f: ResultsFixture, sittings: readonly Sitting[]): Promise<void> {
  const rt = await createExamRuntime(f.ctx);
  const { paper } = await loadPaper(f.ctx, f.paperId);
  for (const [i, c] of f.candidates.entries()) {
    const sitting = sittings[i];
    if (sitting === undefined) continue;
    const login =
      sitting === 'absent'
        ? undefined
        : await candidateLogin(rt, {
            ticket: c.ticket,
            idNumber: c.idNumber,
            deviceId: `device-${String(i).padStart(4, '0')}`,
          });
    if (login === undefined || sitting === 'absent' || sitting === 'left') {
      await markAbsent(rt, 'proctor_a', c.id, true);
      continue;
    }
    const auth = await authenticateCandidate(rt, login.token);
    await startAttempt(rt, auth, login.attemptId);
    const { mapping } = variant(paper, c.id);
    await Promise.all(
      Object.entries(sitting).map(([item, r], n) =>
        saveAnswer(rt, auth, login.attemptId, {
          item,
          seq: n + 1,
          response: inShownOrder(mapping, item, r),
        }),
      ),
    );
    await submitAttempt(rt, login.attemptId, `candidate:${c.ticket}`, 'candidate');
  }
  await rt.commit.drain();
}

/** The synthetic paper's keys: Q001–Q004 alternate false/true, Q005–Q008 option n % 4, Q009–Q012 [0, 2]. */
export function allRight(): Record<string, boolean | number | number[]> {
  const out: Record<string, boolean | number | number[]> = {};
  for (let n = 1; n <= 12; n++) {
    const code = `Q${String(n).padStart(3, '0')}`;
    out[code] = n <= 4 ? n % 2 === 0 : n <= 8 ? n % 4 : [0, 2];
  }
  return out;
}

/** A batch whose candidates have applications and sat the theory paper, all right. */
export async function satAllRight(options: FixtureOptions = {}): Promise<ResultsFixture> {
  const f = await createResultsFixture(options);
  await recordEligible(f);
  await sitExam(
    f,
    f.candidates.map(() => allRight()),
  );
  return f;
}

/** A sitting with the first `right` items answered correctly and the others wrong. */
export function sittingWith(right: number): Record<string, boolean | number | number[]> {
  const keys = allRight();
  return Object.fromEntries(
    Object.entries(keys).map(([code, key], i) => [
      code,
      i < right ? key : typeof key === 'boolean' ? !key : typeof key === 'number' ? (key + 1) % 4 : [1],
    ]),
  );
}

/** A score workbook for the skill panel: ticket → assessor → value (undefined cells blank). */
export async function skillSheet(
  f: ResultsFixture,
  scores: Readonly<Record<string, Readonly<Record<string, EnteredValue>>>>,
  componentCode = 'skill',
): Promise<Uint8Array> {
  const { plan } = await requirePlan(f.ctx.db, await findBatch(f.ctx.db, f.batchId));
  const panel = (await loadPanels(f.ctx.db, f.batchId))[componentCode]!;
  const component = plan.components.find((c) => c.code === componentCode)!;
  return scoreWorkbook([
    {
      component,
      panel,
      rows: f.candidates
        .filter((c) => scores[c.ticket])
        .map((c) => ({ ticket: c.ticket, name: c.name, scores: scores[c.ticket] })),
    },
  ]);
}

/**
 * A skill score workbook entered once by each of `by`: by default the administrator and the clerk, whose matching
 * entries make the scores final (双人复核).
 */
export async function enterScores(
  f: ResultsFixture,
  scores: Readonly<Record<string, Readonly<Record<string, EnteredValue>>>>,
  by: readonly string[] = ['admin', 'clerk'],
): Promise<void> {
  const sheet = await skillSheet(f, scores);
  for (const who of by) await importScores(f.ctx, who, f.batchId, sheet);
}

/** Three assessors' equal scores for every candidate. */
export const evenScores = (
  f: ResultsFixture,
  score: (i: number) => EnteredValue,
  assessors: readonly string[] = ['chen', 'liu', 'zhou'],
): Record<string, Record<string, EnteredValue>> =>
  Object.fromEntries(f.candidates.map((c, i) => [c.ticket, Object.fromEntries(assessors.map((a) => [a, score(i)]))]));
