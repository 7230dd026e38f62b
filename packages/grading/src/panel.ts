import type { PanelSettings } from '@kaowu/domain';
import { divideHalfUp, formatLine, formatScore, fromTenths, hasTenthsPrecision, toTenths } from './tenths.ts';

export interface Assessor {
  readonly id: string;
  readonly name: string;
}

/** The assessors of one component (考评组), one of them the panel leader (考评组长). */
export interface Panel {
  readonly leaderId: string;
  readonly members: readonly Assessor[];
}

/** A recorded conflict of interest (回避): the assessor may not score this candidate. */
export interface Relation {
  readonly assessorId: string;
  readonly candidateId: string;
  /** e.g. 亲属, 直接上下级, 师徒. */
  readonly relation: string;
}

/** One assessor's independent score for one candidate on one component (a signed score sheet). */
export interface PanelSheet {
  readonly candidateId: string;
  readonly componentCode: string;
  readonly assessorId: string;
  readonly score: number;
}

/** The panel leader's recorded decision to let a wide spread stand. */
export interface SpreadResolution {
  readonly by: string;
  readonly reason: string;
}

export interface PanelDetail {
  readonly accepted: readonly PanelSheet[];
  readonly rejected: readonly { sheet: PanelSheet; reason: string }[];
  /** max − min of the accepted scores, null without scores. */
  readonly spread: number | null;
  readonly resolution?: SpreadResolution | undefined;
}

export type PanelOutcome =
  | ({ status: 'scored'; score: number } & PanelDetail)
  | ({ status: 'blocked'; reason: string } & PanelDetail);

const nameOf = (panel: Panel, id: string): string => panel.members.find((m) => m.id === id)?.name ?? id;

/**
 * Why a score sheet cannot be accepted (not on the panel, avoidance, out of range), or undefined.
 * Call it at entry time to reject the sheet with its reason; aggregation applies it again.
 */
export function sheetProblem(panel: Panel, relations: readonly Relation[], sheet: PanelSheet): string | undefined {
  const name = nameOf(panel, sheet.assessorId);
  if (!panel.members.some((m) => m.id === sheet.assessorId)) return `${name}不是本考评组成员，评分无效`;
  const related = relations.find((r) => r.assessorId === sheet.assessorId && r.candidateId === sheet.candidateId);
  if (related !== undefined) return `考评员${name}与该考生存在回避关系（${related.relation}），不得为其评分`;
  if (!(sheet.score >= 0 && sheet.score <= 100)) return `考评员${name}的评分 ${sheet.score} 超出 0–100 分`;
  if (!hasTenthsPrecision(sheet.score)) return `考评员${name}的评分 ${sheet.score} 应保留一位小数`;
  return undefined;
}

/**
 * One candidate's score on one panel-scored component: the mean (or trimmed mean, dropping one highest
 * and one lowest) of the accepted sheets, half-up to one decimal. Needs at least the plan's number of
 * assessors and an odd count. A spread above the threshold (at the threshold is allowed) blocks the
 * score until the panel leader resolves it with a reason.
 */
export function aggregatePanel(
  settings: PanelSettings,
  panel: Panel,
  relations: readonly Relation[],
  sheets: readonly PanelSheet[],
  resolution?: SpreadResolution,
): PanelOutcome {
  const accepted: PanelSheet[] = [];
  const rejected: { sheet: PanelSheet; reason: string }[] = [];
  const seen = new Set<string>();
  for (const sheet of sheets) {
    const problem = seen.has(sheet.assessorId)
      ? `考评员${nameOf(panel, sheet.assessorId)}重复评分，只采纳第一份`
      : sheetProblem(panel, relations, sheet);
    if (problem !== undefined) rejected.push({ sheet, reason: problem });
    else accepted.push(sheet);
    seen.add(sheet.assessorId);
  }
  const tenths = accepted.map((s) => toTenths(s.score)).sort((a, b) => a - b);
  const spreadTenths = tenths.length > 0 ? (tenths.at(-1) ?? 0) - (tenths[0] ?? 0) : null;
  const detail: PanelDetail = { accepted, rejected, spread: spreadTenths === null ? null : fromTenths(spreadTenths) };
  const blocked = (reason: string): PanelOutcome => ({ status: 'blocked', reason, ...detail });

  const needed = settings.assessorsPerCandidate;
  if (tenths.length < needed) return blocked(`有效评分 ${tenths.length} 份，至少需要 ${needed} 名考评员独立评分`);
  if (tenths.length % 2 === 0) return blocked(`有效评分 ${tenths.length} 份，评分考评员人数应为奇数`);
  if (spreadTenths !== null && spreadTenths > toTenths(settings.spreadThreshold)) {
    const widest = formatScore(fromTenths(spreadTenths));
    const spreadText = `考评员评分最高与最低相差 ${widest} 分，超过 ${formatLine(settings.spreadThreshold)} 分`;
    if (resolution === undefined) return blocked(`${spreadText}，须由考评组长裁定分差`);
    if (resolution.by !== panel.leaderId)
      return blocked(`${spreadText}，处理人${nameOf(panel, resolution.by)}不是考评组长`);
    if (resolution.reason.trim() === '') return blocked(`${spreadText}，考评组长须填写裁定理由`);
  }
  const kept = settings.aggregation === 'trimmed_mean' ? tenths.slice(1, -1) : tenths;
  const sum = kept.reduce((s, t) => s + t, 0);
  const outcome: PanelOutcome = { status: 'scored', score: fromTenths(divideHalfUp(sum, kept.length)), ...detail };
  return resolution !== undefined && spreadTenths !== null && spreadTenths > toTenths(settings.spreadThreshold)
    ? { ...outcome, resolution }
    : outcome;
}

/** Every candidate × component of a batch at once: candidateId → componentCode → outcome. */
export function aggregatePanels(
  settings: PanelSettings,
  panels: Readonly<Record<string, Panel>>,
  relations: readonly Relation[],
  sheets: readonly PanelSheet[],
  resolutions: readonly (SpreadResolution & { candidateId: string; componentCode: string })[] = [],
): Map<string, Map<string, PanelOutcome>> {
  const groups = new Map<string, Map<string, PanelSheet[]>>();
  for (const sheet of sheets) {
    const byComponent = groups.get(sheet.candidateId) ?? new Map<string, PanelSheet[]>();
    groups.set(sheet.candidateId, byComponent);
    const list = byComponent.get(sheet.componentCode) ?? [];
    byComponent.set(sheet.componentCode, list);
    list.push(sheet);
  }
  const resolutionOf = new Map(resolutions.map((r) => [`${r.candidateId}\u0000${r.componentCode}`, r]));
  const out = new Map<string, Map<string, PanelOutcome>>();
  for (const [candidateId, byComponent] of groups) {
    const outcomes = new Map<string, PanelOutcome>();
    for (const [componentCode, list] of byComponent) {
      const panel = panels[componentCode];
      const resolution = resolutionOf.get(`${candidateId}\u0000${componentCode}`);
      outcomes.set(
        componentCode,
        panel === undefined
          ? {
              status: 'blocked',
              reason: `组成部分 ${componentCode} 没有考评组`,
              accepted: [],
              rejected: [],
              spread: null,
            }
          : aggregatePanel(settings, panel, relations, list, resolution),
      );
    }
    out.set(candidateId, outcomes);
  }
  return out;
}
