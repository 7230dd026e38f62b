import type { AssessmentPlan } from '@kaowu/domain';
import {
  aggregatePanel,
  reconcileEntries,
  type ComponentResult,
  type EntryReconciliation,
  type PanelOutcome,
  type PanelSheet,
  type ScoreEntry,
} from '@kaowu/grading';
import type { Executor } from '../audit/writer.ts';
import { loadPanels, loadRelations, loadResolutions, panelComponents } from './panels.ts';

/** Double-entry fields are one assessor's sheet for one component: "component␀assessor". */
const SEP = '\u0000';
export const fieldOf = (component: string, assessor: string): string => `${component}${SEP}${assessor}`;
export const splitField = (field: string): [string, string] => field.split(SEP) as [string, string];

export async function loadEntries(db: Executor, batchId: string): Promise<ScoreEntry[]> {
  const rows = await db
    .selectFrom('score_entries')
    .select(['candidate_id', 'component_code', 'assessor', 'kind', 'value', 'absent', 'entered_by'])
    .where('batch_id', '=', batchId)
    .orderBy('seq')
    .execute();
  return rows.map((r): ScoreEntry => {
    const base = { candidateId: r.candidate_id, field: fieldOf(r.component_code, r.assessor), by: r.entered_by };
    return r.kind === 'confirmation'
      ? { ...base, kind: 'confirmation' }
      : { ...base, kind: 'entry', value: r.absent === 1 ? 'absent' : (r.value ?? 0) };
  });
}

export interface PanelResults {
  /** candidate id → component code → result, for the components with any entry. */
  readonly results: Map<string, Map<string, ComponentResult>>;
  /** candidate id → component code → the panel's outcome where sheets were aggregated. */
  readonly outcomes: Map<string, Map<string, PanelOutcome>>;
  readonly reconciliation: EntryReconciliation;
}

/**
 * Panel-scored components of every candidate: two-person entry first (only final sheets count; a mismatch
 * or a sheet awaiting its second person blocks), then the panel (≥ N odd sheets, avoidance, spread).
 */
export async function panelResults(db: Executor, batchId: string, plan: AssessmentPlan): Promise<PanelResults> {
  const [entries, panels, relations, resolutions, users] = await Promise.all([
    loadEntries(db, batchId),
    loadPanels(db, batchId),
    loadRelations(db, batchId),
    loadResolutions(db, batchId),
    db.selectFrom('users').select(['username', 'display_name']).execute(),
  ]);
  const names = Object.fromEntries(users.map((u) => [u.username, u.display_name]));
  const reconciliation = reconcileEntries(entries, names);
  const codes = new Set(panelComponents(plan).map((c) => c.code));
  type Acc = { sheets: PanelSheet[]; absent: number; waiting: string[] };
  const acc = new Map<string, Map<string, Acc>>();
  const slot = (candidateId: string, component: string): Acc => {
    const byComponent = acc.get(candidateId) ?? new Map<string, Acc>();
    acc.set(candidateId, byComponent);
    const a = byComponent.get(component) ?? { sheets: [], absent: 0, waiting: [] };
    byComponent.set(component, a);
    return a;
  };
  for (const f of reconciliation.final) {
    const [component, assessor] = splitField(f.field);
    if (!codes.has(component)) continue;
    const a = slot(f.candidateId, component);
    if (f.value === 'absent') a.absent++;
    else a.sheets.push({ candidateId: f.candidateId, componentCode: component, assessorId: assessor, score: f.value });
  }
  for (const m of reconciliation.mismatches) {
    const [component, assessor] = splitField(m.field);
    if (!codes.has(component)) continue;
    const entries = m.values.map((v) => `${names[v.by] ?? v.by} ${v.value === 'absent' ? '缺考' : v.value}`);
    slot(m.candidateId, component).waiting.push(
      `考评员${names[assessor] ?? assessor}的评分两次录入不一致（${entries.join('，')}）`,
    );
  }
  for (const w of reconciliation.awaiting) {
    const [component, assessor] = splitField(w.field);
    if (codes.has(component))
      slot(w.candidateId, component).waiting.push(`考评员${names[assessor] ?? assessor}的评分尚待第二人复核录入或确认`);
  }
  const resolutionOf = new Map(resolutions.map((r) => [`${r.candidateId}${SEP}${r.componentCode}`, r]));
  const results = new Map<string, Map<string, ComponentResult>>();
  const outcomes = new Map<string, Map<string, PanelOutcome>>();
  for (const [candidateId, byComponent] of acc) {
    const out = new Map<string, ComponentResult>();
    results.set(candidateId, out);
    for (const [component, a] of byComponent) {
      const name = plan.components.find((c) => c.code === component)?.name ?? component;
      if (a.waiting.length > 0)
        out.set(component, { status: 'blocked', reason: `双人复核未完成：${a.waiting.join('；')}` });
      else if (a.absent > 0 && a.sheets.length === 0) out.set(component, { status: 'absent' });
      else if (a.absent > 0)
        out.set(component, { status: 'blocked', reason: `${name}有考评员登记缺考、有考评员评分，须核实` });
      else {
        const panel = panels[component];
        if (panel === undefined) {
          out.set(component, { status: 'blocked', reason: `${name}没有考评组` });
          continue;
        }
        const outcome = aggregatePanel(
          plan.panel,
          panel,
          relations,
          a.sheets,
          resolutionOf.get(`${candidateId}${SEP}${component}`),
        );
        const o = outcomes.get(candidateId) ?? new Map<string, PanelOutcome>();
        outcomes.set(candidateId, o.set(component, outcome));
        out.set(
          component,
          outcome.status === 'scored'
            ? { status: 'scored', score: outcome.score }
            : { status: 'blocked', reason: outcome.reason },
        );
      }
    }
  }
  return { results, outcomes, reconciliation };
}
