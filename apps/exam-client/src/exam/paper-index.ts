import type { CandidateItemView, CandidatePaperView, ItemResponse } from '@kaowu/domain/browser';

export interface PaperEntry {
  readonly item: CandidateItemView;
  /** Position in the whole paper, from 0. */
  readonly index: number;
  readonly section: number;
}

export interface PaperIndex {
  readonly entries: readonly PaperEntry[];
  readonly byCode: ReadonlyMap<string, PaperEntry>;
  readonly sections: readonly {
    readonly name: string;
    readonly type: string;
    readonly points: number;
    readonly first: number;
    readonly count: number;
  }[];
}

/** The paper flattened for navigation: item by item through the sections, in the order shown. */
export function indexPaper(paper: CandidatePaperView): PaperIndex {
  const entries: PaperEntry[] = [];
  const sections = paper.sections.map((s, section) => {
    const first = entries.length;
    for (const item of s.items) entries.push({ item, index: entries.length, section });
    return { name: s.name, type: s.type, points: s.points, first, count: s.items.length };
  });
  return { entries, byCode: new Map(entries.map((e) => [e.item.code, e])), sections };
}

/**
 * An item counts as answered once it has a choice: a multiple-choice item with every box cleared
 * is unanswered again.
 */
export const isAnswered = (response: ItemResponse | undefined): boolean =>
  response !== undefined && response !== null && !(Array.isArray(response) && response.length === 0);

export const optionCount = (item: CandidateItemView): number =>
  item.type === 'true_false' ? 2 : (item.options?.length ?? 0);
