import { ITEM_TYPE_NAMES, paperHash, type Paper, type PaperInputs, type PaperItem } from '@kaowu/domain';
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
  if (model.exposureWindow === 0) return {};
  const seen = items.filter((c) => model.seenCodes.has(c.code)).length;
  return { measures: { exposure: { batches: model.exposureWindow, seen, items: items.length } } };
}
