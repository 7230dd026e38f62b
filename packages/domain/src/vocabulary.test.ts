import { describe, expect, it } from 'vitest';
import {
  AUDIT_ACTION_GROUP_NAMES,
  AUDIT_ACTIONS,
  auditActionName,
  certificationVerdictText,
  clientEventKindName,
  roomStatusName,
} from './browser.ts';

// That every kind, status and outcome has a name is checked by tsc (each table is a Record over its union);
// these cover the look-ups that accept codes from older records and other builds.
describe('the shared vocabulary', () => {
  it('names known codes and shows an unknown one as its code, never as nothing', () => {
    expect(auditActionName('attempt.extend')).toBe('考生延时');
    expect(auditActionName('future.thing')).toBe('future.thing');
    expect(clientEventKindName('focus_loss')).toBe('切出窗口');
    expect(clientEventKindName('telepathy')).toBe('telepathy');
  });

  it('offers every audit action under a filter group', () => {
    const groups = Object.keys(AUDIT_ACTION_GROUP_NAMES);
    expect(AUDIT_ACTIONS.filter((a) => !groups.some((g) => a.startsWith(g)))).toEqual([]);
  });

  it('reads a room that was never opened as not started', () => {
    expect([roomStatusName('open'), roomStatusName('closed'), roomStatusName('planned')]).toEqual([
      '已开考',
      '已结束',
      '未开考',
    ]);
  });

  it('says what changed since a stale sign-off, or that it is unknown', () => {
    expect(certificationVerdictText({ kind: 'author' })).toBe('不计入：该考评员编写了本题库中的试题');
    expect(certificationVerdictText({ kind: 'stale', changes: { added: 2, changed: 0, retired: 1 } })).toBe(
      '已过期：题库已变更（此后新增 2 题，修改 0 题，停用 1 题）',
    );
    expect(certificationVerdictText({ kind: 'stale', changes: null })).toBe('已过期：题库已变更（变更内容未知）');
  });
});
