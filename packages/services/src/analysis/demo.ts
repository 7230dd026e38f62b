import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { variant } from '@kaowu/assembler';
import { normal } from '@kaowu/analysis';
import { BAND_LOGITS, parseBlueprint, type Paper } from '@kaowu/domain';
import seedrandom from 'seedrandom';
import type { ServiceContext } from '../shared/context.ts';
import { startAttempt } from '../exam/attempt-start.ts';
import { authenticateCandidate, saveAnswer } from '../exam/attempts.ts';
import { attachPapers, createBatch } from '../exam/batches.ts';
import { candidateLogin } from '../exam/candidate-login.ts';
import { syntheticPerson } from '../exam/people.ts';
import { openRoom } from '../exam/proctor.ts';
import { importRoster, rosterWorkbook } from '../exam/roster.ts';
import { createExamRuntime } from '../exam/runtime.ts';
import { submitAttempt } from '../exam/submit.ts';
import { getOutline } from '../bank/outlines.ts';
import { assemblePapers, loadPaper } from '../papers/papers.ts';
import { computeDecisions } from '../results/decisions.ts';
import { setPlan } from '../results/setup.ts';
import { type Clicked, inShownOrder } from '../results/simulated-answers.ts';
import { computeBatchStats } from './batch-stats.ts';
import { calibrateBank } from './calibration.ts';

/** The earlier batch whose simulated answers give the demo's statistics something to find. */
export const STATS_DEMO_PLAN_NUMBER = 'DEMO-2026-S01';
const BLUEPRINT = resolve(import.meta.dirname, '../../../../question-banks/6-31-01-03-电工/5/blueprint.yaml');
const CANDIDATES = 60;
const ON = {
  setup: '2026-05-06T09:00:00+08:00',
  examStart: '2026-05-19T09:00:00+08:00',
  examEnd: '2026-05-19T10:45:00+08:00',
  compute: '2026-05-21T15:00:00+08:00',
} as const;

export interface StatsDemo {
  readonly planNumber: string;
  readonly candidates: number;
  /** the planted faults: an item whose strong candidates prefer a distractor, and an option nobody picks */
  readonly suspectKey: { readonly item: string; readonly option: number };
  readonly deadDistractor: { readonly item: string; readonly option: number };
  readonly flagged: number;
}

/**
 * What a simulated candidate of ability θ picks, canonically: right with the Rasch probability for the item's
 * difficulty (its certified band on the logit scale, BAND_LOGITS, with a little spread), else a distractor at
 * random — except for the two planted faults.
 */
function simulatedPick(
  paper: Paper,
  difficulty: ReadonlyMap<string, number>,
  theta: number,
  rng: () => number,
  planted: { suspect: string; dead: string },
): Map<string, Clicked> {
  const picks = new Map<string, Clicked>();
  for (const item of paper.sections.flatMap((s) => s.items)) {
    const c = item.content;
    const b = difficulty.get(item.code)!;
    const right = rng() < 1 / (1 + Math.exp(b - theta));
    if (c.type === 'true_false') picks.set(item.code, right ? c.key : !c.key);
    else if (c.type === 'multiple') {
      // a wrong answer: each option taken or left at random, until it differs from the key
      let pick = c.key;
      while (pick.length === c.key.length && pick.every((o, n) => o === c.key[n]))
        pick = c.options.map((_, o) => o).filter(() => rng() < 0.5);
      picks.set(item.code, right ? c.key : pick);
    } else if (item.code === planted.suspect && theta > 0.8 && rng() < 0.8)
      picks.set(item.code, (c.key + 1) % c.options.length);
    else if (right) picks.set(item.code, c.key);
    else {
      const dead = item.code === planted.dead ? (c.key + 2) % c.options.length : -1;
      const distractors = c.options.map((_, o) => o).filter((o) => o !== c.key && o !== dead);
      picks.set(item.code, distractors[Math.floor(rng() * distractors.length)]!);
    }
  }
  return picks;
}

/**
 * An earlier batch of the demo bank (DEMO-2026-S01, May 2026): 60 candidates whose answers are simulated
 * from a Rasch model (seeded), two planted faults, theory scored; then the item analysis of it and of the
 * completed demo batch, and the bank calibrated across both. Runs after loadResultsDemo, in `kaowu demo`.
 */
export async function loadStatsDemo(ctx: ServiceContext): Promise<StatsDemo> {
  let clock = Date.parse(ON.setup);
  const at = (iso: string): ServiceContext => {
    clock = Date.parse(iso);
    return { ...ctx, now: () => new Date(clock) };
  };
  const setup = at(ON.setup);
  const bank = { occupationCode: '6-31-01-03', level: 5 as const };
  const parsed = parseBlueprint(readFileSync(BLUEPRINT, 'utf8'), (await getOutline(ctx, bank)).outline);
  if (!parsed.ok) throw new Error(parsed.error.map((p) => p.zh).join('；'));
  const { papers } = await assemblePapers(setup, 'admin', bank, {
    blueprint: { ...parsed.value, exposure: { excludeRecentBatches: 0 } },
    seed: STATS_DEMO_PLAN_NUMBER,
    forms: 1,
  });
  const { id: batchId } = await createBatch(setup, 'admin', {
    planNumber: STATS_DEMO_PLAN_NUMBER,
    name: '2026 年第一批 电工（五级/初级工）职业技能等级认定（理论）',
    occupationCode: bank.occupationCode,
    level: bank.level,
    windows: [{ startsAt: ON.examStart, endsAt: ON.examEnd }],
    rooms: [{ code: '01', name: '第一考场（机房 A）', seats: CANDIDATES, columns: 6 }],
    // Nanxun asks for at least two internal supervisors per occupation before a room opens.
    staff: [
      { username: 'proctor_sun', duty: 'proctor', room: '01' },
      { username: 'supervisor_qian', duty: 'supervisor' },
      { username: 'supervisor_he', duty: 'supervisor' },
    ],
  });
  await attachPapers(
    setup,
    'admin',
    batchId,
    papers.map((p) => p.id),
  );
  await importRoster(
    setup,
    'admin',
    batchId,
    await rosterWorkbook(
      Array.from({ length: CANDIDATES }, (_, i) => {
        const p = syntheticPerson(400 + i);
        return [p.name, p.idNumber, p.education, p.unit, p.years, null, '01', i + 1];
      }),
    ),
  );
  await setPlan(setup, 'admin', batchId, {
    method: 'assessment',
    components: [
      { code: 'theory', name: '理论知识', kind: 'theory', weight: 30 },
      { code: 'skill', name: '操作技能', kind: 'practical', weight: 70 },
    ],
    panel: { assessorsPerCandidate: 3, aggregation: 'mean', spreadThreshold: 15 },
  });
  const { paper } = await loadPaper(ctx, papers[0]!.id);
  const singles = paper.sections.find((s) => s.type === 'single')!.items;
  // planted on two 中等 items, where a healthy item has every option in use
  const middling = singles.filter((i) => i.content.difficulty === 3);
  const planted = { suspect: middling[0]!.code, dead: middling[1]!.code };
  const people = await ctx.db
    .selectFrom('candidates')
    .select(['id', 'ticket', 'id_number', 'room_id'])
    .where('batch_id', '=', batchId)
    .orderBy('seat')
    .execute();
  const rt = await createExamRuntime(at(ON.examStart));
  await openRoom(rt, 'proctor_sun', people[0]!.room_id);
  const rng = seedrandom(STATS_DEMO_PLAN_NUMBER);
  const difficulty = new Map(
    paper.sections
      .flatMap((s) => s.items)
      .map((i) => [i.code, BAND_LOGITS[i.content.difficulty] * 0.9 + 0.3 * normal(rng)]),
  );
  for (const [i, p] of people.entries()) {
    clock = Date.parse(ON.examStart) + (5 + (i % 10)) * 60_000;
    const theta = 0.7 + normal(rng);
    const picks = simulatedPick(paper, difficulty, theta, rng, planted);
    const login = await candidateLogin(rt, {
      ticket: p.ticket,
      idNumber: p.id_number,
      deviceId: `stats-pc-${String(i + 1).padStart(2, '0')}`,
    });
    const auth = await authenticateCandidate(rt, login.token);
    await startAttempt(rt, auth, login.attemptId);
    clock += 60 * 60_000;
    const { mapping } = variant(paper, p.id);
    await Promise.all(
      [...picks].map(([item, canonical], n) =>
        saveAnswer(rt, auth, login.attemptId, { item, response: inShownOrder(mapping, item, canonical), seq: n + 1 }),
      ),
    );
    await submitAttempt(rt, login.attemptId, `candidate:${p.ticket}`, 'candidate');
  }
  await rt.commit.drain();
  const later = at(ON.compute);
  await computeDecisions(later, 'admin', batchId);
  const report = await computeBatchStats(later, 'admin', batchId);
  await computeBatchStats(later, 'admin', 'DEMO-2026-001');
  await calibrateBank(later, 'admin', bank);
  const option = (code: string, shift: number) => {
    const c = singles.find((i) => i.code === code)!.content;
    return c.type === 'single' ? (c.key + shift) % c.options.length : 0;
  };
  return {
    planNumber: STATS_DEMO_PLAN_NUMBER,
    candidates: CANDIDATES,
    suspectKey: { item: planted.suspect, option: option(planted.suspect, 1) },
    deadDistractor: { item: planted.dead, option: option(planted.dead, 2) },
    flagged: report.forms[0]!.items.filter((i) => i.flags.length > 0).length,
  };
}
