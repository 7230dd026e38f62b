import type { ItemContent, Paper } from '@kaowu/domain';
import { describe, expect, it } from 'vitest';
import { assemble, toCanonicalResponse, variant, variantJsonBytes, variantMapping, variantView } from './index.ts';
import { cellBank, makeOutline } from './testing/bank.ts';
import { testBlueprint } from './testing/blueprint.ts';

const outline = makeOutline(4);
const bank = cellBank(outline, () => 4);
const blueprint = testBlueprint(
  {
    title: '变体测试',
    durationMinutes: 60,
    sections: [
      { type: 'true_false', count: 20, points: 1 },
      { type: 'single', count: 30, points: 2 },
      { type: 'multiple', count: 10, points: 2 },
    ],
  },
  outline,
);
const assembled = assemble(bank, blueprint, 'variants');
if (!assembled.ok) throw new Error(assembled.error.zh);
const paper: Paper = assembled.value[0]!;
const contents = new Map(paper.sections.flatMap((s) => s.items.map((i) => [i.code, i.content] as const)));
const CANDIDATES = Array.from({ length: 40 }, (_, i) => `candidate-${i}`);

/** The response a candidate who knows the answer gives on their own variant. */
function correctShown(content: ItemContent, options: readonly number[] | null): boolean | number | number[] {
  if (content.type === 'true_false') return content.key;
  const shown = (k: number): number => options!.indexOf(k);
  return content.type === 'single' ? shown(content.key) : content.key.map(shown);
}

describe('per-candidate variants', () => {
  it('shuffles items within their sections and renumbers them, keeping every item exactly once', () => {
    for (const candidate of CANDIDATES) {
      const { view } = variant(paper, candidate);
      expect(view.sections.map((s) => s.type)).toEqual(paper.sections.map((s) => s.type));
      view.sections.forEach((section, s) =>
        expect(section.items.map((i) => i.code).sort()).toEqual(paper.sections[s]!.items.map((i) => i.code).sort()),
      );
      expect(view.sections.flatMap((s) => s.items.map((i) => i.number))).toEqual(
        Array.from({ length: 60 }, (_, i) => i + 1),
      );
    }
    const orders = new Set(
      CANDIDATES.map((c) =>
        variant(paper, c)
          .view.sections[1]!.items.map((i) => i.code)
          .join(),
      ),
    );
    expect(orders.size).toBe(CANDIDATES.length);
  });

  it('permutes options by each item’s rule: all, keep-last (last stays last) or none', () => {
    const rules = { all: 0, 'keep-last': 0, none: 0 };
    for (const candidate of CANDIDATES) {
      const { view, mapping } = variant(paper, candidate);
      const items = view.sections.flatMap((s) => s.items);
      mapping.items.forEach((entry, k) => {
        const content = contents.get(entry.code)!;
        expect(items[k]!.code).toBe(entry.code);
        if (content.type === 'true_false') return expect(entry.options).toBeNull();
        const order = entry.options!;
        expect([...order].sort((a, b) => a - b)).toEqual(content.options.map((_, i) => i));
        expect(items[k]!.options).toEqual(order.map((i) => content.options[i]));
        if (content.shuffle === 'none') expect(order).toEqual(content.options.map((_, i) => i));
        if (content.shuffle === 'keep-last') expect(order.at(-1)).toBe(content.options.length - 1);
        if (order.some((x, i) => x !== i)) rules[content.shuffle]++;
      });
    }
    expect(rules.all).toBeGreaterThan(0);
    expect(rules['keep-last']).toBeGreaterThan(0);
    expect(rules.none).toBe(0);
  });

  it('maps the right answer on any variant back to the canonical key', () => {
    for (const candidate of CANDIDATES) {
      const { mapping } = variant(paper, candidate);
      for (const entry of mapping.items) {
        const content = contents.get(entry.code)!;
        const mapped = toCanonicalResponse(mapping, entry.code, correctShown(content, entry.options));
        expect(mapped).toEqual({ ok: true, value: content.key });
      }
    }
  });

  it('passes blanks and shapes it cannot map through for grading to judge, and refuses unknown items', () => {
    const { mapping } = variant(paper, 'c');
    const single = mapping.items.find((i) => i.options !== null)!;
    expect(toCanonicalResponse(mapping, single.code, null)).toEqual({ ok: true, value: null });
    expect(toCanonicalResponse(mapping, single.code, 99)).toEqual({ ok: true, value: 99 });
    expect(toCanonicalResponse(mapping, single.code, true)).toEqual({ ok: true, value: true });
    const unknown = toCanonicalResponse(mapping, 'NOT-IN-PAPER', 0);
    expect(!unknown.ok && unknown.error.code).toBe('variant_unknown_item');
  });

  it('sends no key, explanation or content hash to the candidate', () => {
    for (const candidate of CANDIDATES.slice(0, 5)) {
      const { view } = variant(paper, candidate);
      const text = JSON.stringify(view);
      expect(text).not.toMatch(/"key"|"explanation"|"contentHash"/);
      for (const section of paper.sections)
        for (const item of section.items) {
          expect(text).not.toContain(item.contentHash);
          if (item.content.explanation !== '') expect(text).not.toContain(item.content.explanation);
        }
      expect(Object.keys(view.sections[0]!.items[0]!).sort()).toEqual(['code', 'number', 'points', 'stem', 'type']);
    }
  });

  it('gives a candidate the same variant every time', () => {
    expect(JSON.stringify(variant(paper, 'same'))).toBe(JSON.stringify(variant(paper, 'same')));
    expect(variant(paper, 'same').mapping).toMatchObject({ paperHash: paper.hash, candidateKey: 'same' });
  });
});

describe('the variant served as JSON', () => {
  it('is JSON.stringify of the view as UTF-8, byte for byte, also for stems and options that need escaping', () => {
    // Quotes, backslashes, line breaks, U+2028, control characters, CJK and an image reference in every stem and option.
    const odd = (text: string) => `${text} "引号" \\ 反斜杠\n换行\u2028\u0001 <img src="a.png"> 中文`;
    const escaped: Paper = {
      ...paper,
      title: odd(paper.title),
      sections: paper.sections.map((s) => ({
        ...s,
        name: odd(s.name),
        items: s.items.map((i) => ({
          ...i,
          content:
            i.content.type === 'true_false'
              ? { ...i.content, stem: odd(i.content.stem) }
              : { ...i.content, stem: odd(i.content.stem), options: i.content.options.map(odd) },
        })),
      })),
    } as Paper;
    for (const p of [paper, escaped])
      for (const candidate of CANDIDATES) {
        const whole = variant(p, candidate);
        expect(variantMapping(p, candidate)).toEqual(whole.mapping);
        expect(variantView(p, whole.mapping)).toEqual(whole.view);
        expect(new TextDecoder().decode(variantJsonBytes(p, whole.mapping))).toBe(JSON.stringify(whole.view));
      }
  });
});
