import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { TEST_BLUEPRINT } from '@kaowu/domain/testing';
import { describe, expect, it } from 'vitest';
import {
  areaItems,
  draftText,
  gridColumns,
  hints,
  problemPlace,
  problemsByPlace,
  readDraft,
  setAreaMode,
  setAreaValue,
  setBand,
  setBanded,
  setSection,
  shortfallText,
  starterDraft,
  supply,
  totals,
  writeDraft,
  type ApprovedCell,
  type BlueprintDraft,
  type GridArea,
} from './blueprint-grid.ts';
import { draftToYaml, yamlToDraft } from './blueprint-yaml.ts';

const DEMO_YAML = readFileSync(
  resolve(import.meta.dirname, '../../../../../question-banks/6-31-01-03-电工/5/blueprint.yaml'),
  'utf8',
);
const AREAS: GridArea[] = [
  { code: 'A', name: '职业道德', weight: 5 },
  { code: 'B', name: '基础知识', weight: 20 },
  { code: 'C', name: '电工读图', weight: 15 },
  { code: 'D', name: '电工仪表', weight: 12 },
  { code: 'E', name: '低压电器', weight: 18 },
  { code: 'F', name: '电气线路', weight: 18 },
  { code: 'G', name: '照明', weight: 7 },
  { code: 'H', name: '安全', weight: 5 },
];

function demo(): BlueprintDraft {
  const read = yamlToDraft(DEMO_YAML);
  if (!read.ok) throw new Error(read.message);
  return read.draft;
}
const placesOf = (d: BlueprintDraft): string[] => hints(d, AREAS).map((h) => h.place);

describe('blueprint ⇄ grid', () => {
  it('reads the demo bank blueprint.yaml into the grid and writes back the same blueprint', () => {
    const d = demo();
    expect(d.sections).toEqual([
      { type: 'true_false', count: 40, points: 0.5, bands: null },
      { type: 'single', count: 140, points: 0.5, bands: null },
      { type: 'multiple', count: 10, points: 1, bands: null },
    ]);
    expect([d.areaMode, d.meanDifficulty, d.excludeRecentBatches, d.forms, d.maxOverlap]).toEqual([
      'weights',
      { target: 2.7, tolerance: 0.2 },
      0,
      1,
      1,
    ]);
    expect([d.lastBatches, d.maxRate]).toEqual([3, 0.67]);
    expect([d.cutAbility, d.expectedScore, d.information, d.equatingTolerance]).toEqual([0.4, null, null, null]);
    // The file's fields survive the round trip (the defaults it leaves out are written explicitly).
    expect(writeDraft(d)).toEqual({ ...parse(DEMO_YAML), forms: { count: 1, maxOverlap: 1 } });
    const again = yamlToDraft(draftToYaml(d));
    expect(again).toEqual({ ok: true, draft: d });
  });

  it('reads the blueprint the server stored (type codes, defaults filled in) like the file it came from', () => {
    const stored = {
      ...TEST_BLUEPRINT,
      meanDifficulty: { target: 2.7, tolerance: 0.2 },
      exposure: { excludeRecentBatches: 0, lastBatches: 3, maxRate: 0.67 },
      enemies: [],
      pinned: [],
      cut: { ability: 0.4 },
      forms: { count: 2, maxOverlap: 1 },
    };
    const read = readDraft(stored);
    expect(read.ok && { ...read.draft, rest: {} }).toEqual({ ...demo(), forms: 2 });
    // What the grid does not edit goes back unchanged.
    expect(read.ok && writeDraft(read.draft)).toMatchObject({ enemies: [], pinned: [] });
  });

  it('writes difficulty bands and area counts as blueprint.yaml spells them, and reads them back', () => {
    const d = setAreaMode(
      setBand(setBand(setBanded(demo(), 'multiple', true), 'multiple', 3, 6), 'multiple', 5, 4),
      'counts',
      AREAS,
      { A: 10, B: 38, C: 29, D: 23, E: 34, F: 34, G: 13, H: 9 },
    );
    const text = draftToYaml(d);
    expect(text).toContain('- { type: 多选题, count: 10, points: 1, difficulty: { 1: 0, 2: 0, 3: 6, 4: 0, 5: 4 } }');
    expect(text).toMatch(/areas:\n {2}counts:\n {4}A: 10\n {4}B: 38/);
    expect(yamlToDraft(text)).toEqual({ ok: true, draft: d });
    // The text the server is sent is JSON, which its YAML reader takes as it is.
    expect(readDraft(JSON.parse(draftText(d)))).toEqual({ ok: true, draft: d });
  });

  it('writes the windows at the cut and the equating tolerance as the blueprint schema names them, and reads them back', () => {
    const d: BlueprintDraft = {
      ...demo(),
      forms: 4,
      maxOverlap: 0.2,
      expectedScore: { min: 58, max: 62.5 },
      information: { min: 30, max: 45.125 },
      equatingTolerance: 1,
    };
    expect(hints(d, AREAS)).toEqual([]);
    const written = writeDraft(d);
    expect([written.cut, written.forms]).toEqual([
      { ability: 0.4, expectedScore: { min: 58, max: 62.5 }, information: { min: 30, max: 45.125 } },
      { count: 4, maxOverlap: 0.2, equatingTolerance: 1 },
    ]);
    const text = draftToYaml(d);
    expect(text).toMatch(/cut:\n {2}ability: 0\.4\n {2}expectedScore:\n {4}min: 58\n {4}max: 62\.5\n/);
    expect(yamlToDraft(text)).toEqual({ ok: true, draft: d });
    expect(readDraft(JSON.parse(draftText(d)))).toEqual({ ok: true, draft: d });
    // No cut: nothing about it is written (papers as before).
    expect(
      writeDraft({ ...d, cutAbility: null, expectedScore: null, information: null, equatingTolerance: null }),
    ).not.toHaveProperty('cut');
    expect(yamlToDraft(DEMO_YAML.replace('ability: 0.4', 'ability: 高'))).toEqual({
      ok: false,
      message: 'cut.ability 应为数字，而不是“高”',
    });
  });

  it('refuses, with the reason, YAML the grid cannot show', () => {
    expect(yamlToDraft('sections: [\n  { type: 判断题')).toEqual({
      ok: false,
      message: expect.stringMatching(/^YAML 格式有误（第 \d 行）/),
    });
    expect(yamlToDraft(DEMO_YAML.replace('type: 多选题', 'type: 填空题'))).toEqual({
      ok: false,
      message: 'sections 第 3 项：题型“填空题”无法识别，应为 判断题、单选题 或 多选题',
    });
    expect(yamlToDraft(DEMO_YAML.replace('durationMinutes: 90', 'durationMinutes: 九十'))).toEqual({
      ok: false,
      message: 'durationMinutes 应为数字，而不是“九十”',
    });
    expect(yamlToDraft(`${DEMO_YAML}areas: { weights: { A: 5 } }\n`)).toEqual({
      ok: false,
      message: 'areas 应为 { counts: {…} } 或 { percent: {…} }',
    });
  });

  it('starts a bank without any assembly from the usual 100-point, 190-item paper that passes every check', () => {
    const d = starterDraft({ occupationCode: '6-31-01-03', level: 5 }, '电工（五级/初级工）理论知识考试试卷');
    expect([totals(d).items, totals(d).score, hints(d, AREAS)]).toEqual([190, 100, []]);
  });
});

describe('totals and hints', () => {
  it('adds the demo paper up to 190 items and 100 points with nothing to fix', () => {
    const t = totals(demo());
    expect([t.items, t.score, t.areas]).toEqual([190, 100, null]);
    expect(t.sections.map((s) => s.score)).toEqual([20, 70, 10]);
    expect(hints(demo(), AREAS)).toEqual([]);
  });

  it('points at the total score when a count changes the sum', () => {
    const d = setSection(demo(), 'true_false', { count: 41 });
    expect([totals(d).items, totals(d).score]).toEqual([191, 100.5]);
    expect(hints(d, AREAS)).toEqual([
      {
        place: 'totalScore',
        message: '各题型分值合计为 100.5 分（判断题 41×0.5 + 单选题 140×0.5 + 多选题 10×1），应等于总分 100 分',
      },
    ]);
  });

  it('points at the type whose bands do not add up, and at a band that is no count', () => {
    const banded = setBanded(demo(), 'multiple', true);
    expect(hints(banded, AREAS)).toEqual([]);
    expect(hints(setBand(banded, 'multiple', 5, 8), AREAS)).toEqual([
      { place: 'section:multiple', message: '多选题各难度题量合计为 18 题，应等于该题型题量 10 题' },
    ]);
    expect(placesOf(setBand(banded, 'multiple', 2, Number.NaN))).toEqual(['band:multiple:2']);
  });

  it('checks area counts against the paper and percentages against 100', () => {
    const counts = setAreaMode(demo(), 'counts', AREAS, { A: 10, B: 38, C: 29, D: 23, E: 34, F: 34, G: 13, H: 9 });
    expect(hints(counts, AREAS)).toEqual([]);
    expect(hints(setAreaValue(counts, 'H', 29), AREAS)).toEqual([
      { place: 'areas', message: '各鉴定范围题量合计为 210 题，应等于试卷题量 190 题' },
    ]);
    expect(placesOf(setAreaValue(counts, 'H', -1))).toEqual(['area:H']);
    const percent = setAreaMode(demo(), 'percent', AREAS, {});
    expect(totals(percent).areas).toBe(100);
    expect(hints(setAreaValue(percent, 'A', 6), AREAS)).toEqual([
      { place: 'areas', message: '各鉴定范围比例合计为 101%，应为 100%' },
    ]);
  });

  it('flags empty boxes and out-of-range rules where they are typed', () => {
    const d: BlueprintDraft = {
      ...setSection(demo(), 'single', { points: Number.NaN }),
      title: ' ',
      durationMinutes: 0,
      forms: 27,
      maxOverlap: 1.5,
      excludeRecentBatches: -1,
      meanDifficulty: { target: 6, tolerance: 0.2 },
    };
    expect(placesOf(d)).toEqual(['title', 'duration', 'points:single', 'mean', 'exposure', 'forms', 'overlap']);
  });

  it('checks the cut, its windows and the equating tolerance where they are typed', () => {
    const d = demo();
    expect(hints({ ...d, cutAbility: 7 }, AREAS)).toEqual([
      { place: 'cut', message: '合格线能力值应在 −6 到 6 之间（logit）' },
    ]);
    expect(hints({ ...d, expectedScore: { min: 62, max: 58 } }, AREAS)).toEqual([
      { place: 'expectedScore', message: '期望得分范围的下限 62 大于上限 58' },
    ]);
    expect(hints({ ...d, information: { min: Number.NaN, max: 40 } }, AREAS)).toEqual([
      { place: 'information', message: '测验信息量范围的上下限应为非负数，最多三位小数' },
    ]);
    expect(placesOf({ ...d, expectedScore: { min: 101, max: 102 } })).toEqual(['expectedScore']);
    expect(placesOf({ ...d, equatingTolerance: 0.005 })).toEqual(['equating']);
    expect(hints({ ...d, cutAbility: null, equatingTolerance: 1, expectedScore: { min: 58, max: 62 } }, AREAS)).toEqual(
      [
        { place: 'expectedScore', message: '期望得分范围需要同时填写合格线能力值' },
        { place: 'equating', message: '平行卷等值容差比较合格线处的期望得分，需要同时填写合格线能力值' },
      ],
    );
  });
});

describe('the grid', () => {
  const cells: ApprovedCell[] = [
    { area: 'A', type: 'multiple', difficulty: 3, count: 4 },
    { area: 'A', type: 'multiple', difficulty: 5, count: 2 },
    { area: 'B', type: 'multiple', difficulty: 5, count: 4 },
    { area: 'B', type: 'single', difficulty: 2, count: 7 },
  ];

  it('splits a banded type into five band columns and a subtotal', () => {
    const cols = gridColumns(setBanded(demo(), 'multiple', true));
    expect(cols.map((c) => `${c.type}${c.difficulty ?? ''}${c.subtotal ? '合计' : ''}`)).toEqual([
      'true_false',
      'single',
      'multiple1',
      'multiple2',
      'multiple3',
      'multiple4',
      'multiple5',
      'multiple合计',
    ]);
  });

  it('counts the approved supply of a cell, a row and a column', () => {
    expect(supply(cells, { area: 'A', type: 'multiple', difficulty: 5 })).toBe(2);
    expect(supply(cells, { area: 'A', type: 'multiple', difficulty: null })).toBe(6);
    expect(supply(cells, { type: 'multiple', difficulty: 5 })).toBe(6);
    expect(supply(cells, { area: 'B' })).toBe(11);
  });

  it('shows typed area counts, or the counts the server computed from weights, or nothing yet', () => {
    expect(areaItems(demo(), AREAS.slice(0, 2), undefined)).toEqual({ A: null, B: null });
    expect(
      areaItems(demo(), AREAS.slice(0, 2), [
        { code: 'A', count: 10 },
        { code: 'B', count: 38 },
      ]),
    ).toEqual({ A: 10, B: 38 });
    expect(
      areaItems(setAreaMode(demo(), 'counts', AREAS, { A: 12 }), AREAS.slice(0, 2), [{ code: 'A', count: 10 }]),
    ).toEqual({ A: 12, B: 0 });
  });

  it('places each feasibility problem in its cell: a margin, a crossing or the whole paper', () => {
    expect(problemPlace({ code: 'assembly_area_short', zh: '', en: '', cell: { area: 'H' } })).toBe('area:H');
    expect(problemPlace({ code: 'assembly_section_short', zh: '', en: '', cell: { type: 'single' } })).toBe(
      'section:single',
    );
    expect(
      problemPlace({ code: 'assembly_band_short', zh: '', en: '', cell: { type: 'multiple', difficulty: 5 } }),
    ).toBe('band:multiple:5');
    expect(
      problemPlace({
        code: 'assembly_cell_short',
        zh: '',
        en: '',
        cell: { area: 'B', type: 'multiple', difficulty: 5 },
      }),
    ).toBe('cell:B:multiple:5');
    expect(problemPlace({ code: 'assembly_cell_short', zh: '', en: '', cell: { area: 'B', type: 'single' } })).toBe(
      'cell:B:single',
    );
    expect(problemPlace({ code: 'assembly_mean_unreachable', zh: '', en: '', cell: {} })).toBe('paper');
    expect(problemPlace({ code: 'assembly_conflict', zh: '', en: '' })).toBe('paper');
    const flags = problemsByPlace([
      { code: 'x', zh: '范围 H：需要 49 题', en: '', cell: { area: 'H' } },
      { code: 'y', zh: '还有', en: '', cell: { area: 'H' } },
    ]);
    expect(flags.get('area:H')?.map((p) => p.zh)).toEqual(['范围 H：需要 49 题', '还有']);
    expect(
      shortfallText({
        code: 'assembly_band_short',
        zh: '',
        en: '',
        shortfall: {
          need: 8,
          usable: 6,
          approved: 6,
          excludedRecent: 0,
          excludedUses: 0,
          excludedEnemies: 0,
          inEnemyGroups: 0,
          inEarlierForms: 0,
        },
      }),
    ).toBe('需要 8，可用 6');
  });
});
