import type { ItemContent, VariantMapping } from '@kaowu/domain';

/** A response as a candidate's client sends it (an ItemResponse, with a fresh array for multiple choice). */
export type Clicked = boolean | number | number[] | null;

/** What a simulated candidate clicks, in canonical option numbers: the key when right, else a near miss. */
export function simulatedResponse(content: ItemContent, right: boolean): Clicked {
  if (right) return content.key;
  if (content.type === 'true_false') return !content.key;
  if (content.type === 'single') return (content.key + 1) % content.options.length;
  return content.key.slice(0, 1);
}

/**
 * A canonical response in the option order one candidate was shown: the inverse of toCanonicalResponse, so demo,
 * test and bench sittings answer through the same shuffle a real candidate sees.
 */
export function inShownOrder(mapping: VariantMapping, itemCode: string, canonical: Clicked): Clicked {
  const order = mapping.items.find((m) => m.code === itemCode)?.options ?? null;
  if (order === null || canonical === null || typeof canonical === 'boolean') return canonical;
  const shown = (k: number): number => order.indexOf(k);
  return typeof canonical === 'number' ? shown(canonical) : canonical.map(shown);
}
