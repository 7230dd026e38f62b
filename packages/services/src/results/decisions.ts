import { type Database, fromJson, toJson } from '@kaowu/db';
import type { Insertable } from 'kysely';
import { contentHash, type DecisionOutcome } from '@kaowu/domain';
import { checkEligibility, decide, type ComponentResult, type Decision, type EligibilityResult } from '@kaowu/grading';
import { AuditWriter, type Executor } from '../audit/writer.ts';
import type { ServiceContext } from '../shared/context.ts';
import { isoNow } from '../shared/context.ts';
import { fail } from '../shared/failures.ts';
import { batchApplications, batchElectives, candidateOf, NO_APPLICATION } from './applications.ts';
import { batchCandidates, batchToChange, findBatch, requirePlan, type BatchPlan, type ResultsBatch } from './batch.ts';
import { panelResults } from './panel-results.ts';
import { theoryRun, type TheoryChange } from './theory.ts';
import { authorize } from '../shared/authorize.ts';
import { chunksOf, insertChunked } from '../shared/chunks.ts';

export interface DecisionChange {
  readonly ticket: string;
  readonly name: string;
  readonly before: { outcome: DecisionOutcome; composite: number | null } | null;
  readonly after: { outcome: DecisionOutcome; composite: number | null };
}

export interface ComputeSummary {
  readonly candidates: number;
  readonly pass: number;
  readonly fail: number;
  readonly pending: number;
  /** Candidates whose outcome or composite differs from the last computation. */
  readonly changed: readonly DecisionChange[];
  readonly pendingReasons: readonly { ticket: string; name: string; reasons: readonly string[] }[];
  readonly theory: { readonly scored: number; readonly changed: readonly TheoryChange[] };
}

/**
 * Every candidate's decision from the stored facts: theory from the attempts, panel components from the
 * reconciled double entries, eligibility from the application on the plan's deadline. Runs inside the
 * caller's transaction (key corrections recompute in the same one) and rewrites the decisions that changed.
 */
export async function computeInTransaction(
  trx: Executor,
  ctx: ServiceContext,
  writer: AuditWriter,
  by: string,
  batch: ResultsBatch,
  { plan, eligibilityAsOf }: BatchPlan,
): Promise<ComputeSummary> {
  const people = await batchCandidates(trx, batch.id);
  const [applications, electives, theory, panels] = [
    await batchApplications(trx, batch.id),
    await batchElectives(trx, batch.id),
    await theoryRun(trx, ctx, writer, by, batch, plan),
    await panelResults(trx, batch.id, plan),
  ];
  const previous = new Map(
    (
      await trx
        .selectFrom('decisions')
        .select(['candidate_id', 'outcome', 'composite', 'decision_json', 'eligibility_json'])
        .where('batch_id', '=', batch.id)
        .execute()
    ).map((d) => [d.candidate_id, d]),
  );
  const now = isoNow(ctx);
  const rewrite: Insertable<Database['decisions']>[] = [];
  const decided: Decision[] = [];
  const changed: DecisionChange[] = [];
  const pendingReasons: { ticket: string; name: string; reasons: readonly string[] }[] = [];
  const counts = { pass: 0, fail: 0, pending: 0 };
  const theoryCode = plan.components.find((c) => c.kind === 'theory')?.code;
  for (const p of people) {
    const scores: Record<string, ComponentResult | undefined> = Object.fromEntries(panels.results.get(p.id) ?? []);
    const t = theory.results.get(p.id);
    if (theoryCode !== undefined && t !== undefined) scores[theoryCode] = t;
    const application = applications.get(p.id);
    const eligibility: EligibilityResult | null = application
      ? checkEligibility(plan, candidateOf(p, application), eligibilityAsOf)
      : null;
    let decision: Decision = decide(plan, {
      candidateId: p.id,
      electives: electives.get(p.id),
      scores,
      eligibility: eligibility ?? undefined,
    });
    // Without the application the conditions cannot be checked, so nothing can be decided yet.
    if (eligibility === null)
      decision = {
        ...decision,
        outcome: 'pending',
        reasons: [NO_APPLICATION, ...(decision.outcome === 'pending' ? decision.reasons : [])],
      };
    counts[decision.outcome]++;
    decided.push(decision);
    if (decision.outcome === 'pending')
      pendingReasons.push({ ticket: p.ticket, name: p.name, reasons: decision.reasons });
    const before = previous.get(p.id);
    if (before === undefined || before.outcome !== decision.outcome || before.composite !== decision.composite)
      changed.push({
        ticket: p.ticket,
        name: p.name,
        before: before ? { outcome: before.outcome, composite: before.composite } : null,
        after: { outcome: decision.outcome, composite: decision.composite },
      });
    const row = {
      candidate_id: p.id,
      batch_id: batch.id,
      outcome: decision.outcome,
      composite: decision.composite,
      decision_json: toJson(decision),
      eligibility_json: toJson(eligibility),
      computed_by: by,
      computed_at: now,
    };
    // A decision keeps its row (and the time it took this value) while nothing about it changes.
    if (
      before === undefined ||
      before.decision_json !== row.decision_json ||
      before.eligibility_json !== row.eligibility_json
    )
      rewrite.push(row);
  }
  const present = new Set(people.map((p) => p.id));
  const gone = [...previous.keys()].filter((id) => !present.has(id));
  for (const list of [gone, rewrite.map((r) => r.candidate_id)])
    for (const chunk of chunksOf(list, 400))
      await trx.deleteFrom('decisions').where('candidate_id', 'in', chunk).execute();
  await insertChunked(trx, 'decisions', rewrite, 400);
  await writer.append({
    actor: by,
    action: 'results.compute',
    entity: 'batch',
    entityId: batch.id,
    afterHash: decisionsHash(decided),
    // First decisions are counted; changes of earlier ones are listed, each with before and after.
    detail: {
      ...counts,
      candidates: people.length,
      first: changed.filter((c) => c.before === null).length,
      changed: changed
        .filter((c) => c.before !== null)
        .map((c) => ({ ticket: c.ticket, before: c.before, after: c.after })),
    },
  });
  return {
    candidates: people.length,
    ...counts,
    changed,
    pendingReasons,
    theory: { scored: theory.scored, changed: theory.changed },
  };
}

/** What a publication stands for: each candidate's outcome and scores. */
export function decisionsHash(decisions: readonly Decision[]): string {
  return contentHash(
    [...decisions]
      .sort((a, b) => (a.candidateId < b.candidateId ? -1 : 1))
      .map((d) => [d.candidateId, d.outcome, d.composite, d.theoryScore, d.practicalScore]),
  );
}

/** Computes (or recomputes) the decisions of a batch. Refused once the results are final. */
export async function computeDecisions(ctx: ServiceContext, by: string, batchRef: string): Promise<ComputeSummary> {
  const batch = await batchToChange(ctx, by, 'results.write', batchRef);
  const plan = await requirePlan(ctx.db, batch);
  return ctx.db.transaction().execute(async (trx) => {
    const writer = new AuditWriter(trx, ctx);
    const summary = await computeInTransaction(trx, ctx, writer, by, batch, plan);
    await writer.flush();
    return summary;
  });
}

export interface StoredDecision {
  readonly candidateId: string;
  readonly decision: Decision;
  readonly eligibility: EligibilityResult | null;
  readonly computedAt: string;
}

export async function storedDecisions(db: Executor, batchId: string): Promise<StoredDecision[]> {
  const rows = await db
    .selectFrom('decisions')
    .select(['candidate_id', 'decision_json', 'eligibility_json', 'computed_at'])
    .where('batch_id', '=', batchId)
    .execute();
  return rows.map((r) => ({
    candidateId: r.candidate_id,
    decision: fromJson(r.decision_json),
    eligibility: fromJson(r.eligibility_json),
    computedAt: r.computed_at,
  }));
}

export interface DecisionLine {
  readonly ticket: string;
  readonly name: string;
  readonly decision: Decision;
  readonly eligibility: EligibilityResult | null;
}

/** The batch's decisions in 准考证号 order, each with its reasons in words. */
export async function listDecisions(ctx: ServiceContext, by: string, batchRef: string): Promise<DecisionLine[]> {
  const batch = await findBatch(ctx.db, batchRef);
  await authorize(ctx, by, 'results.read', { batchId: batch.id });
  const stored = new Map((await storedDecisions(ctx.db, batch.id)).map((d) => [d.candidateId, d]));
  if (stored.size === 0) throw fail.invalid(`批次 ${batch.planNumber} 尚未计算认定结果`, 'no decisions yet');
  return (await batchCandidates(ctx.db, batch.id)).flatMap((p) => {
    const d = stored.get(p.id);
    return d ? [{ ticket: p.ticket, name: p.name, decision: d.decision, eligibility: d.eligibility }] : [];
  });
}
