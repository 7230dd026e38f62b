import { z } from 'zod';
import { contentHash } from './hash.ts';
import { ITEM_TYPES, itemContent, type ItemType } from './item.ts';
import { levelCode } from './level-schema.ts';

/**
 * What the assembler needs to know about earlier papers: the item codes of each recent batch's papers, newest
 * batch first, and how many times each item has been used. An input of the pure assembler, recorded by hash.
 */
export interface UsageHistory {
  readonly recentBatches: readonly (readonly string[])[];
  readonly useCounts: Readonly<Record<string, number>>;
}

export const NO_USAGE: UsageHistory = { recentBatches: [], useCounts: {} };

/** Calibrated item difficulties (logits) by item code, for the versions of the snapshot assembled from. */
export type Calibration = Readonly<Record<string, number>>;

/** The calibration's hash, recorded in papers measured with it; order never matters. */
export function calibrationHash(calibration: Calibration): string {
  const entries = Object.keys(calibration)
    .sort()
    .map((code) => [code, calibration[code]]);
  return contentHash({ kind: 'kaowu-calibration/1', entries });
}

/** Only what can change a paper counts: batch contents are sets, counts are a map; order never matters. */
export function usageHash(usage: UsageHistory): string {
  const recentBatches = usage.recentBatches.map((batch) => [...new Set(batch)].sort());
  const useCounts = Object.keys(usage.useCounts)
    .sort()
    .map((code) => [code, usage.useCounts[code] ?? 0]);
  return contentHash({ kind: 'kaowu-usage/1', recentBatches, useCounts });
}

const hash = z.string().regex(/^[0-9a-f]{64}$/);

export const paperItem = z.strictObject({
  /** Question number across the whole paper, from 1. */
  number: z.number().int().min(1),
  code: z.string().min(1),
  version: z.number().int().min(1),
  contentHash: hash,
  /** Top-level outline area the item's point belongs to. */
  area: z.string().min(1),
  points: z.number().positive(),
  content: itemContent,
});
export type PaperItem = z.infer<typeof paperItem>;

export const paperSection = z.strictObject({
  type: z.enum(ITEM_TYPES),
  name: z.string().min(1),
  points: z.number().positive(),
  items: z.array(paperItem).min(1),
});
export type PaperSection = z.infer<typeof paperSection>;

/** Everything that determined the paper: with the same inputs, the assembler reproduces it byte for byte. */
export const paperInputs = z.strictObject({
  snapshotHash: hash,
  blueprintHash: hash,
  usageHash: hash,
  seed: z.string(),
  /** Form letter: A, B, … */
  form: z.string().regex(/^[A-Z]$/),
  assemblerVersion: z.string().min(1),
  /** `calibrationHash` of the item difficulties (logits) the paper was measured with, when it was. */
  calibrationHash: hash.optional(),
});
export type PaperInputs = z.infer<typeof paperInputs>;

/**
 * What the paper is measured to be, recorded when the blueprint asks for it (and re-derived by verification).
 * Exposure (曝光率): of the paper's items, how many appeared in any paper of the last `batches` batches.
 */
export const paperMeasures = z.strictObject({
  exposure: z
    .strictObject({
      batches: z.number().int().min(1),
      seen: z.number().int().min(0),
      items: z.number().int().min(1),
    })
    .optional(),
  /**
   * At the pass-mark ability θ: the expected score Σ points × P(θ) and the Rasch test information Σ P(1 − P),
   * P = 1 / (1 + e^(b − θ)), b each item's calibrated difficulty or its band's (BAND_LOGITS).
   */
  atCut: z
    .strictObject({
      ability: z.number(),
      expectedScore: z.number(),
      information: z.number(),
      calibrated: z.number().int().min(0),
    })
    .optional(),
});
export type PaperMeasures = z.infer<typeof paperMeasures>;

/** A sealed theory paper (试卷): self-contained, so a stored paper can be printed and graded without the bank. */
export const paper = z.strictObject({
  kind: z.literal('kaowu-paper/1'),
  occupation: z.string(),
  level: levelCode,
  title: z.string().min(1),
  durationMinutes: z.number().int().min(1),
  totalScore: z.number().positive(),
  inputs: paperInputs,
  sections: z.array(paperSection).min(1),
  /** Absent on papers whose blueprint asks for no measurement (and on papers sealed before it existed). */
  measures: paperMeasures.optional(),
  /** `paperHash` of everything else. */
  hash: hash,
});
export type Paper = z.infer<typeof paper>;

/** sha256 of the paper's canonical JSON without its `hash` field. */
export function paperHash(value: Omit<Paper, 'hash'> | Paper): string {
  const { hash: _ignored, ...rest } = value as Paper;
  return contentHash(rest);
}

/**
 * One item as a candidate sees it: no key, no explanation, no content hash (a hash of guessable content would reveal
 * the key).
 */
export interface CandidateItemView {
  readonly number: number;
  readonly code: string;
  readonly type: ItemType;
  readonly points: number;
  readonly stem: string;
  /** Choice items: the options in this candidate's order. */
  readonly options?: readonly string[];
}

export interface CandidatePaperView {
  readonly kind: 'kaowu-paper-view/1';
  readonly paperHash: string;
  readonly candidateKey: string;
  readonly form: string;
  readonly title: string;
  readonly durationMinutes: number;
  readonly totalScore: number;
  readonly sections: readonly {
    readonly type: ItemType;
    readonly name: string;
    readonly points: number;
    readonly items: readonly CandidateItemView[];
  }[];
}

/**
 * How one candidate's variant maps back to the paper: per item in the order shown, the canonical option index of each
 * shown option.
 */
export interface VariantMapping {
  readonly paperHash: string;
  readonly candidateKey: string;
  readonly items: readonly { readonly code: string; readonly options: readonly number[] | null }[];
}

/** A candidate's answer to one item: true/false, an option index, option indexes, or blank. */
export type ItemResponse = boolean | number | readonly number[] | null;
