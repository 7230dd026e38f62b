import { parseRichText, type CandidatePaperView, type Inline } from '@kaowu/domain/browser';
import type { ExamApi } from '../api/types.ts';

function collect(nodes: readonly Inline[], into: Set<string>): void {
  for (const n of nodes) {
    if (n.t === 'image') into.add(n.asset);
    else if (n.t === 'strong' || n.t === 'em') collect(n.c, into);
  }
}

/** Every bank asset (figure) the paper shows, in stems and options. */
export function assetNames(paper: CandidatePaperView): string[] {
  const names = new Set<string>();
  for (const s of paper.sections)
    for (const item of s.items)
      for (const text of [item.stem, ...(item.options ?? [])]) for (const p of parseRichText(text)) collect(p, names);
  return [...names];
}

/**
 * Figures are fetched once, with the candidate's token, when the paper loads, and kept as data: URLs (the CSP
 * allows `img-src 'self' data:`): they show without further requests, offline too. A figure that cannot be
 * loaded shows its caption instead.
 */
export async function loadAssets(api: ExamApi, paper: CandidatePaperView): Promise<(name: string) => string> {
  const loaded = new Map<string, string>();
  await Promise.all(
    assetNames(paper).map(async (name) => {
      const url = await api.asset(name).catch(() => undefined);
      if (url !== undefined) loaded.set(name, url);
    }),
  );
  return (name) => loaded.get(name) ?? '';
}
