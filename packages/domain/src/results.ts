/**
 * What grading produces and the database keeps: theory scores, eligibility and decisions. Plain types, so the
 * schema (@kaowu/db) and a browser can name them without depending on the grading code that computes them.
 */

import type { EligibilityPath } from './candidate.ts';
import type { LevelCode } from './levels.ts';
import type { ComponentKind } from './plan.ts';
import type { DecisionOutcome } from './results-vocabulary.ts';

/** An objective item's key: true/false, the single option's index, or the indices of the multiple options. */
export type AnswerKey = boolean | number | number[];

/** blank: no answer; invalid: an answer of the wrong shape for the item type (scores zero, reported). */
export type ItemVerdict = 'correct' | 'partial' | 'wrong' | 'blank' | 'invalid';

export interface ItemScore {
  readonly code: string;
  readonly verdict: ItemVerdict;
  readonly earned: number;
  readonly max: number;
}

export interface ScoreBucket {
  readonly name: string;
  readonly earned: number;
  readonly max: number;
}

export interface TheoryScore {
  readonly earned: number;
  readonly max: number;
  /** Out of 100, half-up to one decimal: the theory component score. */
  readonly score: number;
  readonly items: readonly ItemScore[];
  /** In paper order of first appearance, so a candidate sees where the points were lost. */
  readonly sections: readonly ScoreBucket[];
  readonly areas: readonly ScoreBucket[];
  /** Responses naming no item of the paper (ignored). */
  readonly unknownResponses: readonly string[];
}

export interface EligibilityResult {
  readonly eligible: boolean;
  /** The first path the candidate meets (standard paths are listed first), in words. */
  readonly path: { kind: EligibilityPath['kind']; description: string } | null;
  /** Why not, in Chinese: one line per unmet general condition, then each path and what it lacks. */
  readonly reasons: readonly string[];
  /** The documents backing the path met (references as uploaded). */
  readonly evidence: readonly string[];
}

export type ComponentState = 'passed' | 'failed' | 'counted' | 'absent' | 'pending';

export interface ComponentLine {
  readonly code: string;
  readonly name: string;
  readonly kind: ComponentKind;
  readonly weight: number;
  readonly passLine: number | null;
  readonly score: number | null;
  /** counted: scored, with no pass line of its own. */
  readonly state: ComponentState;
}

export interface Decision {
  readonly candidateId: string;
  readonly level: LevelCode;
  readonly levelName: string;
  readonly outcome: DecisionOutcome;
  /** Σ score × weight / 100, half-up to one decimal; null until every component taken has a score. */
  readonly composite: number | null;
  readonly theoryScore: number | null;
  /** Weighted mean of the practical modules taken (of the ability scores where a plan has no practical). */
  readonly practicalScore: number | null;
  /** The components this candidate takes (required plus chosen electives), in plan order. */
  readonly components: readonly ComponentLine[];
  /** In words: for a pass every rule met, for a fail the rules missed, for pending what is waited for. */
  readonly reasons: readonly string[];
}
