import { parseRichText, type CandidatePaperView, type Inline } from '@kaowu/domain/browser';
import type { AssetUrl } from '@kaowu/item-view';
import { createSignal, type Accessor } from 'solid-js';
import { problemOf, type ExamApi, type Problem } from '../api/types.ts';

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

/** The paper's figures on this device. */
export interface Assets {
  /** A figure as a data: URL; '' for one not loaded (its caption shows instead). */
  readonly url: AssetUrl;
  /** How many figures are missing and why, for the candidate to tell the proctor; undefined when all are in. */
  readonly problem: Accessor<Problem | undefined>;
  /** Asks again for the missing figures. */
  retry(): Promise<void>;
}

/**
 * Figures are fetched once, with the candidate's token, when the paper loads, and kept as data: URLs (the CSP
 * allows `img-src 'self' data:`): they show without further requests, offline too. A figure that cannot be
 * loaded shows its caption instead, and the exam screen says so, with the code and a retry.
 */
export async function loadAssets(api: ExamApi, paper: CandidatePaperView): Promise<Assets> {
  const names = assetNames(paper);
  const [loaded, setLoaded] = createSignal<ReadonlyMap<string, string>>(new Map());
  const [failure, setFailure] = createSignal<unknown>();
  const missing = () => names.filter((name) => !loaded().has(name));
  const fetchMissing = async () => {
    let failed: unknown;
    const got = await Promise.all(
      missing().map(async (name) => {
        const url = await api.asset(name).catch((e: unknown) => {
          failed = e;
          return undefined;
        });
        return [name, url] as const;
      }),
    );
    setLoaded(new Map([...loaded(), ...got.filter((e): e is [string, string] => e[1] !== undefined)]));
    setFailure(failed);
  };
  await fetchMissing();
  return {
    url: (name) => loaded().get(name) ?? '',
    problem: () => {
      const n = missing().length;
      return n === 0
        ? undefined
        : problemOf(failure(), `有 ${n} 张图片未能载入，题中以文字说明代替。请点击“重试”；仍不行请举手示意监考员。`);
    },
    retry: fetchMissing,
  };
}
