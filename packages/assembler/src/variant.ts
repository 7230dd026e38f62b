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
  const mapping = variantMapping(paper, candidateKey);
  return { view: variantView(paper, mapping), mapping };
}

/** The order `variant` draws (items within sections, options within items), without building the view. */
export function variantMapping(paper: Paper, candidateKey: string): VariantMapping {
  const random = rng('kaowu-variant', paper.hash, candidateKey);
  const mapped: { code: string; options: number[] | null }[] = [];
  for (const section of paper.sections) {
    const order = shuffle(
      section.items.map((_, i) => i),
      random,
    );
    for (const i of order) {
      const item = section.items[i]!;
      const content = item.content;
      mapped.push({
        code: item.code,
        options: content.type === 'true_false' ? null : optionOrder(content.options.length, content.shuffle, random),
      });
    }
  }
  return { paperHash: paper.hash, candidateKey, items: mapped };
}

/** The items of `paper` by code. */
const byCode = new WeakMap<Paper, Map<string, Paper['sections'][number]['items'][number]>>();
const itemsByCode = (paper: Paper) => {
  let items = byCode.get(paper);
  if (items === undefined) {
    items = new Map(paper.sections.flatMap((s) => s.items.map((i) => [i.code, i] as const)));
    byCode.set(paper, items);
  }
  return items;
};

/** What the candidate is shown of `paper` in the order `mapping` gives (from variantMapping). */
export function variantView(paper: Paper, mapping: VariantMapping): CandidatePaperView {
  const items = itemsByCode(paper);
  let k = 0;
  const sections = paper.sections.map((section) => ({
    type: section.type,
    name: section.name,
    points: section.points,
    items: section.items.map((): CandidateItemView => {
      const shown = mapping.items[k++]!;
      const item = items.get(shown.code)!;
      const content = item.content;
      if (content.type === 'true_false')
        return { number: k, code: item.code, type: content.type, points: item.points, stem: content.stem };
      return {
        number: k,
        code: item.code,
        type: content.type,
        points: item.points,
        stem: content.stem,
        options: shown.options!.map((o) => content.options[o]!),
      };
    }),
  }));
  return {
    kind: 'kaowu-paper-view/1',
    paperHash: paper.hash,
    candidateKey: mapping.candidateKey,
    form: paper.inputs.form,
    title: paper.title,
    durationMinutes: paper.durationMinutes,
    totalScore: paper.totalScore,
    sections,
  };
}

/**
 * Per paper, as UTF-8: the view's opening and its sections' (each with and without a leading comma), each item
 * number's opening, each item's JSON after its number, each option's JSON.
 */
interface Fragments {
  readonly head: Uint8Array;
  readonly title: Uint8Array;
  readonly sections: readonly (readonly [first: Uint8Array, next: Uint8Array])[];
  readonly numbers: readonly (readonly [first: Uint8Array, next: Uint8Array])[];
  readonly items: Map<string, { readonly rest: Uint8Array; readonly options: readonly Uint8Array[] | null }>;
}
const fragments = new WeakMap<Paper, Fragments>();
const utf8 = new TextEncoder();
const bytes = (text: string): Uint8Array => utf8.encode(text);
const json = (value: unknown): string => JSON.stringify(value);
const COMMA = bytes(',');
const OPTIONS = bytes(',"options":[');
const CLOSE_ITEM = bytes('}');
/** Closes an item's options and the item, a section's items and the section, or the sections and the view. */
const CLOSE = bytes(']}');

function fragmentsOf(paper: Paper): Fragments {
  let f = fragments.get(paper);
  if (f !== undefined) return f;
  const items: Fragments['items'] = new Map();
  const numbers: [Uint8Array, Uint8Array][] = [];
  for (const section of paper.sections)
    for (const item of section.items) {
      const c = item.content;
      numbers.push([bytes(`{"number":${numbers.length + 1}`), bytes(`,{"number":${numbers.length + 1}`)]);
      items.set(item.code, {
        rest: bytes(
          `,"code":${json(item.code)},"type":${json(c.type)},"points":${json(item.points)},"stem":${json(c.stem)}`,
        ),
        options: c.type === 'true_false' ? null : c.options.map((o) => bytes(json(o))),
      });
    }
  f = {
    head: bytes(`{"kind":"kaowu-paper-view/1","paperHash":${json(paper.hash)},"candidateKey":`),
    title: bytes(
      `,"form":${json(paper.inputs.form)},"title":${json(paper.title)},"durationMinutes":${json(paper.durationMinutes)},"totalScore":${json(paper.totalScore)},"sections":[`,
    ),
    sections: paper.sections.map((s) => {
      const text = `{"type":${json(s.type)},"name":${json(s.name)},"points":${json(s.points)},"items":[`;
      return [bytes(text), bytes(`,${text}`)] as const;
    }),
    numbers,
    items,
  };
  fragments.set(paper, f);
  return f;
}

/**
 * `JSON.stringify(variantView(paper, mapping))` as UTF-8, byte for byte, copied from pieces encoded once per
 * paper: a room fetching its papers at once costs a copy per candidate, not a tree of objects to build,
 * serialise, encode and collect.
 */
export function variantJsonBytes(paper: Paper, mapping: VariantMapping): Uint8Array<ArrayBuffer> {
  const f = fragmentsOf(paper);
  const parts: Uint8Array[] = [f.head, bytes(json(mapping.candidateKey)), f.title];
  let k = 0;
  paper.sections.forEach((section, s) => {
    parts.push(f.sections[s]![s === 0 ? 0 : 1]);
    for (let i = 0; i < section.items.length; i++, k++) {
      const shown = mapping.items[k]!;
      const item = f.items.get(shown.code)!;
      parts.push(f.numbers[k]![i === 0 ? 0 : 1], item.rest);
      if (item.options === null || shown.options === null) {
        parts.push(CLOSE_ITEM);
        continue;
      }
      parts.push(OPTIONS);
      shown.options.forEach((o, j) => {
        if (j > 0) parts.push(COMMA);
        parts.push(item.options![o]!);
      });
      parts.push(CLOSE);
    }
    parts.push(CLOSE);
  });
  parts.push(CLOSE);
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
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
