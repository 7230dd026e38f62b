import { DIFFICULTIES, ITEM_TYPE_NAMES, type ItemType } from '@kaowu/domain/browser';
import type { ApprovedCell, BlueprintArea, FeasibilityProblem } from '../../contract.ts';
import type { AreaMode, Bands, BlueprintDraft, SectionDraft } from './blueprint-draft.ts';

/**
 * The blueprint as a two-way table (双向细目表): the outline's areas down, item types (split into difficulty
 * bands where the blueprint fixes them) across. A blueprint fixes the margins — items per area, per type, per
 * type × band — and the assembler chooses the crossings, so the body cells show the bank's supply and the
 * assembler's verdict, and the margins are what the user types.
 */

export * from './blueprint-draft.ts';
export type { ApprovedCell, FeasibilityProblem };

/** A top-level outline area with its theory weight (理论知识权重, percent). */
export type GridArea = BlueprintArea;

/** One column of the grid: a type, or one difficulty band of a banded type, or a banded type's subtotal. */
export interface GridColumn {
  readonly type: ItemType;
  /** 1–5 for a band column; null for a type without bands or a banded type's subtotal. */
  readonly difficulty: number | null;
  readonly subtotal: boolean;
}

export function gridColumns(d: BlueprintDraft): GridColumn[] {
  return d.sections.flatMap((s): GridColumn[] =>
    s.bands === null
      ? [{ type: s.type, difficulty: null, subtotal: false }]
      : [
          ...DIFFICULTIES.map((b) => ({ type: s.type, difficulty: b, subtotal: false })),
          { type: s.type, difficulty: null, subtotal: true },
        ],
  );
}

/** Approved items in an area (or all areas) for a type (or all types) and a band (or all bands). */
export function supply(
  cells: readonly ApprovedCell[],
  where: { area?: string; type?: ItemType; difficulty?: number | null },
): number {
  let n = 0;
  for (const c of cells)
    if (
      (where.area === undefined || c.area === where.area) &&
      (where.type === undefined || c.type === where.type) &&
      (where.difficulty == null || c.difficulty === where.difficulty)
    )
      n += c.count;
  return n;
}

/**
 * Where a hint or an assembler problem points, as one key: `title`, `duration`, `totalScore`, `mean`,
 * `exposure`, `forms`, `overlap`, `cut`, `expectedScore`, `information`, `equating`, `areas` (the area total), `paper` (no single place), `area:B`,
 * `section:single` (a type's count), `points:single`, `band:single:3`, `cell:B:single` or `cell:B:single:3`.
 */
export type Place = string;

export const place = {
  area: (code: string): Place => `area:${code}`,
  section: (type: ItemType): Place => `section:${type}`,
  points: (type: ItemType): Place => `points:${type}`,
  band: (type: ItemType, difficulty: number): Place => `band:${type}:${difficulty}`,
  cell: (area: string, type: ItemType, difficulty?: number | null): Place =>
    difficulty == null ? `cell:${area}:${type}` : `cell:${area}:${type}:${difficulty}`,
};

/** Points are added in hundredths, as the server does, so 0.5 × 140 + … adds up exactly. */
const cents = (x: number): number => Math.round(x * 100);
const hasCents = (x: number): boolean => Math.abs(x * 100 - Math.round(x * 100)) < 1e-9;
const hasThousandths = (x: number): boolean => Math.abs(x * 1000 - Math.round(x * 1000)) < 1e-9;
const isCount = (x: number, min: number): boolean => Number.isInteger(x) && x >= min;
const bandsTotal = (bands: Bands): number => bands.reduce((n, b) => n + b, 0);

export interface SectionTotals {
  readonly type: ItemType;
  readonly count: number;
  readonly points: number;
  /** count × points. */
  readonly score: number;
  /** Σ band counts, or null without bands. */
  readonly bands: number | null;
}

export interface Totals {
  /** Items in the paper: Σ type counts. */
  readonly items: number;
  /** Σ count × points over the types; must equal the paper's total score. */
  readonly score: number;
  /** Σ area counts in `counts` mode, Σ percentages in `percent` mode, null for the outline's weights. */
  readonly areas: number | null;
  readonly sections: readonly SectionTotals[];
}

export function totals(d: BlueprintDraft): Totals {
  const sections = d.sections.map((s) => ({
    type: s.type,
    count: s.count,
    points: s.points,
    score: (s.count * cents(s.points)) / 100,
    bands: s.bands === null ? null : bandsTotal(s.bands),
  }));
  const areaValues = Object.values(d.areaValues);
  return {
    items: sections.reduce((n, s) => n + s.count, 0),
    score: sections.reduce((n, s) => n + s.count * cents(s.points), 0) / 100,
    areas:
      d.areaMode === 'weights'
        ? null
        : d.areaMode === 'counts'
          ? areaValues.reduce((n, v) => n + v, 0)
          : areaValues.reduce((n, v) => n + cents(v), 0) / 100,
    sections,
  };
}

/**
 * The item count each area gets: typed in `counts` mode, else as the server computed it (`computed`),
 * or null before it answered.
 */
export function areaItems(
  d: BlueprintDraft,
  areas: readonly GridArea[],
  computed: readonly { code: string; count: number }[] | undefined,
): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const a of areas)
    out[a.code] =
      d.areaMode === 'counts' ? (d.areaValues[a.code] ?? 0) : (computed?.find((c) => c.code === a.code)?.count ?? null);
  return out;
}

export interface Hint {
  readonly place: Place;
  readonly message: string;
}

/**
 * What is wrong before the bank is even asked, each pointing at its box: the totals that must add up, and every
 * number the schema would refuse. While any remains, the blueprint is not sent for feasibility.
 */
export function hints(d: BlueprintDraft, areas: readonly GridArea[]): Hint[] {
  const out: Hint[] = [];
  const add = (where: Place, message: string): void => void out.push({ place: where, message });
  if (d.title.trim() === '') add('title', '请填写试卷名称');
  if (!isCount(d.durationMinutes, 1)) add('duration', '考试时长应为正整数（分钟）');
  if (!(d.totalScore > 0) || !hasCents(d.totalScore)) add('totalScore', '试卷总分应大于 0，最多两位小数');
  if (d.sections.length === 0) add('paper', '至少需要一个题型');
  const seen = new Set<ItemType>();
  for (const s of d.sections) {
    const name = ITEM_TYPE_NAMES[s.type];
    if (seen.has(s.type)) add(place.section(s.type), `题型 ${name} 出现了多次`);
    seen.add(s.type);
    if (!isCount(s.count, 1)) add(place.section(s.type), `${name}题量应为正整数`);
    if (!(s.points > 0) || !hasCents(s.points)) add(place.points(s.type), `${name}每题分值应大于 0，最多两位小数`);
    if (s.bands === null) continue;
    s.bands.forEach((b, i) => {
      if (!isCount(b, 0)) add(place.band(s.type, i + 1), `${name}难度 ${i + 1} 的题量应为 0 或正整数`);
    });
    const sum = bandsTotal(s.bands);
    if (s.bands.every((b) => isCount(b, 0)) && isCount(s.count, 1) && sum !== s.count)
      add(place.section(s.type), `${name}各难度题量合计为 ${sum} 题，应等于该题型题量 ${s.count} 题`);
  }
  const t = totals(d);
  const numbersOk = d.sections.every((s) => isCount(s.count, 1) && s.points > 0 && hasCents(s.points));
  if (numbersOk && d.totalScore > 0 && cents(t.score) !== cents(d.totalScore)) {
    const parts = d.sections.map((s) => `${ITEM_TYPE_NAMES[s.type]} ${s.count}×${s.points}`).join(' + ');
    add('totalScore', `各题型分值合计为 ${t.score} 分（${parts}），应等于总分 ${d.totalScore} 分`);
  }
  const known = new Set(areas.map((a) => a.code));
  for (const code of Object.keys(d.areaValues))
    if (!known.has(code)) add('areas', `鉴定范围 ${code} 不是大纲中的一级鉴定范围`);
  if (d.areaMode === 'counts') {
    for (const [code, v] of Object.entries(d.areaValues))
      if (!isCount(v, 0)) add(place.area(code), `范围 ${code} 的题量应为 0 或正整数`);
    if (numbersOk && Object.values(d.areaValues).every((v) => isCount(v, 0)) && t.areas !== t.items)
      add('areas', `各鉴定范围题量合计为 ${t.areas} 题，应等于试卷题量 ${t.items} 题`);
  }
  if (d.areaMode === 'percent') {
    for (const [code, v] of Object.entries(d.areaValues))
      if (!(v >= 0 && v <= 100) || !hasCents(v))
        add(place.area(code), `范围 ${code} 的比例应在 0–100 之间，最多两位小数`);
    if (t.areas !== 100) add('areas', `各鉴定范围比例合计为 ${t.areas}%，应为 100%`);
  }
  const mean = d.meanDifficulty;
  if (mean !== null) {
    if (!(mean.target >= 1 && mean.target <= 5) || !hasThousandths(mean.target))
      add('mean', '目标平均难度应在 1–5 之间，最多三位小数');
    if (!(mean.tolerance >= 0 && mean.tolerance <= 4) || !hasThousandths(mean.tolerance))
      add('mean', '允许偏差应在 0–4 之间，最多三位小数');
  }
  if (!isCount(d.excludeRecentBatches, 0)) add('exposure', '排除的批次数应为 0 或正整数');
  if (d.maxUses !== null && !isCount(d.maxUses, 1)) add('exposure', '每题最多使用次数应为正整数');
  if (d.lastBatches !== null && (!isCount(d.lastBatches, 1) || d.lastBatches > 100))
    add('exposure', '曝光率统计批次数应为 1–100');
  if (d.maxRate !== null && !(d.maxRate >= 0 && d.maxRate <= 1)) add('exposure', '曝光率上限应在 0–100% 之间');
  if (d.maxRate !== null && d.lastBatches === null) add('exposure', '曝光率上限需要同时填写统计批次数');
  if (!isCount(d.forms, 1) || d.forms > 26) add('forms', '平行试卷套数应为 1–26');
  if (!(d.maxOverlap >= 0 && d.maxOverlap <= 1)) add('overlap', '两套试卷共同试题比例应在 0–100% 之间');
  if (d.cutAbility !== null && !(d.cutAbility >= -6 && d.cutAbility <= 6))
    add('cut', '合格线能力值应在 −6 到 6 之间（logit）');
  const windows = [
    ['expectedScore', d.expectedScore, '期望得分', hasCents, '两'],
    ['information', d.information, '测验信息量', hasThousandths, '三'],
  ] as const;
  for (const [key, w, name, precise, digits] of windows) {
    if (w === null) continue;
    if (d.cutAbility === null) add(key, `${name}范围需要同时填写合格线能力值`);
    if (!(w.min >= 0) || !(w.max >= 0) || !precise(w.min) || !precise(w.max))
      add(key, `${name}范围的上下限应为非负数，最多${digits}位小数`);
    else if (w.min > w.max) add(key, `${name}范围的下限 ${w.min} 大于上限 ${w.max}`);
  }
  if (d.expectedScore !== null && d.expectedScore.min > d.totalScore)
    add('expectedScore', `期望得分下限 ${d.expectedScore.min} 超过试卷总分 ${d.totalScore}`);
  if (d.equatingTolerance !== null) {
    if (!(d.equatingTolerance >= 0) || !hasCents(d.equatingTolerance))
      add('equating', '平行卷等值容差应为非负数，最多两位小数（分）');
    if (d.cutAbility === null) add('equating', '平行卷等值容差比较合格线处的期望得分，需要同时填写合格线能力值');
  }
  return out;
}

/** The grid place an assembler problem names: a margin (area, type, type × band), a crossing cell, or the paper. */
export function problemPlace(p: FeasibilityProblem): Place {
  const c = p.cell;
  if (c === undefined) return 'paper';
  if (c.type !== undefined && c.area !== undefined) return place.cell(c.area, c.type, c.difficulty);
  if (c.type !== undefined)
    return c.difficulty === undefined ? place.section(c.type) : place.band(c.type, c.difficulty);
  if (c.area !== undefined) return place.area(c.area);
  return 'paper';
}

/** Messages by place, hints and problems alike, in the order given. */
export function byPlace(list: readonly { place: Place; message: string }[]): Map<Place, string[]> {
  const out = new Map<Place, string[]>();
  for (const x of list) out.set(x.place, [...(out.get(x.place) ?? []), x.message]);
  return out;
}

/** Feasibility problems by the place they name; a cell shows its shortfall, the list below the grid the reasons. */
export function problemsByPlace(problems: readonly FeasibilityProblem[]): Map<Place, FeasibilityProblem[]> {
  const out = new Map<Place, FeasibilityProblem[]>();
  for (const p of problems) out.set(problemPlace(p), [...(out.get(problemPlace(p)) ?? []), p]);
  return out;
}

/** What a flagged cell says in its few characters: the numbers, or that the place is part of the problem. */
export const shortfallText = (p: FeasibilityProblem): string =>
  p.shortfall === undefined ? '不可组卷' : `需要 ${p.shortfall.need}，可用 ${p.shortfall.usable}`;

// Edits: each answers a new draft.

const withSection = (d: BlueprintDraft, type: ItemType, change: (s: SectionDraft) => SectionDraft): BlueprintDraft => ({
  ...d,
  sections: d.sections.map((s) => (s.type === type ? change(s) : s)),
});

export const setSection = (
  d: BlueprintDraft,
  type: ItemType,
  patch: Partial<Pick<SectionDraft, 'count' | 'points'>>,
): BlueprintDraft => withSection(d, type, (s) => ({ ...s, ...patch }));

export const setBand = (d: BlueprintDraft, type: ItemType, difficulty: number, value: number): BlueprintDraft =>
  withSection(d, type, (s) =>
    s.bands === null
      ? s
      : { ...s, bands: s.bands.map((b, i) => (i === difficulty - 1 ? value : b)) as unknown as Bands },
  );

/** Fixing difficulty puts the whole type in band 3 (中等) to start from; freeing it drops the bands. */
export const setBanded = (d: BlueprintDraft, type: ItemType, on: boolean): BlueprintDraft =>
  withSection(d, type, (s) => ({
    ...s,
    bands: on ? [0, 0, Number.isInteger(s.count) && s.count > 0 ? s.count : 0, 0, 0] : null,
  }));

export const addSection = (d: BlueprintDraft, type: ItemType): BlueprintDraft =>
  d.sections.some((s) => s.type === type)
    ? d
    : { ...d, sections: [...d.sections, { type, count: 1, points: 1, bands: null }] };

export const removeSection = (d: BlueprintDraft, type: ItemType): BlueprintDraft => ({
  ...d,
  sections: d.sections.filter((s) => s.type !== type),
});

export const setAreaValue = (d: BlueprintDraft, code: string, value: number): BlueprintDraft => ({
  ...d,
  areaValues: { ...d.areaValues, [code]: value },
});

/**
 * Changes how areas are given. Counts start from the counts the areas get now (`current`, when known), and
 * percentages from the outline's weights, so switching changes nothing until the user edits a value.
 */
export function setAreaMode(
  d: BlueprintDraft,
  mode: AreaMode,
  areas: readonly GridArea[],
  current: Readonly<Record<string, number | null>>,
): BlueprintDraft {
  if (mode === d.areaMode) return d;
  const areaValues: Record<string, number> = {};
  if (mode === 'counts') for (const a of areas) areaValues[a.code] = current[a.code] ?? 0;
  if (mode === 'percent') for (const a of areas) areaValues[a.code] = a.weight;
  return { ...d, areaMode: mode, areaValues };
}
