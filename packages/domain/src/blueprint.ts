import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { err, ok, problem, type Problem, type Result } from './errors.ts';
import { contentHash } from './hash.ts';
import { DIFFICULTIES, ITEM_TYPE_NAMES, ITEM_TYPES, parseItemType, type ItemType } from './item.ts';
import { levelCode } from './level-schema.ts';
import { occupationCode } from './occupation.ts';
import { indexOutline, type Outline } from './outline.ts';

/** Points and scores are compared in hundredths (0.5 → 50), so totals add up exactly. */
export const toHundredths = (value: number): number => Math.round(value * 100);
const hasHundredths = (value: number): boolean => Math.abs(value * 100 - Math.round(value * 100)) < 1e-9;

const points = z.number().positive({ message: '分值应大于 0' }).refine(hasHundredths, { message: '分值最多两位小数' });

/** Item types as written in blueprints: the English code or the Chinese name (判断题, 单项选择题…). */
const sectionType = z.string().transform((text, ctx): ItemType => {
  const type = (ITEM_TYPES as readonly string[]).includes(text) ? (text as ItemType) : parseItemType(text);
  if (type === undefined) {
    ctx.addIssue({ code: 'custom', message: `题型“${text}”无法识别，应为 判断题、单选题 或 多选题` });
    return z.NEVER;
  }
  return type;
});

const count = z.number().int().min(0);

/** Item counts per difficulty band (1 易 … 5 难); bands not named get no items. */
const difficultyBands = z.strictObject({
  1: count.default(0),
  2: count.default(0),
  3: count.default(0),
  4: count.default(0),
  5: count.default(0),
});
export type DifficultyBands = z.infer<typeof difficultyBands>;

export const blueprintSection = z.strictObject({
  type: sectionType,
  count: z.number().int().min(1),
  points,
  /** Exact counts per difficulty band within this section (they must add up to `count`). */
  difficulty: difficultyBands.optional(),
});
export type BlueprintSection = z.infer<typeof blueprintSection>;

/**
 * How the paper's items spread over the outline's top-level areas. Absent: the outline's theory weights
 * (理论知识权重表) as percentages. Percentages become counts by largest-remainder rounding (see `areaCounts`).
 */
export const areaDistribution = z.union([
  z.strictObject({ counts: z.record(z.string(), count) }),
  z.strictObject({ percent: z.record(z.string(), z.number().min(0).max(100)) }),
]);
export type AreaDistribution = z.infer<typeof areaDistribution>;

/**
 * A target for the paper's mean difficulty, weighted by points (Σ points × difficulty ÷ total score), on the
 * 1–5 band scale. Given to three decimals at most, so the window can be checked in integers.
 */
const thousandths = (v: number): boolean => Math.abs(v * 1000 - Math.round(v * 1000)) < 1e-9;
export const meanDifficulty = z.strictObject({
  target: z.number().min(1).max(5).refine(thousandths, { message: '目标平均难度最多三位小数' }),
  tolerance: z.number().min(0).max(4).refine(thousandths, { message: '允许偏差最多三位小数' }),
});
export type MeanDifficulty = z.infer<typeof meanDifficulty>;

/** Exposure control (曝光控制): items recently or often used are kept out of new papers. */
export const exposureRule = z.strictObject({
  /** Exclude items used in papers of the last K batches (0: none). */
  excludeRecentBatches: z.number().int().min(0).default(0),
  /** Exclude items already used this many times or more. */
  maxUses: z.number().int().min(1).optional(),
  /**
   * Exposure as a measured quantity (曝光率): the last K batches count. Items seen in fewer of them are preferred
   * (after the hard constraints and the parallel forms' overlap), and each paper records its share of items seen
   * in them. Absent: neither preference nor measurement (papers as before).
   */
  lastBatches: z.number().int().min(1).max(100).optional(),
  /**
   * Cap on an item's exposure rate over any `lastBatches` consecutive batches, this one included: an item may be
   * in at most ⌊maxRate × K⌋ of them (0.67 with K = 3: at most 2 of any 3 batches). Needs `lastBatches`.
   */
  maxRate: z.number().min(0).max(1).optional(),
});
export type ExposureRule = z.infer<typeof exposureRule>;

/** Parallel forms (平行试卷 A/B…): how many, and the largest share of items any two forms may share (0.2 = 20 %). */
export const formsRule = z.strictObject({
  count: z.number().int().min(1).max(26).default(1),
  maxOverlap: z.number().min(0).max(1).default(1),
  /**
   * Equated forms (等值平行试卷): the largest difference, in points, between any two forms' expected scores at the
   * cut (0.01 precision). The forms are assembled jointly to meet it. Needs `cut`.
   */
  equatingTolerance: z
    .number()
    .min(0, { message: '等值允许偏差不能为负数' })
    .refine(hasHundredths, { message: '等值允许偏差最多两位小数' })
    .optional(),
});
export type FormsRule = z.infer<typeof formsRule>;

const itemCode = z.string().trim().min(1);

/** A window [min, max] at the cut: expected score in points to hundredths, information to thousandths. */
const windowAt = (unit: string, precise: (v: number) => boolean, digits: string) =>
  z.strictObject({
    min: z
      .number()
      .min(0, { message: `${unit}下限不能为负数` })
      .refine(precise, { message: `${unit}下限最多${digits}位小数` }),
    max: z
      .number()
      .min(0, { message: `${unit}上限不能为负数` })
      .refine(precise, { message: `${unit}上限最多${digits}位小数` }),
  });
const scoreWindow = windowAt('期望得分', hasHundredths, '两');
const informationWindow = windowAt('信息量', thousandths, '三');
export type CutWindow = z.infer<typeof scoreWindow>;

/** A paper blueprint (组卷方案) for the theory exam of one occupation × level. */
export const blueprint = z.strictObject({
  occupation: occupationCode,
  level: levelCode,
  title: z.string().trim().min(1),
  durationMinutes: z.number().int().min(1),
  totalScore: points,
  sections: z.array(blueprintSection).min(1),
  areas: areaDistribution.optional(),
  meanDifficulty: meanDifficulty.optional(),
  exposure: exposureRule.default({ excludeRecentBatches: 0 }),
  /**
   * The pass-mark ability (合格线能力值) on the bank's logit scale: each paper records its expected score and
   * test information there, from the calibrated difficulties (uncalibrated items by their band, BAND_LOGITS).
   */
  cut: z
    .strictObject({
      ability: z.number().min(-6).max(6),
      /** Window for each paper's expected score at the cut, in points (0.01 precision). */
      expectedScore: scoreWindow.optional(),
      /** Window for each paper's Rasch test information at the cut (0.001 precision). */
      information: informationWindow.optional(),
    })
    .optional(),
  /** Enemy groups (互斥题组): items that must not appear in the same paper; at most one of each group is used. */
  enemies: z.array(z.array(itemCode).min(2, { message: '互斥题组至少包含 2 道题' })).default([]),
  /** Items every form must contain. */
  pinned: z.array(itemCode).default([]),
  forms: formsRule.default({ count: 1, maxOverlap: 1 }),
});
export type Blueprint = z.infer<typeof blueprint>;
export type BlueprintInput = z.input<typeof blueprint>;

const bandsTotal = (bands: DifficultyBands): number => DIFFICULTIES.reduce((sum, d) => sum + bands[d], 0);

export const paperItemCount = (value: Blueprint): number => value.sections.reduce((sum, s) => sum + s.count, 0);

/** Rules zod cannot express: totals add up, types and codes are not repeated, areas exist in the outline. */
export function blueprintProblems(value: Blueprint, outline?: Outline): Problem[] {
  const problems: Problem[] = [];
  const seenTypes = new Set<ItemType>();
  let scored = 0;
  for (const s of value.sections) {
    const name = ITEM_TYPE_NAMES[s.type];
    if (seenTypes.has(s.type))
      problems.push(
        problem(
          'blueprint_section_repeated',
          `题型 ${name} 出现了多次`,
          `section type ${s.type} appears more than once`,
        ),
      );
    seenTypes.add(s.type);
    scored += s.count * toHundredths(s.points);
    if (s.difficulty !== undefined && bandsTotal(s.difficulty) !== s.count)
      problems.push(
        problem(
          'blueprint_bands_total',
          `${name}各难度题量合计为 ${bandsTotal(s.difficulty)} 题，应等于该题型题量 ${s.count} 题`,
          `${s.type}: difficulty band counts add up to ${bandsTotal(s.difficulty)}, the section has ${s.count} items`,
        ),
      );
  }
  if (scored !== toHundredths(value.totalScore)) {
    const partsZh = value.sections.map((s) => `${ITEM_TYPE_NAMES[s.type]} ${s.count}×${s.points}`).join(' + ');
    const partsEn = value.sections.map((s) => `${s.type} ${s.count}×${s.points}`).join(' + ');
    problems.push(
      problem(
        'blueprint_score_total',
        `各题型分值合计为 ${scored / 100} 分（${partsZh}），应等于总分 ${value.totalScore} 分`,
        `sections add up to ${scored / 100} points (${partsEn}), the total score is ${value.totalScore}`,
      ),
    );
  }
  const n = paperItemCount(value);
  const areas = value.areas;
  if (areas !== undefined && 'counts' in areas) {
    const total = Object.values(areas.counts).reduce((sum, c) => sum + c, 0);
    if (total !== n)
      problems.push(
        problem(
          'blueprint_area_total',
          `各鉴定范围题量合计为 ${total} 题，应等于试卷题量 ${n} 题`,
          `area counts add up to ${total}, the paper has ${n} items`,
        ),
      );
  }
  if (areas !== undefined && 'percent' in areas) {
    const total = Object.values(areas.percent).reduce((sum, p) => sum + toHundredths(p), 0) / 100;
    if (total !== 100)
      problems.push(
        problem(
          'blueprint_area_percent',
          `各鉴定范围比例合计为 ${total}%，应为 100%`,
          `area percentages add up to ${total}%, not 100%`,
        ),
      );
  }
  if (outline !== undefined) {
    const top = new Set(indexOutline(outline).topAreas.map((a) => a.code));
    const named = areas === undefined ? [] : Object.keys('counts' in areas ? areas.counts : areas.percent);
    for (const code of named.sort())
      if (!top.has(code))
        problems.push(
          problem(
            'blueprint_unknown_area',
            `鉴定范围 ${code} 不是大纲中的一级鉴定范围`,
            `area ${code} is not a top-level area of the outline`,
          ),
        );
    if (outline.occupation.code !== value.occupation || outline.level !== value.level)
      problems.push(
        problem(
          'blueprint_outline_mismatch',
          `组卷方案属于 ${value.occupation} ${value.level} 级，大纲属于 ${outline.occupation.code} ${outline.level} 级`,
          `the blueprint is for ${value.occupation} level ${value.level}, ` +
            `the outline for ${outline.occupation.code} level ${outline.level}`,
        ),
      );
  }
  // An item may be pinned and in an enemy group (its group mates are then left out), but a pinned item is
  // named once, and an item belongs to at most one enemy group.
  const pinnedSeen = new Set<string>();
  for (const code of value.pinned) {
    if (pinnedSeen.has(code))
      problems.push(
        problem('blueprint_item_repeated', `固定试题 ${code} 重复出现`, `pinned item ${code} is named twice`),
      );
    pinnedSeen.add(code);
  }
  const groupOf = new Map<string, number>();
  value.enemies.forEach((group, i) => {
    for (const code of group) {
      const before = groupOf.get(code);
      if (before !== undefined)
        problems.push(
          problem(
            'blueprint_item_repeated',
            before === i
              ? `互斥题组 ${i + 1} 中试题 ${code} 重复出现`
              : `试题 ${code} 同时属于互斥题组 ${before + 1} 和 ${i + 1}，应合并为一组`,
            before === i
              ? `item ${code} is named twice in enemy group ${i + 1}`
              : `item ${code} is in enemy groups ${before + 1} and ${i + 1}: merge them`,
          ),
        );
      groupOf.set(code, i);
    }
    const pins = group.filter((code) => pinnedSeen.has(code));
    if (pins.length > 1)
      problems.push(
        problem(
          'blueprint_pins_are_enemies',
          `固定试题 ${pins.join('、')} 属于同一互斥题组，不能同时出现`,
          `pinned items ${pins.join(', ')} are in one enemy group`,
        ),
      );
  });
  const shareable = Math.floor(value.forms.maxOverlap * n + 1e-9);
  if (value.forms.count > 1 && value.pinned.length > shareable)
    problems.push(
      problem(
        'blueprint_pins_exceed_overlap',
        `固定试题 ${value.pinned.length} 道会出现在每套试卷中，超过了两套试卷允许的共同题量 ${shareable} 道`,
        `${value.pinned.length} pinned items appear in every form, ` +
          `more than the ${shareable} items two forms may share`,
      ),
    );
  const { lastBatches, maxRate } = value.exposure;
  if (maxRate !== undefined && lastBatches === undefined)
    problems.push(
      problem(
        'blueprint_exposure_rate',
        '曝光率上限需要同时给出统计的批次数（exposure.lastBatches）',
        'an exposure-rate cap (exposure.maxRate) needs the number of batches it counts (exposure.lastBatches)',
      ),
    );
  else if (maxRate !== undefined && lastBatches !== undefined && Math.floor(maxRate * lastBatches + 1e-9) < 1)
    problems.push(
      problem(
        'blueprint_exposure_rate',
        `曝光率上限 ${maxRate} × ${lastBatches} 个批次不足 1 次：任何试题都不能使用`,
        `an exposure rate of ${maxRate} over ${lastBatches} batches allows no item at all`,
      ),
    );
  const cut = value.cut;
  for (const [window, zh, en] of [
    [cut?.expectedScore, '期望得分', 'expected-score'],
    [cut?.information, '测验信息量', 'information'],
  ] as const)
    if (window !== undefined && window.min > window.max)
      problems.push(
        problem(
          'blueprint_cut_window',
          `合格线处${zh}范围的下限 ${window.min} 大于上限 ${window.max}`,
          `the ${en} window at the cut has min ${window.min} above max ${window.max}`,
        ),
      );
  if (cut?.expectedScore !== undefined && cut.expectedScore.min > value.totalScore)
    problems.push(
      problem(
        'blueprint_cut_window',
        `合格线处期望得分下限 ${cut.expectedScore.min} 超过总分 ${value.totalScore}`,
        `the expected-score window's min ${cut.expectedScore.min} exceeds the total score ${value.totalScore}`,
      ),
    );
  if (value.forms.equatingTolerance !== undefined && cut === undefined)
    problems.push(
      problem(
        'blueprint_equating_needs_cut',
        '等值允许偏差（forms.equatingTolerance）比较各套试卷在合格线处的期望得分，需要同时给出合格线能力值（cut.ability）',
        'an equating tolerance (forms.equatingTolerance) compares expected scores at the cut: it needs cut.ability',
      ),
    );
  return problems;
}

const issueProblems = (issues: readonly z.core.$ZodIssue[]): Problem[] =>
  issues.map((i) => {
    const where = i.path.length > 0 ? `${i.path.join('.')}：` : '';
    return problem(
      'blueprint_schema',
      `${where}${i.message}`,
      `${i.path.length > 0 ? `${i.path.join('.')}: ` : ''}${i.message}`,
    );
  });

/** Validates a blueprint as authored (an object read from YAML or a form): the schema, then the rules above. */
export function toBlueprint(input: unknown, outline?: Outline): Result<Blueprint, Problem[]> {
  const parsed = blueprint.safeParse(input);
  if (!parsed.success) return err(issueProblems(parsed.error.issues));
  const problems = blueprintProblems(parsed.data, outline);
  return problems.length > 0 ? err(problems) : ok(parsed.data);
}

/** Reads a blueprint.yaml file. */
export function parseBlueprint(yamlText: string, outline?: Outline): Result<Blueprint, Problem[]> {
  let input: unknown;
  try {
    input = parseYaml(yamlText);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return err([
      problem('blueprint_yaml', `组卷方案不是有效的 YAML：${message}`, `the blueprint is not valid YAML: ${message}`),
    ]);
  }
  return toBlueprint(input, outline);
}

/** The hash papers record: over the validated blueprint with its defaults filled in, so spelling variants agree. */
export const blueprintHash = (value: Blueprint): string => contentHash({ kind: 'kaowu-blueprint/1', blueprint: value });

export interface AreaCount {
  readonly code: string;
  readonly name: string;
  readonly count: number;
}

/**
 * Item counts per top-level area, in outline order. Percentages (the blueprint's, or else the outline's theory
 * weights) become counts by largest-remainder rounding: each area first gets ⌊n × p ÷ 100⌋, then the items left
 * over go one each to the areas with the largest remainders; equal remainders go to the area earlier in the
 * outline. All in integer arithmetic (percentages to hundredths), so every machine gets the same counts.
 */
export function areaCounts(value: Blueprint, outline: Outline): AreaCount[] {
  const top = indexOutline(outline).topAreas;
  const n = paperItemCount(value);
  const areas = value.areas;
  if (areas !== undefined && 'counts' in areas)
    return top.map((a) => ({ code: a.code, name: a.name, count: areas.counts[a.code] ?? 0 }));
  const percents = top.map((a) =>
    toHundredths(areas !== undefined && 'percent' in areas ? (areas.percent[a.code] ?? 0) : a.weight),
  );
  // Dividing by the actual sum (10000 when the percentages are valid) keeps the counts adding up to n regardless.
  const sum = percents.reduce((s, p) => s + p, 0);
  if (sum === 0) return top.map((a) => ({ code: a.code, name: a.name, count: 0 }));
  const floors = percents.map((p) => Math.floor((n * p) / sum));
  const remainders = percents.map((p) => (n * p) % sum);
  let left = n - floors.reduce((s, f) => s + f, 0);
  const order = top.map((_, i) => i).sort((i, j) => (remainders[j] ?? 0) - (remainders[i] ?? 0) || i - j);
  for (const i of order) {
    if (left <= 0) break;
    floors[i] = (floors[i] ?? 0) + 1;
    left--;
  }
  return top.map((a, i) => ({ code: a.code, name: a.name, count: floors[i] ?? 0 }));
}
