import {
  BAND_LOGITS,
  ITEM_TYPE_NAMES,
  paperHash,
  type Difficulty,
  type Paper,
  type PaperInputs,
  type PaperItem,
  type PaperMeasures,
} from '@kaowu/domain';
import type { Candidate, Model } from './model.ts';
import { byCodeUnits } from './rng.ts';

/**
 * The sealed paper: sections in blueprint order, items within a section in outline order (then by code),
 * numbered through the paper, each with its content so the stored paper needs nothing else.
 */
export function sealPaper(model: Model, inputs: PaperInputs, items: readonly Candidate[]): Paper {
  const { blueprint } = model;
  let number = 0;
  const sections = blueprint.sections.map((section, s) => ({
    type: section.type,
    name: ITEM_TYPE_NAMES[section.type],
    points: section.points,
    items: items
      .filter((c) => c.section === s)
      .sort((x, y) => x.order - y.order || byCodeUnits(x.code, y.code))
      .map(
        (c): PaperItem => ({
          number: ++number,
          code: c.code,
          version: c.item.version,
          contentHash: c.item.contentHash,
          area: model.areas[c.area]!.code,
          points: section.points,
          content: structuredClone(c.item.content),
        }),
      ),
  }));
  const body: Omit<Paper, 'hash'> = {
    kind: 'kaowu-paper/1',
    occupation: blueprint.occupation,
    level: blueprint.level,
    title: blueprint.title,
    durationMinutes: blueprint.durationMinutes,
    totalScore: blueprint.totalScore,
    inputs,
    sections,
    ...measured(model, items),
  };
  return { ...body, hash: paperHash(body) };
}

/** The paper's measures, when the blueprint asks for them: none are recorded otherwise (papers as before). */
function measured(model: Model, items: readonly Candidate[]): Pick<Paper, 'measures'> {
  const measures: PaperMeasures = {};
  if (model.exposureWindow > 0) {
    const seen = items.filter((c) => model.seenCodes.has(c.code)).length;
    measures.exposure = { batches: model.exposureWindow, seen, items: items.length };
  }
  const cut = model.blueprint.cut;
  if (cut !== undefined) measures.atCut = atCut(model, items, cut.ability);
  return Object.keys(measures).length === 0 ? {} : { measures };
}

/**
 * Expected score and Rasch information at ability θ, summed in code order so every process adds the same
 * floating-point numbers in the same order; rounded to 0.01 point and 0.001.
 */
export function atCut(model: Model, items: readonly Candidate[], ability: number): NonNullable<PaperMeasures['atCut']> {
  let expected = 0;
  let information = 0;
  let calibrated = 0;
  const points = model.blueprint.sections.map((s) => s.points);
  for (const c of [...items].sort((x, y) => byCodeUnits(x.code, y.code))) {
    const logit = model.calibration[c.code];
    if (logit !== undefined) calibrated++;
    const b = logit ?? BAND_LOGITS[c.difficulty as Difficulty];
    const p = 1 / (1 + Math.exp(b - ability));
    expected += (points[c.section] ?? 0) * p;
    information += p * (1 - p);
  }
  return {
    ability,
    expectedScore: Math.round(expected * 100) / 100,
    information: Math.round(information * 1000) / 1000,
    calibrated,
  };
}
