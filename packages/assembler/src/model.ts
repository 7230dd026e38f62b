import {
  areaCounts,
  blueprintProblems,
  DIFFICULTIES,
  indexOutline,
  ITEM_TYPE_NAMES,
  paperItemCount,
  problem,
  toHundredths,
  type BankSnapshot,
  type Blueprint,
  type Calibration,
  type SnapshotItem,
  type UsageHistory,
} from '@kaowu/domain';
import { cutUnits, INFORMATION_STEP, SCORE_STEP, unitsWindow } from './cut.ts';
import { assemblyError, type AssemblyError, type AssemblyProblem } from './errors.ts';
import { byCodeUnits } from './rng.ts';

/** A snapshot item that can take a place in the paper, located in the blueprint's grid. */
export interface Candidate {
  readonly code: string;
  readonly item: SnapshotItem;
  /** Index of the item's top-level area in `Model.areas`. */
  readonly area: number;
  /** Index of the item's section in the blueprint. */
  readonly section: number;
  readonly difficulty: number;
  /** Position of the item's point in the outline: the canonical order of items within a section. */
  readonly order: number;
}

/** Per area × section × difficulty cell, why items are or are not available (for error messages). */
export interface CellCounts {
  readonly approved: Int32Array;
  readonly excludedRecent: Int32Array;
  readonly excludedUses: Int32Array;
  readonly excludedEnemies: Int32Array;
  /** Left out by the exposure-rate cap over the last K batches. */
  readonly excludedRate: Int32Array;
}

/** The assembly problem after validation: what is needed (net of pinned items) and what may be used. */
export interface Model {
  readonly blueprint: Blueprint;
  readonly snapshot: BankSnapshot;
  readonly areas: readonly { code: string; name: string }[];
  readonly n: number;
  readonly pins: readonly Candidate[];
  /** Items that may be chosen, sorted by code. */
  readonly usable: readonly Candidate[];
  /** Enemy groups with at least two usable members (indexes into `usable`), in blueprint order. */
  readonly groups: readonly (readonly number[])[];
  readonly areaNeed: readonly number[];
  readonly typeNeed: readonly number[];
  /** Per section: items needed per difficulty band 1–5, or null when the section leaves difficulty free. */
  readonly bandNeed: readonly (readonly number[] | null)[];
  /** Points per item of each section, in hundredths. */
  readonly weights: readonly number[];
  /** Allowed Σ weight × difficulty over the non-pinned items, or null without a mean-difficulty target. */
  readonly window: { readonly lo: number; readonly hi: number } | null;
  readonly counts: CellCounts;
  /** Most items any two forms may share. */
  readonly overlapCap: number;
  /** The exposure window K (`exposure.lastBatches`), or 0 when exposure is neither preferred nor measured. */
  readonly exposureWindow: number;
  /** Per usable item: in how many of the last K batches it appeared (0 throughout without a window). */
  readonly seen: Int32Array;
  /** Item codes of the last K batches' papers (to measure a paper's exposure, pinned items included). */
  readonly seenCodes: ReadonlySet<string>;
  /** Calibrated difficulties (logits) by item code; items without one sit at their band's (BAND_LOGITS). */
  readonly calibration: Calibration;
  /**
   * At the cut (when the blueprint names one): per usable item its expected score and information in millionths
   * (`cut.ts`), the pinned items' sums, and the windows the non-pinned items' sums must meet (null: none).
   */
  readonly atCut: {
    readonly score: Float64Array;
    readonly information: Float64Array;
    readonly pinnedScore: number;
    readonly pinnedInformation: number;
    readonly scoreWindow: { readonly lo: number; readonly hi: number } | null;
    readonly informationWindow: { readonly lo: number; readonly hi: number } | null;
  } | null;
}

export const cellIndex = (model: Pick<Model, 'blueprint'>, area: number, section: number, difficulty: number): number =>
  (area * model.blueprint.sections.length + section) * 5 + difficulty - 1;

/** Checks the inputs fit together and locates every item; fails with every problem found. */
export function buildModel(
  snapshot: BankSnapshot,
  blueprint: Blueprint,
  usage: UsageHistory,
  calibration: Calibration = {},
): { ok: true; value: Model } | { ok: false; error: AssemblyError } {
  const problems: AssemblyProblem[] = [...blueprintProblems(blueprint, snapshot.outline)];
  if (snapshot.occupationCode !== blueprint.occupation || snapshot.level !== blueprint.level)
    problems.push(
      problem(
        'assembly_bank_mismatch',
        `组卷方案属于 ${blueprint.occupation} ${blueprint.level} 级，` +
          `题库版本属于 ${snapshot.occupationCode} ${snapshot.level} 级`,
        `the blueprint is for ${blueprint.occupation} level ${blueprint.level}, ` +
          `the snapshot for ${snapshot.occupationCode} level ${snapshot.level}`,
      ),
    );
  if (problems.length > 0)
    return {
      ok: false,
      error: assemblyError('assembly_blueprint_invalid', '组卷方案无效', 'the blueprint is invalid', problems),
    };

  const outline = indexOutline(snapshot.outline);
  const areas = areaCounts(blueprint, snapshot.outline);
  const areaIndex = new Map(areas.map((a, i) => [a.code, i]));
  const pointOrder = new Map([...outline.points.keys()].map((code, i) => [code, i]));
  const sectionOf = new Map(blueprint.sections.map((s, i) => [s.type, i]));
  const sections = blueprint.sections.length;
  const cells = areas.length * sections * 5;
  const counts: CellCounts = {
    approved: new Int32Array(cells),
    excludedRecent: new Int32Array(cells),
    excludedUses: new Int32Array(cells),
    excludedEnemies: new Int32Array(cells),
    excludedRate: new Int32Array(cells),
  };
  const model = { blueprint };

  const located = new Map<string, Candidate>();
  // Snapshots come sorted by code; sorting again only when they are not keeps the common case linear.
  const sorted = snapshot.items.every((item, i) => i === 0 || byCodeUnits(snapshot.items[i - 1]!.code, item.code) < 0);
  for (const item of sorted ? snapshot.items : [...snapshot.items].sort((a, b) => byCodeUnits(a.code, b.code))) {
    const point = outline.points.get(item.content.point);
    const section = sectionOf.get(item.content.type);
    const area = point === undefined ? undefined : areaIndex.get(point.areaPath[0] ?? '');
    if (area === undefined || section === undefined) continue;
    const candidate = {
      code: item.code,
      item,
      area,
      section,
      difficulty: item.content.difficulty,
      order: pointOrder.get(item.content.point) ?? 0,
    };
    located.set(item.code, candidate);
    counts.approved[cellIndex(model, area, section, candidate.difficulty)]!++;
  }

  const pinned = new Set(blueprint.pinned);
  const pins: Candidate[] = [];
  for (const code of blueprint.pinned) {
    const c = located.get(code);
    if (c !== undefined) pins.push(c);
    else if (snapshot.items.some((i) => i.code === code))
      problems.push(
        problem(
          'assembly_pin_out_of_blueprint',
          `固定试题 ${code} 的题型不在组卷方案中`,
          `pinned item ${code} is of a type the blueprint has no section for`,
        ),
      );
    else
      problems.push(
        problem(
          'assembly_pin_unknown',
          `固定试题 ${code} 不在题库版本中`,
          `pinned item ${code} is not in the snapshot`,
        ),
      );
  }

  // Exposure: items of the last K batches, and items used maxUses times or more. Pinned items are exempt:
  // pinning is an explicit choice, and a pinned item is by definition used in every batch.
  const recent = new Set(usage.recentBatches.slice(0, blueprint.exposure.excludeRecentBatches).flat());
  const maxUses = blueprint.exposure.maxUses;
  // The exposure window: in how many of the last K batches each item appeared. The rate cap lets an item into at
  // most ⌊maxRate × K⌋ of any K consecutive batches, this one included, so the last K − 1 count against it.
  const lastBatches = blueprint.exposure.lastBatches ?? 0;
  const seenIn = new Map<string, number>();
  const seenCapped = new Map<string, number>();
  usage.recentBatches.slice(0, lastBatches).forEach((batch, b) => {
    for (const code of new Set(batch)) {
      seenIn.set(code, (seenIn.get(code) ?? 0) + 1);
      if (b < lastBatches - 1) seenCapped.set(code, (seenCapped.get(code) ?? 0) + 1);
    }
  });
  const rateCap =
    blueprint.exposure.maxRate === undefined ? undefined : Math.floor(blueprint.exposure.maxRate * lastBatches + 1e-9);
  const excluded = new Set<string>();
  for (const c of located.values()) {
    if (pinned.has(c.code)) continue;
    const cell = cellIndex(model, c.area, c.section, c.difficulty);
    if (recent.has(c.code)) {
      counts.excludedRecent[cell]!++;
      excluded.add(c.code);
    } else if (maxUses !== undefined && (usage.useCounts[c.code] ?? 0) >= maxUses) {
      counts.excludedUses[cell]!++;
      excluded.add(c.code);
    } else if (rateCap !== undefined && (seenCapped.get(c.code) ?? 0) + 1 > rateCap) {
      counts.excludedRate[cell]!++;
      excluded.add(c.code);
    }
  }
  // A pinned item's enemies can never join it.
  for (const group of blueprint.enemies) {
    const pinsHere = group.filter((code) => pinned.has(code));
    if (pinsHere.length === 0) continue;
    for (const code of group) {
      const c = located.get(code);
      if (c === undefined || pinned.has(code) || excluded.has(code)) continue;
      excluded.add(code);
      counts.excludedEnemies[cellIndex(model, c.area, c.section, c.difficulty)]!++;
    }
  }

  const usable = [...located.values()].filter((c) => !pinned.has(c.code) && !excluded.has(c.code));
  const usableIndex = new Map(usable.map((c, i) => [c.code, i]));
  const groups = blueprint.enemies
    .map((group) =>
      group
        .map((code) => usableIndex.get(code))
        .filter((i): i is number => i !== undefined)
        .sort((a, b) => a - b),
    )
    .filter((members) => members.length >= 2);

  const areaNeed = areas.map((a, i) => a.count - pins.filter((p) => p.area === i).length);
  const typeNeed = blueprint.sections.map((s, i) => s.count - pins.filter((p) => p.section === i).length);
  const bandNeed = blueprint.sections.map((s, i) =>
    s.difficulty === undefined
      ? null
      : DIFFICULTIES.map(
          (d) => (s.difficulty?.[d] ?? 0) - pins.filter((p) => p.section === i && p.difficulty === d).length,
        ),
  );
  areaNeed.forEach((need, i) => {
    if (need < 0)
      problems.push(
        problem(
          'assembly_pins_exceed_area',
          `范围 ${areas[i]?.code} 的固定试题多于该范围的题量 ${areas[i]?.count}`,
          `area ${areas[i]?.code} has more pinned items than its ${areas[i]?.count} places`,
        ),
      );
  });
  typeNeed.forEach((need, i) => {
    const s = blueprint.sections[i]!;
    if (need < 0)
      problems.push(
        problem(
          'assembly_pins_exceed_section',
          `${ITEM_TYPE_NAMES[s.type]}的固定试题多于该题型的题量 ${s.count}`,
          `section ${s.type} has more pinned items than its ${s.count} places`,
        ),
      );
  });
  bandNeed.forEach((bands, i) =>
    bands?.forEach((need, d) => {
      if (need < 0)
        problems.push(
          problem(
            'assembly_pins_exceed_band',
            `${ITEM_TYPE_NAMES[blueprint.sections[i]!.type]} × 难度 ${d + 1} 的固定试题多于该难度的题量`,
            `section ${blueprint.sections[i]!.type} × difficulty ${d + 1} has more pinned items than places`,
          ),
        );
    }),
  );
  if (problems.length > 0)
    return {
      ok: false,
      error: assemblyError(
        'assembly_blueprint_invalid',
        '组卷方案与题库不符',
        'the blueprint does not fit the bank',
        problems,
      ),
    };

  const weights = blueprint.sections.map((s) => toHundredths(s.points));
  let window: Model['window'] = null;
  if (blueprint.meanDifficulty !== undefined) {
    // Σ weight × difficulty ÷ total ∈ [target − tolerance, target + tolerance], all in integers (thousandths).
    const total = toHundredths(blueprint.totalScore);
    const target = Math.round(blueprint.meanDifficulty.target * 1000);
    const tolerance = Math.round(blueprint.meanDifficulty.tolerance * 1000);
    const pinned = pins.reduce((sum, p) => sum + (weights[p.section] ?? 0) * p.difficulty, 0);
    window = {
      lo: Math.ceil(((target - tolerance) * total) / 1000) - pinned,
      hi: Math.floor(((target + tolerance) * total) / 1000) - pinned,
    };
  }
  const n = paperItemCount(blueprint);
  let atCut: Model['atCut'] = null;
  const cut = blueprint.cut;
  if (cut !== undefined) {
    const units = (c: Candidate) => cutUnits(blueprint, calibration, cut.ability, c);
    const pinned = pins.map(units);
    const pinnedScore = pinned.reduce((sum, u) => sum + u.score, 0);
    const pinnedInformation = pinned.reduce((sum, u) => sum + u.information, 0);
    const net = (w: { lo: number; hi: number }, by: number) => ({ lo: w.lo - by, hi: w.hi - by });
    const all = usable.map(units);
    atCut = {
      score: Float64Array.from(all, (u) => u.score),
      information: Float64Array.from(all, (u) => u.information),
      pinnedScore,
      pinnedInformation,
      scoreWindow:
        cut.expectedScore === undefined
          ? null
          : net(unitsWindow(cut.expectedScore.min, cut.expectedScore.max, SCORE_STEP), pinnedScore),
      informationWindow:
        cut.information === undefined
          ? null
          : net(unitsWindow(cut.information.min, cut.information.max, INFORMATION_STEP), pinnedInformation),
    };
  }
  return {
    ok: true,
    value: {
      blueprint,
      snapshot,
      areas,
      n,
      pins,
      usable,
      groups,
      areaNeed,
      typeNeed,
      bandNeed,
      weights,
      window,
      counts,
      overlapCap: Math.floor(blueprint.forms.maxOverlap * n + 1e-9),
      exposureWindow: lastBatches,
      seen: Int32Array.from(usable, (c) => seenIn.get(c.code) ?? 0),
      seenCodes: new Set(seenIn.keys()),
      calibration,
      atCut,
    },
  };
}
