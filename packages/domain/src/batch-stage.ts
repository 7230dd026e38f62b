import type { SeatStatus } from './exam-vocabulary.ts';
import { keysOf } from './keys-of.ts';

/** Where a batch stands in its workflow (domain.md, "The workflow of one batch"), in order. */
export const BATCH_STAGE_NAMES = {
  plan: '计划',
  roster: '名单',
  exam: '考试中',
  scoring: '评分',
  publicity: '公示',
  certified: '已发证',
  archived: '已归档',
} as const;
export type BatchStage = keyof typeof BATCH_STAGE_NAMES;
export const BATCH_STAGES = keysOf(BATCH_STAGE_NAMES);

/** What the stage is read from: counts and flags of the batch's stored state. */
export interface BatchFacts {
  readonly candidates: number;
  /** The batch's rooms (考场). */
  readonly rooms: number;
  /** Rooms a proctor has opened at some time (opened_at set). */
  readonly roomsOpened: number;
  /** Rooms open now. */
  readonly roomsOpen: number;
  readonly decisions: number;
  /** Results published for publicity (公示), finalised or not. */
  readonly published: boolean;
  readonly certificates: number;
  /** The batch's records were archived (no batch is yet: the archive is a later step of the workflow). */
  readonly archived?: boolean;
}

/**
 * The stage is derived, never stored: the furthest step the batch's own records prove. A room still open keeps the
 * batch 考试中 even when decisions exist (a proctor has not ended the exam); an exam whose rooms have all been
 * opened and closed again, or decisions computed, mean 评分. Between two exam windows (the morning's room closed,
 * the afternoon's not yet opened) the batch is still 考试中: the later rooms' candidates have not sat yet.
 */
export function batchStage(f: BatchFacts): BatchStage {
  if (f.archived) return 'archived';
  if (f.certificates > 0) return 'certified';
  if (f.published) return 'publicity';
  if (f.roomsOpen > 0) return 'exam';
  if (f.decisions > 0 || (f.roomsOpened > 0 && f.roomsOpened >= f.rooms)) return 'scoring';
  if (f.roomsOpened > 0) return 'exam';
  if (f.candidates > 0) return 'roster';
  return 'plan';
}

/** Whether the exam part of the batch is behind it: its rooms are no longer run and staffing no longer matters. */
export const examIsOver = (stage: BatchStage): boolean => BATCH_STAGES.indexOf(stage) > BATCH_STAGES.indexOf('exam');

/**
 * Whether the batch takes a roster import: only before anyone sits the exam (the server says roster_frozen once a
 * room has opened) and not while the candidate list is published (candidate_list_frozen). The server's import and
 * the console's import panel both ask here.
 */
export const rosterImportOpen = (stage: BatchStage, candidateListRunning: boolean): boolean =>
  (stage === 'plan' || stage === 'roster') && !candidateListRunning;

/**
 * Whether a candidate's roster line (name, unit, seat, photo, 便利安排) may still change: up to and during the exam
 * (a typo found at the door's 实名核验, a missing photo, a seat or accommodation for someone not yet started, each
 * with its own per-candidate check), never once the exam is over: results, publicity and certificates name the
 * person as they sat (roster_closed). The server's line changes and the console's row actions both ask here.
 */
export const rosterLinesOpen = (stage: BatchStage): boolean => !examIsOver(stage);

/**
 * Whether one candidate's line may change: the batch's lines are open (rosterLinesOpen) and the candidate has not
 * handed in (已交卷): for them who sat, under which name and photo, is settled even while others still write.
 */
export const rosterLineOpen = (stage: BatchStage, status: SeatStatus): boolean =>
  rosterLinesOpen(stage) && status !== 'submitted';
