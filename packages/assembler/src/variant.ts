import {
  err,
  ok,
  type CandidateItemView,
  type CandidatePaperView,
  type ItemResponse,
  type Paper,
  type Problem,
  type Result,
  type ShuffleRule,
  type VariantMapping,
} from '@kaowu/domain';
import { rng, shuffle, type Rng } from './rng.ts';

export interface CandidateVariant {
  /** What the candidate is shown: no keys, no explanations, no content hashes. */
  readonly view: CandidatePaperView;
  /** Kept by the exam system to map the candidate's responses back to the paper. */
  readonly mapping: VariantMapping;
}

/** Shown position → canonical option index, under the item's shuffle rule ('keep-last' shuffles all but the last). */
function optionOrder(count: number, rule: ShuffleRule, random: Rng): number[] {
  const order: number[] = [];
  for (let i = 0; i < count; i++) order.push(i);
  if (rule === 'none') return order;
  // Fisher–Yates over the shuffled prefix; written out because this runs for every item of every candidate.
  for (let i = rule === 'keep-last' ? count - 2 : count - 1; i > 0; i--) {
    const j = random.below(i + 1);
    const v = order[i]!;
    order[i] = order[j]!;
    order[j] = v;
  }
  return order;
}

/**
 * One candidate's variant of a paper: items shuffled within their sections, options within their items
 * (per item shuffle rule), drawn from a stream named by the paper's hash and the candidate key — so the same
 * candidate always gets the same variant, and the mapping can always be recomputed.
 */
export function variant(paper: Paper, candidateKey: string): CandidateVariant {
  const random = rng('kaowu-variant', paper.hash, candidateKey);
  const mapped: { code: string; options: number[] | null }[] = [];
  let number = 0;
  const sections = paper.sections.map((section) => {
    const order = shuffle(
      section.items.map((_, i) => i),
      random,
    );
    const items = order.map((i): CandidateItemView => {
      const item = section.items[i]!;
      const content = item.content;
      number++;
      if (content.type === 'true_false') {
        mapped.push({ code: item.code, options: null });
        return { number, code: item.code, type: content.type, points: item.points, stem: content.stem };
      }
      const options = optionOrder(content.options.length, content.shuffle, random);
      mapped.push({ code: item.code, options });
      return {
        number,
        code: item.code,
        type: content.type,
        points: item.points,
        stem: content.stem,
        options: options.map((k) => content.options[k]!),
      };
    });
    return { type: section.type, name: section.name, points: section.points, items };
  });
  return {
    view: {
      kind: 'kaowu-paper-view/1',
      paperHash: paper.hash,
      candidateKey,
      form: paper.inputs.form,
      title: paper.title,
      durationMinutes: paper.durationMinutes,
      totalScore: paper.totalScore,
      sections,
    },
    mapping: { paperHash: paper.hash, candidateKey, items: mapped },
  };
}

const lookups = new WeakMap<VariantMapping, Map<string, readonly number[] | null>>();

/**
 * A response given on the candidate's variant, in the paper's canonical option order (indexes sorted for
 * multiple choice). Shapes that are not option indexes pass through unchanged for grading to judge.
 */
export function toCanonicalResponse(
  mapping: VariantMapping,
  itemCode: string,
  response: ItemResponse,
): Result<ItemResponse, Problem<'variant_unknown_item'>> {
  let lookup = lookups.get(mapping);
  if (lookup === undefined) {
    lookup = new Map(mapping.items.map((i) => [i.code, i.options]));
    lookups.set(mapping, lookup);
  }
  if (!lookup.has(itemCode))
    return err({
      code: 'variant_unknown_item',
      zh: `试题 ${itemCode} 不在该考生的试卷中`,
      en: `item ${itemCode} is not in this candidate's paper`,
    });
  const options = lookup.get(itemCode);
  if (options === null || options === undefined || response === null || typeof response === 'boolean')
    return ok(response);
  const canonical = (shown: number): number =>
    Number.isInteger(shown) && shown >= 0 && shown < options.length ? options[shown]! : shown;
  if (typeof response === 'number') return ok(canonical(response));
  return ok(response.map(canonical).sort((a, b) => a - b));
}
