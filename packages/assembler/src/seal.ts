import {
  ITEM_TYPE_NAMES,
  paperHash,
  type Paper,
  type PaperInputs,
  type PaperItem,
  type PaperMeasures,
} from '@kaowu/domain';
import { cutUnits, recordedInformation, recordedScore } from './cut.ts';
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
 * Expected score and Rasch information at ability θ: exact integer sums of each item's share in millionths
 * (`cut.ts`), rounded to 0.01 point and 0.001.
 */
export function atCut(model: Model, items: readonly Candidate[], ability: number): NonNullable<PaperMeasures['atCut']> {
  let score = 0;
  let information = 0;
  let calibrated = 0;
  for (const c of items) {
    const u = cutUnits(model.blueprint, model.calibration, ability, c);
    score += u.score;
    information += u.information;
    if (u.calibrated) calibrated++;
  }
  return {
    ability,
    expectedScore: recordedScore(score),
    information: recordedInformation(information),
    calibrated,
  };
}
