import type { AssessmentPlan, PlanComponent } from '@kaowu/domain';
import type { Panel, Relation } from '@kaowu/grading';
import { audit, type Executor } from '../audit/writer.ts';
import type { ServiceContext } from '../shared/context.ts';
import { isoNow } from '../shared/context.ts';
import { fail } from '../shared/failures.ts';
import { loadActor } from '../accounts/users.ts';
import { batchToChange, candidateByTicket, findBatch, requireNotFinal, requirePlan } from './batch.ts';

/** Components scored by an assessor panel: every kind but theory (scored from the paper). */
export const panelComponents = (plan: AssessmentPlan): PlanComponent[] =>
  plan.components.filter((c) => c.kind !== 'theory');

export function panelComponent(plan: AssessmentPlan, code: string): PlanComponent {
  const c = plan.components.find((x) => x.code === code || x.name === code);
  if (c === undefined)
    throw fail.invalid(
      `认定方案中没有组成部分“${code}”（有：${plan.components.map((x) => `${x.code} ${x.name}`).join('、')}）`,
      `no component ${code}`,
    );
  if (c.kind === 'theory') throw fail.invalid(`${c.name}由机考答卷计分，没有考评组`, 'theory is not panel-scored');
  return c;
}

export interface PanelInput {
  readonly leader: string;
  readonly members: readonly string[];
}

/**
 * Writes the assessor panel (考评组) of one component (the use case is `setPanel`, setup.ts): at least the plan's
 * number of assessors per candidate, each an assessor registered for the batch's occupation, one of them the panel
 * leader (考评组长).
 */
export async function writePanel(
  ctx: ServiceContext,
  by: string,
  batchRef: string,
  componentCode: string,
  input: PanelInput,
): Promise<void> {
  const batch = await batchToChange(ctx, by, 'plan.write', batchRef);
  const { plan } = await requirePlan(ctx.db, batch);
  const component = panelComponent(plan, componentCode);
  const members = [...new Set(input.members.map((m) => m.trim()).filter((m) => m !== ''))];
  if (!members.includes(input.leader)) members.unshift(input.leader);
  const needed = plan.panel.assessorsPerCandidate;
  if (members.length < needed)
    throw fail.invalid(
      `${component.name}的考评组只有 ${members.length} 人，认定方案要求每名考生由 ${needed} 名考评员独立评分`,
      'panel too small',
    );
  const problems: string[] = [];
  for (const m of members) {
    const actor = await loadActor(ctx, m);
    if (!actor.roles.includes('assessor')) problems.push(`${m}（${actor.displayName}）不是考评员`);
    const registered = await ctx.db
      .selectFrom('assessor_registrations')
      .select('username')
      .where('username', '=', m)
      .where('occupation_code', '=', batch.occupationCode)
      .executeTakeFirst();
    if (!registered) problems.push(`${m}（${actor.displayName}）未登记为职业 ${batch.occupationCode} 的考评员`);
  }
  if (problems.length > 0)
    throw fail.invalid(`考评组成员不符合要求：${problems.join('；')}`, 'invalid panel members', problems);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('panel_members')
      .where('batch_id', '=', batch.id)
      .where('component_code', '=', component.code)
      .execute();
    await trx
      .insertInto('panel_members')
      .values(
        members.map((m) => ({
          batch_id: batch.id,
          component_code: component.code,
          username: m,
          leader: m === input.leader ? 1 : 0,
        })),
      )
      .execute();
    await audit(trx, ctx, {
      actor: by,
      action: 'results.panel.set',
      entity: 'batch',
      entityId: batch.id,
      detail: { component: component.code, leader: input.leader, members },
    });
  });
}

/** component code → panel (members with display names, the leader). */
export async function loadPanels(db: Executor, batchId: string): Promise<Record<string, Panel>> {
  const rows = await db
    .selectFrom('panel_members as p')
    .innerJoin('users as u', 'u.username', 'p.username')
    .select(['p.component_code', 'p.username', 'p.leader', 'u.display_name'])
    .where('p.batch_id', '=', batchId)
    .orderBy('p.username')
    .execute();
  const panels: Record<string, { leaderId: string; members: { id: string; name: string }[] }> = {};
  for (const r of rows) {
    const panel = (panels[r.component_code] ??= { leaderId: '', members: [] });
    panel.members.push({ id: r.username, name: r.display_name });
    if (r.leader === 1) panel.leaderId = r.username;
  }
  return panels;
}

export async function loadRelations(db: Executor, batchId: string): Promise<Relation[]> {
  const rows = await db
    .selectFrom('panel_relations')
    .select(['username', 'candidate_id', 'relation'])
    .where('batch_id', '=', batchId)
    .execute();
  return rows.map((r) => ({ assessorId: r.username, candidateId: r.candidate_id, relation: r.relation }));
}

/** Writes that an assessor is related to a candidate (回避); the use case is `recordRelation` (setup.ts). */
export async function writeRelation(
  ctx: ServiceContext,
  by: string,
  batchRef: string,
  input: { ticket: string; assessor: string; relation: string },
): Promise<void> {
  const batch = await batchToChange(ctx, by, 'plan.write', batchRef);
  const person = await candidateByTicket(ctx.db, batch, input.ticket);
  await loadActor(ctx, input.assessor);
  const relation = input.relation.trim();
  if (relation === '') throw fail.invalid('请填写回避关系（如 亲属、直接上下级、师徒）', 'relation required');
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('panel_relations')
      .values({
        batch_id: batch.id,
        candidate_id: person.id,
        username: input.assessor,
        relation,
        recorded_by: by,
        recorded_at: isoNow(ctx),
      })
      .onConflict((oc) => oc.columns(['candidate_id', 'username']).doUpdateSet({ relation }))
      .execute();
    await audit(trx, ctx, {
      actor: by,
      action: 'results.relation',
      entity: 'candidate',
      entityId: person.id,
      detail: { assessor: input.assessor, relation },
    });
  });
}

/**
 * The panel leader lets a wide spread stand, with a recorded reason. Only the leader of that component's
 * panel may; the score then counts (the mean of the sheets) at the next computation.
 */
export async function resolveSpread(
  ctx: ServiceContext,
  by: string,
  batchRef: string,
  input: { ticket: string; component: string; reason: string },
): Promise<void> {
  const batch = await findBatch(ctx.db, batchRef);
  await requireNotFinal(ctx.db, batch);
  const { plan } = await requirePlan(ctx.db, batch);
  const component = panelComponent(plan, input.component);
  const panel = (await loadPanels(ctx.db, batch.id))[component.code];
  if (panel === undefined || panel.leaderId !== by)
    throw fail.forbidden(`只有${component.name}的考评组长可以裁定分差`, 'only the panel leader resolves a spread');
  const reason = input.reason.trim();
  if (reason === '') throw fail.invalid('考评组长须填写裁定理由', 'a reason is required');
  const person = await candidateByTicket(ctx.db, batch, input.ticket);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('spread_resolutions')
      .values({
        batch_id: batch.id,
        candidate_id: person.id,
        component_code: component.code,
        resolved_by: by,
        reason,
        resolved_at: isoNow(ctx),
      })
      .onConflict((oc) =>
        oc
          .columns(['candidate_id', 'component_code'])
          .doUpdateSet({ resolved_by: by, reason, resolved_at: isoNow(ctx) }),
      )
      .execute();
    await audit(trx, ctx, {
      actor: by,
      action: 'results.spread.resolve',
      entity: 'candidate',
      entityId: person.id,
      detail: { component: component.code, reason },
    });
  });
}

export async function loadResolutions(db: Executor, batchId: string) {
  const rows = await db
    .selectFrom('spread_resolutions')
    .select(['candidate_id', 'component_code', 'resolved_by', 'reason'])
    .where('batch_id', '=', batchId)
    .execute();
  return rows.map((r) => ({
    candidateId: r.candidate_id,
    componentCode: r.component_code,
    by: r.resolved_by,
    reason: r.reason,
  }));
}
