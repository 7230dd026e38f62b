import { DIFFICULTIES, ITEM_TYPE_NAMES, ITEM_TYPES, parseItemType, type ItemType } from '@kaowu/domain/browser';

/**
 * A blueprint (组卷方案) as the grid edits it, and its two conversions: from whatever a blueprint file or the
 * server holds (YAML read into an object, or the stored blueprint) and back to the object the server reads.
 * Values the user typed stay as typed (NaN for an empty box) so the grid can point at them; the server's schema
 * (packages/domain/src/blueprint.ts) stays the authority on what a valid blueprint is.
 */

/** Items per difficulty band 1 易 … 5 难. */
export type Bands = readonly [number, number, number, number, number];

export interface SectionDraft {
  readonly type: ItemType;
  readonly count: number;
  readonly points: number;
  /** Exact counts per difficulty band, or null when the section leaves difficulty to the mean-difficulty target. */
  readonly bands: Bands | null;
}

/** How items spread over the outline's areas: the outline's theory weights, the blueprint's percentages, or counts. */
export type AreaMode = 'weights' | 'percent' | 'counts';

export interface BlueprintDraft {
  readonly occupation: string;
  readonly level: number;
  readonly title: string;
  readonly durationMinutes: number;
  readonly totalScore: number;
  readonly sections: readonly SectionDraft[];
  readonly areaMode: AreaMode;
  /** Per area code: items (`counts`) or percent (`percent`); empty for `weights`. */
  readonly areaValues: Readonly<Record<string, number>>;
  readonly meanDifficulty: { readonly target: number; readonly tolerance: number } | null;
  readonly excludeRecentBatches: number;
  readonly maxUses: number | null;
  /** Exposure measured over the last K batches, least-used preferred (null: neither); the rate cap (0–1) over them. */
  readonly lastBatches: number | null;
  readonly maxRate: number | null;
  /** Parallel forms (平行试卷) and the largest share of items two forms may have in common (0–1). */
  readonly forms: number;
  readonly maxOverlap: number;
  /** The pass-mark ability (合格线能力值, logits) each paper is measured at, or null: no measurement at the cut. */
  readonly cutAbility: number | null;
  /** Windows at the cut: each paper's expected score (points) and test information; null: no window. */
  readonly expectedScore: Window | null;
  readonly information: Window | null;
  /** Equated forms: the largest difference in expected score at the cut between two forms (points); null: none. */
  readonly equatingTolerance: number | null;
  /** What the grid does not edit (enemy groups, pinned items, anything else), written back unchanged. */
  readonly rest: Readonly<Record<string, unknown>>;
}

/** A window [min, max]; an empty box is NaN, as everywhere in the draft. */
export interface Window {
  readonly min: number;
  readonly max: number;
}

export type ReadResult =
  | { readonly ok: true; readonly draft: BlueprintDraft }
  | { readonly ok: false; readonly message: string };

const EDITED = new Set([
  'occupation',
  'level',
  'title',
  'durationMinutes',
  'totalScore',
  'sections',
  'areas',
  'meanDifficulty',
  'exposure',
  'forms',
  'cut',
]);

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

class Unreadable extends Error {}

/**
 * A number as written; absent gives the fallback; text that is no number makes the blueprint
 * unreadable for the grid.
 */
function num(value: unknown, where: string, fallback?: number): number {
  if (value === undefined || value === null) {
    if (fallback !== undefined) return fallback;
    throw new Unreadable(`缺少 ${where}`);
  }
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  throw new Unreadable(`${where} 应为数字，而不是“${String(value)}”`);
}

function readSection(raw: unknown, i: number): SectionDraft {
  const where = `sections 第 ${i + 1} 项`;
  if (!isRecord(raw)) throw new Unreadable(`${where} 应为 { type, count, points }`);
  const text = String(raw.type ?? '');
  const type = (ITEM_TYPES as readonly string[]).includes(text) ? (text as ItemType) : parseItemType(text);
  if (type === undefined) throw new Unreadable(`${where}：题型“${text}”无法识别，应为 判断题、单选题 或 多选题`);
  let bands: Bands | null = null;
  if (raw.difficulty !== undefined && raw.difficulty !== null) {
    if (!isRecord(raw.difficulty)) throw new Unreadable(`${where}：difficulty 应为 { 1: 题量, …, 5: 题量 }`);
    const d = raw.difficulty;
    const extra = Object.keys(d).filter((k) => !['1', '2', '3', '4', '5'].includes(k));
    if (extra.length > 0) throw new Unreadable(`${where}：难度只有 1–5 档，没有“${extra.join('、')}”`);
    bands = DIFFICULTIES.map((b) => num(d[b], `${where} 难度 ${b}`, 0)) as unknown as Bands;
  }
  return { type, count: num(raw.count, `${where} count`), points: num(raw.points, `${where} points`), bands };
}

/**
 * Reads a blueprint object (from YAML or the server) for the grid; what the grid cannot show is
 * refused with the reason.
 */
export function readDraft(input: unknown): ReadResult {
  try {
    if (!isRecord(input)) throw new Unreadable('组卷方案应为若干“字段: 值”');
    if (!Array.isArray(input.sections)) throw new Unreadable('sections 应为题型列表');
    const sections = input.sections.map(readSection);
    let areaMode: AreaMode = 'weights';
    const areaValues: Record<string, number> = {};
    if (input.areas !== undefined && input.areas !== null) {
      const areas = input.areas;
      const table = isRecord(areas) ? (areas.counts ?? areas.percent) : undefined;
      if (!isRecord(areas) || !isRecord(table) || Object.keys(areas).length !== 1)
        throw new Unreadable('areas 应为 { counts: {…} } 或 { percent: {…} }');
      areaMode = 'counts' in areas ? 'counts' : 'percent';
      for (const [code, v] of Object.entries(table)) areaValues[code] = num(v, `areas ${code}`);
    }
    const mean = input.meanDifficulty;
    if (mean !== undefined && mean !== null && !isRecord(mean))
      throw new Unreadable('meanDifficulty 应为 { target, tolerance }');
    const exposure = isRecord(input.exposure) ? input.exposure : {};
    const forms = isRecord(input.forms) ? input.forms : {};
    if (input.cut !== undefined && input.cut !== null && !isRecord(input.cut))
      throw new Unreadable('cut 应为 { ability, expectedScore, information }');
    const cut = isRecord(input.cut) ? input.cut : undefined;
    const window = (raw: unknown, where: string): Window | null => {
      if (raw === undefined || raw === null) return null;
      if (!isRecord(raw)) throw new Unreadable(`${where} 应为 { min, max }`);
      return { min: num(raw.min, `${where}.min`), max: num(raw.max, `${where}.max`) };
    };
    const rest: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(input)) if (!EDITED.has(k)) rest[k] = v;
    return {
      ok: true,
      draft: {
        occupation: String(input.occupation ?? ''),
        level: num(input.level, 'level'),
        title: String(input.title ?? ''),
        durationMinutes: num(input.durationMinutes, 'durationMinutes'),
        totalScore: num(input.totalScore, 'totalScore'),
        sections,
        areaMode,
        areaValues,
        meanDifficulty: isRecord(mean)
          ? {
              target: num(mean.target, 'meanDifficulty.target'),
              tolerance: num(mean.tolerance, 'meanDifficulty.tolerance'),
            }
          : null,
        excludeRecentBatches: num(exposure.excludeRecentBatches, 'exposure.excludeRecentBatches', 0),
        maxUses:
          exposure.maxUses === undefined || exposure.maxUses === null
            ? null
            : num(exposure.maxUses, 'exposure.maxUses'),
        lastBatches:
          exposure.lastBatches === undefined || exposure.lastBatches === null
            ? null
            : num(exposure.lastBatches, 'exposure.lastBatches'),
        maxRate:
          exposure.maxRate === undefined || exposure.maxRate === null
            ? null
            : num(exposure.maxRate, 'exposure.maxRate'),
        forms: num(forms.count, 'forms.count', 1),
        maxOverlap: num(forms.maxOverlap, 'forms.maxOverlap', 1),
        cutAbility: cut === undefined ? null : num(cut.ability, 'cut.ability'),
        expectedScore: window(cut?.expectedScore, 'cut.expectedScore'),
        information: window(cut?.information, 'cut.information'),
        equatingTolerance:
          forms.equatingTolerance === undefined || forms.equatingTolerance === null
            ? null
            : num(forms.equatingTolerance, 'forms.equatingTolerance'),
        rest,
      },
    };
  } catch (e) {
    if (e instanceof Unreadable) return { ok: false, message: e.message };
    throw e;
  }
}

/**
 * The blueprint object, in the order of the bank folder's blueprint.yaml, types by their Chinese names. Every
 * difficulty band is written, so a band left at 0 reads as a decision rather than an omission.
 */
export function writeDraft(d: BlueprintDraft): Record<string, unknown> {
  const out: Record<string, unknown> = {
    occupation: d.occupation,
    level: d.level,
    title: d.title,
    durationMinutes: d.durationMinutes,
    totalScore: d.totalScore,
    sections: d.sections.map((s) => ({
      type: ITEM_TYPE_NAMES[s.type],
      count: s.count,
      points: s.points,
      ...(s.bands === null ? {} : { difficulty: Object.fromEntries(DIFFICULTIES.map((b) => [b, s.bands![b - 1]])) }),
    })),
  };
  if (d.areaMode !== 'weights') out.areas = { [d.areaMode]: { ...d.areaValues } };
  if (d.meanDifficulty !== null) out.meanDifficulty = { ...d.meanDifficulty };
  // A blueprint measuring exposure over the last K batches need not name the hard exclusion it does not use.
  out.exposure = {
    ...(d.excludeRecentBatches === 0 && d.lastBatches !== null ? {} : { excludeRecentBatches: d.excludeRecentBatches }),
    ...(d.maxUses === null ? {} : { maxUses: d.maxUses }),
    ...(d.lastBatches === null ? {} : { lastBatches: d.lastBatches }),
    ...(d.maxRate === null ? {} : { maxRate: d.maxRate }),
  };
  out.forms = {
    count: d.forms,
    maxOverlap: d.maxOverlap,
    ...(d.equatingTolerance === null ? {} : { equatingTolerance: d.equatingTolerance }),
  };
  // Windows without a cut are written as they are: the server then names what is missing (cut.ability).
  const windows = {
    ...(d.expectedScore === null ? {} : { expectedScore: { ...d.expectedScore } }),
    ...(d.information === null ? {} : { information: { ...d.information } }),
  };
  if (d.cutAbility !== null || Object.keys(windows).length > 0)
    out.cut = { ...(d.cutAbility === null ? {} : { ability: d.cutAbility }), ...windows };
  return { ...out, ...d.rest };
}

/**
 * What the server is sent: the blueprint as JSON text, which is also YAML (the endpoint reads YAML), so the grid
 * needs no YAML library until someone opens the YAML view.
 */
export const draftText = (d: BlueprintDraft): string => JSON.stringify(writeDraft(d));

/**
 * A first blueprint for a bank nothing was assembled from yet: the usual 100-point theory paper of 90 minutes
 * (判断题 40 × 0.5, 单选题 140 × 0.5, 多选题 10 × 1), items spread by the outline's weights.
 */
export function starterDraft(bank: { occupationCode: string; level: number }, title: string): BlueprintDraft {
  return {
    occupation: bank.occupationCode,
    level: bank.level,
    title,
    durationMinutes: 90,
    totalScore: 100,
    sections: [
      { type: 'true_false', count: 40, points: 0.5, bands: null },
      { type: 'single', count: 140, points: 0.5, bands: null },
      { type: 'multiple', count: 10, points: 1, bands: null },
    ],
    areaMode: 'weights',
    areaValues: {},
    meanDifficulty: null,
    excludeRecentBatches: 0,
    maxUses: null,
    lastBatches: null,
    maxRate: null,
    forms: 1,
    maxOverlap: 1,
    cutAbility: null,
    expectedScore: null,
    information: null,
    equatingTolerance: null,
    rest: {},
  };
}
