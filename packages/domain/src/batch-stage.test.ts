import { describe, expect, it } from 'vitest';
import {
  BATCH_STAGE_NAMES,
  BATCH_STAGES,
  batchStage,
  examIsOver,
  rosterImportOpen,
  rosterLineOpen,
  rosterLinesOpen,
  type BatchFacts,
} from './batch-stage.ts';
import { SEAT_STATUSES } from './exam-vocabulary.ts';

const empty: BatchFacts = {
  candidates: 0,
  rooms: 0,
  roomsOpened: 0,
  roomsOpen: 0,
  decisions: 0,
  published: false,
  certificates: 0,
};

describe('a batch’s stage follows its workflow', () => {
  it('walks 计划 → 名单 → 考试中 → 评分 → 公示 → 已发证 → 已归档 as the records accumulate', () => {
    const steps: BatchFacts[] = [
      empty,
      { ...empty, candidates: 30 },
      { ...empty, candidates: 30, rooms: 1, roomsOpened: 1, roomsOpen: 1 },
      { ...empty, candidates: 30, rooms: 1, roomsOpened: 1 },
      { ...empty, candidates: 30, rooms: 1, roomsOpened: 1, decisions: 30, published: true },
      { ...empty, candidates: 30, rooms: 1, roomsOpened: 1, decisions: 30, published: true, certificates: 25 },
      {
        ...empty,
        candidates: 30,
        rooms: 1,
        roomsOpened: 1,
        decisions: 30,
        published: true,
        certificates: 25,
        archived: true,
      },
    ];
    expect(steps.map((f) => BATCH_STAGE_NAMES[batchStage(f)])).toEqual([
      '计划',
      '名单',
      '考试中',
      '评分',
      '公示',
      '已发证',
      '已归档',
    ]);
  });

  it('keeps a batch with an open room 考试中 even when decisions exist, and 评分 once decisions exist without a room', () => {
    expect(batchStage({ ...empty, candidates: 3, rooms: 2, roomsOpened: 2, roomsOpen: 1, decisions: 3 })).toBe('exam');
    expect(batchStage({ ...empty, candidates: 3, decisions: 3 })).toBe('scoring');
  });

  it('keeps a batch 考试中 between its exam windows: one room opened and closed, the next not yet opened', () => {
    const between = { ...empty, candidates: 60, rooms: 2, roomsOpened: 1 };
    expect(batchStage(between)).toBe('exam');
    expect(rosterLinesOpen(batchStage(between))).toBe(true);
    expect(batchStage({ ...between, roomsOpened: 2 })).toBe('scoring');
    expect(batchStage({ ...between, decisions: 30 })).toBe('scoring');
  });

  it('says the exam is over from 评分 on, not before', () => {
    expect((['plan', 'roster', 'exam'] as const).map(examIsOver)).toEqual([false, false, false]);
    expect((['scoring', 'publicity', 'certified', 'archived'] as const).map(examIsOver)).toEqual([
      true,
      true,
      true,
      true,
    ]);
  });

  it('takes a roster import only before the exam and outside the candidate-list publicity', () => {
    expect(BATCH_STAGES.filter((s) => rosterImportOpen(s, false))).toEqual(['plan', 'roster']);
    expect(BATCH_STAGES.filter((s) => rosterImportOpen(s, true))).toEqual([]);
  });

  it('lets a candidate line change up to and during the exam, and never after', () => {
    expect(BATCH_STAGES.filter(rosterLinesOpen)).toEqual(['plan', 'roster', 'exam']);
    // During the exam a line closes when its candidate hands in; a candidate marked 缺考 never sat.
    expect(SEAT_STATUSES.filter((s) => rosterLineOpen('exam', s))).toEqual([
      'not_logged_in',
      'not_started',
      'in_progress',
      'paused',
      'absent',
    ]);
    expect(SEAT_STATUSES.filter((s) => rosterLineOpen('scoring', s))).toEqual([]);
  });
});
