import {
  auditActionName,
  remainingText,
  SUBMIT_REASON_NAMES,
  SUBMIT_REASONS,
  type SubmitReason,
} from '@kaowu/domain/browser';
import type { RoomLogEntry } from '../../contract.ts';

/*
 * The room board's words. Seat statuses, client event kinds and audit actions are named once in @kaowu/domain
 * (the audit page reads the same names); here they only gain the record's details.
 */

/** Time left as the candidate's screen shows it (1:29:54); a dash when there is no clock yet. */
export const clockText = (seconds: number | null): string => (seconds === null ? '—' : remainingText(seconds));

/** The time of day of an ISO instant, in the browser's zone (the board is read in the room). */
export const timeOfDay = (iso: string): string => new Date(iso).toLocaleTimeString('zh-CN', { hour12: false });

const minutes = (e: RoomLogEntry): string => (typeof e.detail.minutes === 'number' ? ` ${e.detail.minutes} 分钟` : '');

const isSubmitReason = (reason: unknown): reason is SubmitReason =>
  (SUBMIT_REASONS as readonly unknown[]).includes(reason);

/** What an audit record says happened, in words; an unknown action shows its code rather than nothing. */
export function actionText(e: RoomLogEntry): string {
  const name = auditActionName(e.action);
  switch (e.action) {
    case 'room.extend':
    case 'attempt.extend':
      return `${name}${minutes(e)}`;
    case 'room.incident':
      return `${name}：${e.note ?? '（无内容）'}`;
    case 'attempt.submit':
      return isSubmitReason(e.detail.reason) ? SUBMIT_REASON_NAMES[e.detail.reason] : name;
    default:
      return name;
  }
}

/** Who did it: a staff member by name (and username), the candidate, or the system. */
export function actorText(e: Pick<RoomLogEntry, 'actor' | 'actorName'>): string {
  if (e.actor.startsWith('candidate:')) return '考生本人';
  if (e.actor === 'system') return '系统';
  return e.actorName !== null && e.actorName !== e.actor ? `${e.actorName}（${e.actor}）` : e.actor;
}

/** Which seat it concerns: "3 号 张三", or the whole room. */
export const seatText = (e: RoomLogEntry): string => (e.seat === null ? '全场' : `${e.seat} 号 ${e.name ?? ''}`.trim());
