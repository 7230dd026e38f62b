import { areaCounts, blueprintHash, parseBlueprint, toBlueprint } from '@kaowu/domain';
import { TEST_BLUEPRINT } from '@kaowu/domain/testing';
import { describe, expect, it } from 'vitest';
import { makeOutline } from './testing/bank.ts';
import { DEMO_FOLDER, demoOutline, FEATURE_FIXTURE, readBlueprint } from './testing/files.ts';

const outline = makeOutline(8);
const valid = TEST_BLUEPRINT;
const codes = (input: unknown): string[] => {
  const parsed = toBlueprint(input, outline);
  return parsed.ok ? [] : parsed.error.map((p) => p.code);
};

describe('a blueprint file (组卷方案)', () => {
  it('reads every feature from the fixture, filling defaults and normalising type names', () => {
    const blueprint = readBlueprint(FEATURE_FIXTURE, outline);
    expect(blueprint.sections.map((s) => s.type)).toEqual(['true_false', 'single', 'multiple']);
    expect(blueprint.sections[0]!.difficulty).toEqual({ 1: 3, 2: 6, 3: 6, 4: 3, 5: 2 });
    expect(blueprint.areas).toEqual({ percent: { A: 10, B: 15, C: 15, D: 15, E: 15, F: 10, G: 10, H: 10 } });
    expect(blueprint.meanDifficulty).toEqual({ target: 2.9, tolerance: 0.1 });
    expect(blueprint.exposure).toEqual({ excludeRecentBatches: 1, maxUses: 3, lastBatches: 4, maxRate: 0.5 });
    expect(blueprint.cut).toEqual({ ability: 0.3 });
    expect(blueprint.enemies).toHaveLength(2);
    expect(blueprint.pinned).toEqual(['C002-T1-0002', 'E001-M2-0001']);
    expect(blueprint.forms).toEqual({ count: 3, maxOverlap: 0.25 });
  });

  it('hashes the validated blueprint, so spelling a type in Chinese or English gives the same hash', () => {
    const english = toBlueprint(valid);
    const chinese = toBlueprint({
      ...valid,
      sections: valid.sections.map((s, i) => ({ ...s, type: ['判断题', '单选题', '多选题'][i] })),
    });
    expect(chinese.ok && english.ok && blueprintHash(chinese.value) === blueprintHash(english.value)).toBe(true);
  });

  // 190 items, 100 points, areas by the theory weights.
  it('gives the demo bank a blueprint that fits its outline', () => {
    const demo = demoOutline();
    const blueprint = readBlueprint(`${DEMO_FOLDER}blueprint.yaml`, demo);
    expect(blueprint.sections.map((s) => [s.type, s.count, s.points])).toEqual([
      ['true_false', 40, 0.5],
      ['single', 140, 0.5],
      ['multiple', 10, 1],
    ]);
    // A 5 %, B 20 %, C 15 %, D 12 %, E 18 %, F 18 %, G 7 %, H 5 % of 190, by largest remainder.
    expect(
      areaCounts(blueprint, demo)
        .map((a) => `${a.code}${a.count}`)
        .join(' '),
    ).toBe('A10 B38 C29 D23 E34 F34 G13 H9');
    expect(blueprint.exposure).toEqual({ excludeRecentBatches: 0, lastBatches: 3, maxRate: 0.67 });
  });
});

describe('blueprint validation', () => {
  it('refuses sections whose points do not add up to the total score, showing the sum', () => {
    const parsed = toBlueprint({ ...valid, totalScore: 90 });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error[0]!.code).toBe('blueprint_score_total');
      expect(parsed.error[0]!.zh).toContain('各题型分值合计为 100 分');
      expect(parsed.error[0]!.en).toContain('sections add up to 100 points');
    }
  });

  it('refuses difficulty bands that do not add up to the section count', () => {
    const sections = [{ ...valid.sections[0]!, difficulty: { 1: 10, 2: 10 } }, valid.sections[1]!, valid.sections[2]!];
    expect(codes({ ...valid, sections })).toEqual(['blueprint_bands_total']);
  });

  it('refuses area counts or percentages that do not add up, and areas the outline lacks', () => {
    expect(codes({ ...valid, areas: { counts: { A: 100, B: 80 } } })).toEqual(['blueprint_area_total']);
    expect(codes({ ...valid, areas: { percent: { A: 50, B: 40 } } })).toEqual(['blueprint_area_percent']);
    expect(codes({ ...valid, areas: { counts: { A: 100, Q: 90 } } })).toEqual(['blueprint_unknown_area']);
  });

  it('refuses repeated section types, items named twice, and more pinned items than forms may share', () => {
    const twice = {
      ...valid,
      sections: [
        valid.sections[0]!,
        { ...valid.sections[1]!, count: 100 },
        { type: 'single', count: 40, points: 0.5 },
        valid.sections[2]!,
      ],
    };
    expect(codes(twice)).toEqual(['blueprint_section_repeated']);
    expect(codes({ ...valid, pinned: ['X', 'X'] })).toEqual(['blueprint_item_repeated']);
    expect(
      codes({
        ...valid,
        enemies: [
          ['X', 'Y'],
          ['Y', 'Z'],
        ],
      }),
    ).toEqual(['blueprint_item_repeated']);
    expect(codes({ ...valid, pinned: ['X', 'Y'], enemies: [['X', 'Y']] })).toEqual(['blueprint_pins_are_enemies']);
    expect(codes({ ...valid, pinned: ['X'], enemies: [['X', 'Y']] })).toEqual([]);
    expect(codes({ ...valid, pinned: ['P1', 'P2', 'P3'], forms: { count: 2, maxOverlap: 0.01 } })).toEqual([
      'blueprint_pins_exceed_overlap',
    ]);
  });

  it('names unknown item types and malformed YAML in Chinese', () => {
    const parsed = toBlueprint({ ...valid, sections: [{ type: '填空题', count: 1, points: 100 }] });
    expect(!parsed.ok && parsed.error[0]!.zh).toContain('题型“填空题”无法识别');
    const broken = parseBlueprint('sections: [unclosed');
    expect(!broken.ok && broken.error[0]!.code).toBe('blueprint_yaml');
  });

  it('reads windows at the cut and the equating tolerance from YAML, and refuses them malformed', () => {
    const yaml = (cut: string, forms: string): string =>
      [
        'occupation: 6-31-01-03',
        'level: 5',
        'title: 等值平行试卷',
        'durationMinutes: 90',
        'totalScore: 100',
        'sections:',
        '  - { type: 单选题, count: 100, points: 1 }',
        cut,
        forms,
      ].join('\n');
    const parsed = parseBlueprint(
      yaml(
        'cut: { ability: 0.2, expectedScore: { min: 61.5, max: 63.25 }, information: { min: 18, max: 30.125 } }',
        'forms: { count: 4, maxOverlap: 0.2, equatingTolerance: 1 }',
      ),
      outline,
    );
    expect(parsed.ok && parsed.value.cut).toEqual({
      ability: 0.2,
      expectedScore: { min: 61.5, max: 63.25 },
      information: { min: 18, max: 30.125 },
    });
    expect(parsed.ok && parsed.value.forms).toEqual({ count: 4, maxOverlap: 0.2, equatingTolerance: 1 });
    const problems = (cut: string, forms = 'forms: { count: 2 }') => {
      const result = parseBlueprint(yaml(cut, forms), outline);
      return result.ok ? [] : result.error.map((p) => [p.code, p.zh]);
    };
    expect(problems('cut: { ability: 0, expectedScore: { min: 70, max: 60 } }')).toEqual([
      ['blueprint_cut_window', '合格线处期望得分范围的下限 70 大于上限 60'],
    ]);
    expect(problems('cut: { ability: 0, information: { min: 20, max: 19.999 } }')).toEqual([
      ['blueprint_cut_window', '合格线处测验信息量范围的下限 20 大于上限 19.999'],
    ]);
    expect(problems('cut: { ability: 0, expectedScore: { min: 101, max: 102 } }')).toEqual([
      ['blueprint_cut_window', '合格线处期望得分下限 101 超过总分 100'],
    ]);
    expect(problems('cut: { ability: 0, expectedScore: { min: 60.001, max: 70 } }')).toEqual([
      ['blueprint_schema', 'cut.expectedScore.min：期望得分下限最多两位小数'],
    ]);
    expect(problems('cut: { ability: 0 }', 'forms: { count: 2, equatingTolerance: -1 }')).toEqual([
      ['blueprint_schema', 'forms.equatingTolerance：等值允许偏差不能为负数'],
    ]);
    expect(problems('', 'forms: { count: 2, equatingTolerance: 1 }').map(([code]) => code)).toEqual([
      'blueprint_equating_needs_cut',
    ]);
    // A window belongs to the cut: written anywhere else it is refused.
    expect(problems('expectedScore: { min: 60, max: 70 }').map(([code]) => code)).toEqual(['blueprint_schema']);
  });

  it('refuses a blueprint for another occupation or level than the outline', () => {
    expect(codes({ ...valid, level: 4 })).toEqual(['blueprint_outline_mismatch']);
  });

  it('turns percentages into counts by largest remainder, ties going to the earlier area', () => {
    const three = makeOutline(3, { weights: [34, 33, 33] });
    const blueprint = toBlueprint({ ...valid, sections: [{ type: 'single', count: 10, points: 10 }] }, three);
    // 3.4, 3.3, 3.3 → 3, 3, 3 and one left: the largest remainder is A's.
    expect(blueprint.ok && areaCounts(blueprint.value, three).map((a) => a.count)).toEqual([4, 3, 3]);
    const even = makeOutline(3, { weights: [40, 30, 30] });
    const eleven = toBlueprint({ ...valid, sections: [{ type: 'single', count: 5, points: 20 }] }, even);
    // 2, 1.5, 1.5 → 2, 1, 1 and one left: B and C tie, B is earlier in the outline.
    expect(eleven.ok && areaCounts(eleven.value, even).map((a) => a.count)).toEqual([2, 2, 1]);
  });
});
