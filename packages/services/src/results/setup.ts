import {
  ASSESSMENT_METHOD_NAMES,
  ASSESSMENT_METHODS,
  assessmentPlan,
  COMPONENT_KIND_NAMES,
  COMPONENT_KINDS,
  planProblems,
  type AssessmentPlan,
} from '@kaowu/domain';
import { z } from 'zod';
import type { ServiceContext } from '../shared/context.ts';
import {
  batchCandidates,
  batchMismatch,
  type BatchPlan,
  findBatch,
  findPlan,
  type PlanOptions,
  type ResultsBatch,
  withBatchDefaults,
  writePlan,
} from './batch.ts';
import { loadPanels, loadRelations, type PanelInput, panelComponents, writePanel, writeRelation } from './panels.ts';
import { authorize } from '../shared/authorize.ts';

/**
 * The results set-up of a batch as an editor shows it (认定方案, 考评组, 回避):
 * reads, the plan checked as it is typed, and the writes `setPlan`, `setPanel` and `recordRelation`,
 * each answering the set-up as it now is.
 */

/** One problem of a plan being edited: the field's path ('components.1.weight'; '' for the plan as a whole). */
export interface PlanProblem {
  readonly field: string;
  readonly message: string;
}

const zh = z.locales.zhCN().localeError;

/**
 * Checks a plan as `setPlan` would, without saving: the domain's schema (each issue at its field, in Chinese)
 * and then its rules (weights, panel size, the method's components, the technician review).
 */
export async function checkPlan(
  ctx: ServiceContext,
  by: string,
  batchRef: string,
  input: unknown,
): Promise<PlanProblem[]> {
  await authorize(ctx, by, 'plan.write');
  const batch = await findBatch(ctx.db, batchRef);
  const parsed = assessmentPlan.safeParse(await withBatchDefaults(ctx.db, batch, input), { error: zh });
  if (!parsed.success) return parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
  const problems = planProblems(parsed.data).map((message) => ({ field: '', message }));
  const mismatch = batchMismatch(parsed.data, batch);
  return mismatch === undefined ? problems : [...problems, { field: '', message: mismatch }];
}

export interface PlanView {
  readonly batch: {
    readonly planNumber: string;
    readonly name: string;
    readonly occupationCode: string;
    readonly level: number;
  };
  readonly plan: AssessmentPlan | null;
  readonly eligibilityAsOf: string | null;
  /** The words an editor offers, from the domain. */
  readonly methods: readonly { value: string; name: string }[];
  readonly kinds: readonly { value: string; name: string }[];
}

export async function planView(ctx: ServiceContext, by: string, batchRef: string): Promise<PlanView> {
  const batch = await findBatch(ctx.db, batchRef);
  await authorize(ctx, by, 'plan.read', { batchId: batch.id });
  return planViewOf(batch, await findPlan(ctx.db, batch.id));
}

/** The plan just saved, as the editor shows it (with its hash). */
export type SavedPlan = PlanView & BatchPlan;

/**
 * Sets the batch's assessment plan (认定方案; who may: plan.write) and answers it as `planView` shows it. The plan
 * file may leave out the occupation and level: they are the batch's. Every rule of the plan is checked.
 */
export async function setPlan(
  ctx: ServiceContext,
  by: string,
  batchRef: string,
  input: unknown,
  options: PlanOptions = {},
): Promise<SavedPlan> {
  const saved = await writePlan(ctx, by, batchRef, input, options);
  return { ...planViewOf(await findBatch(ctx.db, batchRef), saved), ...saved };
}

function planViewOf(batch: ResultsBatch, current: BatchPlan | undefined): PlanView {
  return {
    batch: { planNumber: batch.planNumber, name: batch.name, occupationCode: batch.occupationCode, level: batch.level },
    plan: current?.plan ?? null,
    eligibilityAsOf: current?.eligibilityAsOf ?? null,
    methods: ASSESSMENT_METHODS.map((value) => ({ value, name: ASSESSMENT_METHOD_NAMES[value] })),
    kinds: COMPONENT_KINDS.map((value) => ({ value, name: COMPONENT_KIND_NAMES[value] })),
  };
}

interface Person {
  readonly username: string;
  readonly displayName: string;
}

export interface PanelSetup {
  /** False until the batch has a plan: panels are per component of the plan. */
  readonly planSet: boolean;
  readonly assessorsPerCandidate: number;
  readonly components: readonly {
    code: string;
    name: string;
    kind: string;
    leader: string | null;
    members: readonly Person[];
  }[];
  /** Assessors registered for the batch's occupation: the only ones a panel may have. */
  readonly assessors: readonly Person[];
  readonly candidates: readonly { ticket: string; name: string }[];
  readonly relations: readonly {
    ticket: string;
    name: string;
    assessor: string;
    assessorName: string;
    relation: string;
  }[];
}

/** Panels per panel-scored component, the assessors to choose from, and the avoidance relations (回避). */
export async function panelSetup(ctx: ServiceContext, by: string, batchRef: string): Promise<PanelSetup> {
  const batch = await findBatch(ctx.db, batchRef);
  await authorize(ctx, by, 'plan.read', { batchId: batch.id });
  return panelSetupOf(ctx, batch);
}

/**
 * Sets the assessor panel (考评组) of one component (who may: plan.write) and answers the panels as `panelSetup`
 * shows them: at least the plan's number of assessors per candidate, each registered for the batch's occupation,
 * one of them the panel leader (考评组长).
 */
export async function setPanel(
  ctx: ServiceContext,
  by: string,
  batchRef: string,
  componentCode: string,
  input: PanelInput,
): Promise<PanelSetup> {
  await writePanel(ctx, by, batchRef, componentCode, input);
  return panelSetupOf(ctx, await findBatch(ctx.db, batchRef));
}

/**
 * Records that an assessor is related to a candidate (回避; who may: plan.write): their score for that candidate
 * never counts. Answers the panels as `panelSetup` shows them.
 */
export async function recordRelation(
  ctx: ServiceContext,
  by: string,
  batchRef: string,
  input: { ticket: string; assessor: string; relation: string },
): Promise<PanelSetup> {
  await writeRelation(ctx, by, batchRef, input);
  return panelSetupOf(ctx, await findBatch(ctx.db, batchRef));
}

async function panelSetupOf(ctx: ServiceContext, batch: ResultsBatch): Promise<PanelSetup> {
  const current = await findPlan(ctx.db, batch.id);
  const panels = await loadPanels(ctx.db, batch.id);
  const assessors = await ctx.db
    .selectFrom('assessor_registrations as r')
    .innerJoin('users as u', 'u.username', 'r.username')
    .innerJoin('user_roles as ur', (j) => j.onRef('ur.username', '=', 'r.username').on('ur.role', '=', 'assessor'))
    .select(['r.username', 'u.display_name'])
    .where('r.occupation_code', '=', batch.occupationCode)
    .orderBy('r.username')
    .execute();
  const people = await batchCandidates(ctx.db, batch.id);
  const byId = new Map(people.map((p) => [p.id, p]));
  const names = new Map(assessors.map((a) => [a.username, a.display_name]));
  const relations = (await loadRelations(ctx.db, batch.id))
    .flatMap((r) => {
      const person = byId.get(r.candidateId);
      return person
        ? [
            {
              ticket: person.ticket,
              name: person.name,
              assessor: r.assessorId,
              assessorName: names.get(r.assessorId) ?? r.assessorId,
              relation: r.relation,
            },
          ]
        : [];
    })
    .sort((a, b) => a.ticket.localeCompare(b.ticket) || a.assessor.localeCompare(b.assessor));
  return {
    planSet: current !== undefined,
    assessorsPerCandidate: current?.plan.panel.assessorsPerCandidate ?? 3,
    components:
      current === undefined
        ? []
        : panelComponents(current.plan).map((c) => {
            const panel = panels[c.code];
            return {
              code: c.code,
              name: c.name,
              kind: c.kind,
              leader: panel?.leaderId || null,
              members: (panel?.members ?? []).map((m) => ({ username: m.id, displayName: m.name })),
            };
          }),
    assessors: assessors.map((a) => ({ username: a.username, displayName: a.display_name })),
    candidates: people.map((p) => ({ ticket: p.ticket, name: p.name })),
    relations,
  };
}
