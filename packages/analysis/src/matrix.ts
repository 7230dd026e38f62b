/**
 * The scored response matrix of one batch (or several pooled): persons × canonical items, stored flat
 * (row = person) in typed arrays so 10,000 × 200 stays a few megabytes and loops stay monomorphic.
 * A cell an item was not presented in (another form, missing by design) is NaN in `score` and -1 in
 * `choice`; a presented but unanswered cell scores 0 with an empty choice mask.
 */
export interface ItemMeta {
  /** canonical item code (the same item on every form/variant) */
  code: string;
  /** full marks of the item */
  maxScore: number;
  /** number of options (0 for items without options) */
  options: number;
  /** the keyed options (canonical indices); several for 多选 */
  key: number[];
}

export interface ResponseMatrix {
  items: ItemMeta[];
  persons: number;
  /** the form label of each person (A, B, …) */
  forms: string[];
  /** persons × items, row-major; NaN = not presented */
  score: Float64Array;
  /** persons × items bit mask of chosen canonical options (bit k = option k); -1 = not presented */
  choice: Int32Array;
}

export interface PersonResponses {
  form: string;
  /** per canonical item index: null when not presented */
  cells: ({ score: number; chosen: number[] } | null)[];
}

/** Builds the flat matrix from per-person rows (the services' shape). */
export function buildMatrix(items: ItemMeta[], rows: PersonResponses[]): ResponseMatrix {
  const k = items.length;
  const score = new Float64Array(rows.length * k).fill(Number.NaN);
  const choice = new Int32Array(rows.length * k).fill(-1);
  rows.forEach((row, p) => {
    row.cells.forEach((cell, i) => {
      if (!cell || i >= k) return;
      score[p * k + i] = cell.score;
      let mask = 0;
      for (const o of cell.chosen) mask |= 1 << o;
      choice[p * k + i] = mask;
    });
  });
  return { items, persons: rows.length, forms: rows.map((r) => r.form), score, choice };
}

/** The persons of one form, as a new matrix (same items; items not on the form stay all-NaN). */
export function selectForm(m: ResponseMatrix, form: string): ResponseMatrix {
  const k = m.items.length;
  const idx: number[] = [];
  for (let p = 0; p < m.persons; p++) if (m.forms[p] === form) idx.push(p);
  const score = new Float64Array(idx.length * k);
  const choice = new Int32Array(idx.length * k);
  idx.forEach((p, q) => {
    score.set(m.score.subarray(p * k, p * k + k), q * k);
    choice.set(m.choice.subarray(p * k, p * k + k), q * k);
  });
  return { items: m.items, persons: idx.length, forms: idx.map(() => form), score, choice };
}

/** Distinct form labels in first-seen order. */
export function formsOf(m: ResponseMatrix): string[] {
  return [...new Set(m.forms)];
}
