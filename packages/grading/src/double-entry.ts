/**
 * Two-person score entry (双人复核): a score becomes final only when a second person's entry matches
 * the first, or a second person confirms it. Entries are given in the order they were made; a person's
 * later entry replaces their earlier one.
 */

export type EnteredValue = number | 'absent';

export type ScoreEntry =
  | {
      readonly candidateId: string;
      readonly field: string;
      readonly by: string;
      readonly kind: 'entry';
      readonly value: EnteredValue;
    }
  /** Confirms the latest entry made by someone else. */
  | { readonly candidateId: string; readonly field: string; readonly by: string; readonly kind: 'confirmation' };

export interface FinalScore {
  readonly candidateId: string;
  readonly field: string;
  readonly value: EnteredValue;
  /** The two (or more) people whose agreement made it final. */
  readonly people: readonly string[];
}

export interface EntryMismatch {
  readonly candidateId: string;
  readonly field: string;
  readonly values: readonly { by: string; value: EnteredValue }[];
  readonly message: string;
}

export interface EntryReconciliation {
  readonly final: readonly FinalScore[];
  readonly mismatches: readonly EntryMismatch[];
  /** Entered once and neither re-entered nor confirmed by someone else yet. */
  readonly awaiting: readonly { candidateId: string; field: string; by: string; value: EnteredValue }[];
}

const show = (v: EnteredValue): string => (v === 'absent' ? '缺考' : String(v));

interface Track {
  candidateId: string;
  field: string;
  /** person → latest value and when (index in the entry list). */
  latest: Map<string, { value: EnteredValue; at: number }>;
  confirmations: { by: string; at: number }[];
}

export function reconcileEntries(
  entries: readonly ScoreEntry[],
  names: Readonly<Record<string, string>> = {},
): EntryReconciliation {
  const tracks = new Map<string, Track>();
  entries.forEach((e, at) => {
    const key = `${e.candidateId}\u0000${e.field}`;
    const track: Track = tracks.get(key) ?? {
      candidateId: e.candidateId,
      field: e.field,
      latest: new Map(),
      confirmations: [],
    };
    tracks.set(key, track);
    if (e.kind === 'entry') track.latest.set(e.by, { value: e.value, at });
    else track.confirmations.push({ by: e.by, at });
  });
  const nameOf = (id: string): string => names[id] ?? id;
  const final: FinalScore[] = [];
  const mismatches: EntryMismatch[] = [];
  const awaiting: EntryReconciliation['awaiting'][number][] = [];
  for (const t of tracks.values()) {
    const people = [...t.latest];
    const first = people[0];
    if (first === undefined) continue; // confirmations of nothing
    if (people.length === 1) {
      const [by, { value, at }] = first;
      const confirmer = t.confirmations.find((c) => c.by !== by && c.at > at);
      if (confirmer !== undefined)
        final.push({ candidateId: t.candidateId, field: t.field, value, people: [by, confirmer.by] });
      else awaiting.push({ candidateId: t.candidateId, field: t.field, by, value });
      continue;
    }
    const values = people.map(([by, v]) => ({ by, value: v.value }));
    if (values.every((v) => v.value === first[1].value)) {
      final.push({
        candidateId: t.candidateId,
        field: t.field,
        value: first[1].value,
        people: values.map((v) => v.by),
      });
    } else {
      const listed = values.map((v) => `${nameOf(v.by)}录入 ${show(v.value)}`).join('，');
      mismatches.push({
        candidateId: t.candidateId,
        field: t.field,
        values,
        message: `${t.field}两次录入不一致：${listed}`,
      });
    }
  }
  return { final, mismatches, awaiting };
}
