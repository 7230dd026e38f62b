import { sha256Hex } from '@kaowu/domain';
import type { EnteredValue } from '@kaowu/grading';
import { audit, type AuditEntry, type Executor } from '../audit/writer.ts';
import type { ServiceContext } from '../shared/context.ts';
import { isoNow } from '../shared/context.ts';
import { fail } from '../shared/failures.ts';
import { batchElectives } from './applications.ts';
import {
  batchCandidates,
  batchToChange,
  candidateByTicket,
  findBatch,
  requirePlan,
  type ResultsBatch,
} from './batch.ts';
import { panelResults, splitField } from './panel-results.ts';
import { loadPanels, loadRelations, panelComponent, panelComponents } from './panels.ts';
import { readScoreWorkbook, scoreWorkbook, type ScoreSheetContext } from './score-sheet.ts';
import { authorize } from '../shared/authorize.ts';
import { insertChunked } from '../shared/chunks.ts';

interface NewEntry {
  readonly candidateId: string;
  readonly componentCode: string;
  readonly assessor: string;
  readonly kind: 'entry' | 'confirmation';
  readonly value: EnteredValue | null;
}

/** Appends entries in order, numbered after the batch's last (a person's later entry replaces their earlier one). */
async function appendEntries(
  trx: Executor,
  ctx: ServiceContext,
  batchId: string,
  by: string,
  source: string,
  entries: readonly NewEntry[],
): Promise<void> {
  const last = await trx
    .selectFrom('score_entries')
    .select((e) => e.fn.max('seq').as('seq'))
    .where('batch_id', '=', batchId)
    .executeTakeFirst();
  const start = Number(last?.seq ?? 0) + 1;
  const at = isoNow(ctx);
  const rows = entries.map((e, i) => ({
    id: ctx.newId(),
    batch_id: batchId,
    seq: start + i,
    candidate_id: e.candidateId,
    component_code: e.componentCode,
    assessor: e.assessor,
    kind: e.kind,
    value: typeof e.value === 'number' ? e.value : null,
    absent: e.value === 'absent' ? 1 : 0,
    entered_by: by,
    entered_at: at,
    source,
  }));
  await insertChunked(trx, 'score_entries', rows, 500);
}

/** The values read from a score sheet become entries, with their audit record, in one transaction. */
async function recordSheet(
  ctx: ServiceContext,
  batchId: string,
  by: string,
  source: string,
  entries: readonly Omit<NewEntry, 'kind'>[],
  record: Omit<AuditEntry, 'actor'>,
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await appendEntries(
      trx,
      ctx,
      batchId,
      by,
      source,
      entries.map((e) => ({ ...e, kind: 'entry' })),
    );
    await audit(trx, ctx, { actor: by, ...record });
  });
}

async function sheetContext(db: Executor, batch: ResultsBatch): Promise<ScoreSheetContext> {
  const { plan } = await requirePlan(db, batch);
  const panels = await loadPanels(db, batch.id);
  const people = await batchCandidates(db, batch.id);
  const electives = await batchElectives(db, batch.id);
  return {
    components: panelComponents(plan).map((component) => ({ component, panel: panels[component.code] })),
    theory: plan.components.find((c) => c.kind === 'theory'),
    candidates: new Map(people.map((p) => [p.ticket, { id: p.id, name: p.name }])),
    electives: new Map([...electives].map(([id, groups]) => [id, new Set(Object.values(groups).flat())])),
    relations: await loadRelations(db, batch.id),
  };
}

/**
 * Imports practical and review scores from a score workbook, as one person's entry (录入). All or nothing:
 * every problem is reported with its sheet, row and column, and nothing is imported while any remains. A
 * score becomes final when a second person's entry matches it or a second person confirms it (双人复核).
 */
export async function importScores(
  ctx: ServiceContext,
  by: string,
  batchRef: string,
  data: Uint8Array,
): Promise<{ entries: number; sheets: { component: string; rows: number }[] }> {
  const batch = await batchToChange(ctx, by, 'results.write', batchRef);
  const read = await readScoreWorkbook(data, await sheetContext(ctx.db, batch));
  if (!read.ok) {
    // By sheet, row, then column as Excel orders them (B before AA).
    const problems = [...read.problems].sort(
      (a, b) =>
        a.sheet.localeCompare(b.sheet) ||
        a.row - b.row ||
        a.column.length - b.column.length ||
        a.column.localeCompare(b.column),
    );
    throw fail.invalid(
      `评分表有 ${problems.length} 处错误，未导入任何成绩`,
      'the score workbook has problems',
      problems,
    );
  }
  const source = sha256Hex(data);
  await recordSheet(ctx, batch.id, by, source, read.entries, {
    action: 'results.scores.import',
    entity: 'batch',
    entityId: batch.id,
    afterHash: source,
    detail: { entries: read.entries.length, sheets: read.sheets },
  });
  return { entries: read.entries.length, sheets: read.sheets };
}

export interface ManualEntry {
  readonly ticket: string;
  readonly component: string;
  readonly assessor: string;
  /** A score, or 'absent' (缺考). */
  readonly value: EnteredValue;
}

/** One sheet value typed by hand (to re-enter a mismatch), checked like an imported one. */
export async function enterScore(
  ctx: ServiceContext,
  by: string,
  batchRef: string,
  input: ManualEntry,
  /** Entered from a practical score sheet: the sheet's id as the source, its criteria in the audit record. */
  from: { source: string; detail: Record<string, unknown> } = { source: 'manual', detail: {} },
): Promise<void> {
  const batch = await batchToChange(ctx, by, 'results.write', batchRef);
  const { plan } = await requirePlan(ctx.db, batch);
  const component = panelComponent(plan, input.component);
  const person = await candidateByTicket(ctx.db, batch, input.ticket);
  // Same checks as the workbook: build a one-row sheet and read it.
  const context = await sheetContext(ctx.db, batch);
  const panel = (await loadPanels(ctx.db, batch.id))[component.code];
  if (panel === undefined) throw fail.invalid(`${component.name}尚未设置考评组`, 'no panel');
  const member = panel.members.find((m) => m.id === input.assessor || m.name === input.assessor);
  if (member === undefined)
    throw fail.invalid(`${input.assessor} 不是${component.name}考评组的成员`, 'not a panel member');
  const sheet = await scoreWorkbook([
    {
      component,
      panel: { leaderId: panel.leaderId, members: [member] },
      rows: [{ ticket: person.ticket, name: person.name, scores: { [member.id]: input.value } }],
    },
  ]);
  const read = await readScoreWorkbook(sheet, context);
  if (!read.ok) throw fail.invalid(read.problems.map((p) => p.message).join('；'), 'invalid score');
  await recordSheet(ctx, batch.id, by, from.source, read.entries, {
    action: 'results.scores.enter',
    entity: 'candidate',
    entityId: person.id,
    detail: { component: component.code, assessor: member.id, value: input.value, ...from.detail },
  });
}

/**
 * The second person confirms every sheet value entered once by someone else (optionally of one component),
 * instead of entering it again. Values they entered themselves are never confirmed by them.
 */
export async function confirmScores(
  ctx: ServiceContext,
  by: string,
  batchRef: string,
  options: { component?: string | undefined } = {},
): Promise<{ confirmed: number }> {
  const batch = await batchToChange(ctx, by, 'results.write', batchRef);
  const { plan } = await requirePlan(ctx.db, batch);
  const only = options.component === undefined ? undefined : panelComponent(plan, options.component).code;
  return ctx.db.transaction().execute(async (trx) => {
    const { reconciliation } = await panelResults(trx, batch.id, plan);
    const toConfirm = reconciliation.awaiting.filter(
      (w) => w.by !== by && (only === undefined || splitField(w.field)[0] === only),
    );
    const entries = toConfirm.map((w): NewEntry => {
      const [componentCode, assessor] = splitField(w.field);
      return { candidateId: w.candidateId, componentCode, assessor, kind: 'confirmation', value: null };
    });
    if (entries.length > 0) {
      await appendEntries(trx, ctx, batch.id, by, 'confirmation', entries);
      await audit(trx, ctx, {
        actor: by,
        action: 'results.scores.confirm',
        entity: 'batch',
        entityId: batch.id,
        detail: { confirmed: entries.length, component: only ?? null },
      });
    }
    return { confirmed: entries.length };
  });
}

export interface ScoreStatus {
  readonly finalSheets: number;
  readonly mismatches: readonly { ticket: string; name: string; message: string }[];
  readonly awaiting: readonly {
    ticket: string;
    name: string;
    component: string;
    assessor: string;
    enteredBy: string;
  }[];
  /** Panels that cannot give a score yet (too few sheets, spread above the threshold…). */
  readonly blocked: readonly { ticket: string; name: string; component: string; reason: string }[];
}

/** Where double entry and the panels stand: what is final, what mismatches, what waits for whom. */
export async function scoreStatus(ctx: ServiceContext, by: string, batchRef: string): Promise<ScoreStatus> {
  const batch = await findBatch(ctx.db, batchRef);
  await authorize(ctx, by, 'results.read', { batchId: batch.id });
  const { plan } = await requirePlan(ctx.db, batch);
  const { reconciliation, results } = await panelResults(ctx.db, batch.id, plan);
  const people = new Map((await batchCandidates(ctx.db, batch.id)).map((p) => [p.id, p]));
  const who = (id: string) => ({ ticket: people.get(id)?.ticket ?? id, name: people.get(id)?.name ?? '' });
  const componentName = (code: string): string => plan.components.find((c) => c.code === code)?.name ?? code;
  const names = new Map(
    (await ctx.db.selectFrom('users').select(['username', 'display_name']).execute()).map((u) => [
      u.username,
      u.display_name,
    ]),
  );
  const blocked = [...results].flatMap(([id, byComponent]) =>
    [...byComponent].flatMap(([code, r]) =>
      r.status === 'blocked' && !r.reason.startsWith('双人复核')
        ? [{ ...who(id), component: componentName(code), reason: r.reason }]
        : [],
    ),
  );
  return {
    finalSheets: reconciliation.final.length,
    mismatches: reconciliation.mismatches.map((m) => {
      const [code, assessor] = splitField(m.field);
      const values = m.values
        .map((v) => `${names.get(v.by) ?? v.by}录入 ${v.value === 'absent' ? '缺考' : v.value}`)
        .join('，');
      return {
        ...who(m.candidateId),
        message: `${componentName(code)}（考评员${names.get(assessor) ?? assessor}）两次录入不一致：${values}`,
      };
    }),
    awaiting: reconciliation.awaiting.map((w) => {
      const [code, assessor] = splitField(w.field);
      return { ...who(w.candidateId), component: componentName(code), assessor, enteredBy: w.by };
    }),
    blocked,
  };
}

/** The empty score workbook for the batch: the sheet to print, have signed, and type in (twice). */
export async function scoreTemplate(ctx: ServiceContext, by: string, batchRef: string): Promise<Uint8Array> {
  await authorize(ctx, by, 'results.write');
  const batch = await findBatch(ctx.db, batchRef);
  const context = await sheetContext(ctx.db, batch);
  const people = await batchCandidates(ctx.db, batch.id);
  const missing = context.components.filter((c) => c.panel === undefined).map((c) => c.component.name);
  if (missing.length > 0) throw fail.invalid(`${missing.join('、')}尚未设置考评组`, 'panels missing');
  return scoreWorkbook(
    context.components.map(({ component, panel }) => ({
      component,
      panel: panel!,
      rows: people
        .filter((p) => component.group === undefined || context.electives.get(p.id)?.has(component.code))
        .map((p) => ({ ticket: p.ticket, name: p.name })),
    })),
    { example: true },
  );
}

export interface ScoreSheet {
  readonly components: { code: string; name: string; assessors: { id: string; name: string }[] }[];
  readonly candidates: { ticket: string; name: string; absent: boolean }[];
}

/** The shape of the score-entry grid: the plan's panel components with their assessors, and the candidates. */
export async function scoreSheet(ctx: ServiceContext, by: string, batchRef: string): Promise<ScoreSheet> {
  const batch = await findBatch(ctx.db, batchRef);
  await authorize(ctx, by, 'results.read', { batchId: batch.id });
  const { plan } = await requirePlan(ctx.db, batch);
  const panels = await loadPanels(ctx.db, batch.id);
  return {
    components: panelComponents(plan).map((p) => ({
      code: p.code,
      name: p.name,
      assessors: panels[p.code]?.members.map((m) => ({ id: m.id, name: m.name })) ?? [],
    })),
    candidates: (await batchCandidates(ctx.db, batch.id)).map((p) => ({
      ticket: p.ticket,
      name: p.name,
      absent: p.absent === 1,
    })),
  };
}
