import {
  chinaDate,
  err,
  type ObjectionOutcome,
  ok,
  type Problem,
  type PublicityState,
  type Result,
} from '@kaowu/domain';
import { addDays } from './dates.ts';
import { type WorkingDaysProblemCode, workingDaysAfter } from './working-days.ts';

export interface ObjectionResolution {
  readonly at: string;
  readonly by: string;
  /** upheld: the objection was founded and the result is corrected; dismissed: unfounded. */
  readonly outcome: ObjectionOutcome;
  readonly note: string;
}

/** An objection (异议) raised during publicity, handled by the evaluation committee. */
export interface Objection {
  readonly id: string;
  readonly raisedAt: string;
  readonly candidateId?: string | undefined;
  readonly text: string;
  readonly resolution?: ObjectionResolution | undefined;
}

/** A publicity of a batch's results (成绩公示). */
export interface PublicityRecord {
  /** The day the list is published (China date). */
  readonly publishedOn: string;
  /** Working days the list stays up: at least 5 (Nanxun 第十条(四), Hefei 第十六条). */
  readonly workingDays: number;
  /** Count the publication day itself as day one; by default it is not (民法典 第二百零一条). */
  readonly countPublicationDay?: boolean | undefined;
  readonly objections: readonly Objection[];
}

export interface PublicityWindow {
  readonly firstDay: string;
  /** The last day of the window; it closes at the end of this day, China time. */
  readonly lastDay: string;
  readonly days: readonly string[];
}

/** Why publicity refuses a step; the services translate each into an error code. */
export type PublicityProblemCode =
  | WorkingDaysProblemCode
  | 'publicity_days_invalid'
  | 'objection_exists'
  | 'objection_empty'
  | 'objection_not_found'
  | 'objection_resolved'
  | 'resolution_note_missing';
export type PublicityProblem = Problem<PublicityProblemCode>;

export const DEFAULT_PUBLICITY_DAYS = 5;
/** Every policy on file requires at least 5 (working) days. */
const MIN_PUBLICITY_DAYS = 5;

export function publicityWindow(
  publishedOn: string,
  workingDays = DEFAULT_PUBLICITY_DAYS,
  countPublicationDay = false,
): Result<PublicityWindow, PublicityProblem> {
  if (!Number.isInteger(workingDays) || workingDays < MIN_PUBLICITY_DAYS)
    return err({
      code: 'publicity_days_invalid',
      zh: `公示期不得少于 ${MIN_PUBLICITY_DAYS} 个工作日`,
      en: `publicity needs at least ${MIN_PUBLICITY_DAYS} working days`,
    });
  const days = workingDaysAfter(countPublicationDay ? addDays(publishedOn, -1) : publishedOn, workingDays);
  if (!days.ok) return days;
  const [firstDay, lastDay] = [days.value[0], days.value.at(-1)];
  if (firstDay === undefined || lastDay === undefined)
    return err({ code: 'publicity_days_invalid', zh: '公示期为空', en: 'empty window' });
  return ok({ firstDay, lastDay, days: days.value });
}

export interface PublicityStatus {
  readonly state: PublicityState;
  readonly window: PublicityWindow;
  readonly openObjections: readonly Objection[];
  /** Working days of the window still to run (today counted while it is one of them). */
  readonly daysLeft: number;
}

/** Results are final only once the window has closed with no objection open. */
export function publicityStatus(record: PublicityRecord, now: Date): Result<PublicityStatus, PublicityProblem> {
  const window = publicityWindow(record.publishedOn, record.workingDays, record.countPublicationDay ?? false);
  if (!window.ok) return window;
  const today = chinaDate(now);
  const openObjections = record.objections.filter((o) => o.resolution === undefined);
  const daysLeft = window.value.days.filter((d) => d >= today).length;
  const state: PublicityState =
    today <= window.value.lastDay ? 'open' : openObjections.length > 0 ? 'awaiting_objections' : 'final';
  return ok({ state, window: window.value, openObjections, daysLeft });
}

export function recordObjection(
  record: PublicityRecord,
  objection: Objection,
): Result<PublicityRecord, PublicityProblem> {
  if (record.objections.some((o) => o.id === objection.id))
    return err({ code: 'objection_exists', zh: `异议 ${objection.id} 已登记`, en: `objection ${objection.id} exists` });
  if (objection.text.trim() === '')
    return err({ code: 'objection_empty', zh: '异议内容不能为空', en: 'empty objection' });
  return ok({ ...record, objections: [...record.objections, objection] });
}

export function resolveObjection(
  record: PublicityRecord,
  id: string,
  resolution: ObjectionResolution,
): Result<PublicityRecord, PublicityProblem> {
  const objection = record.objections.find((o) => o.id === id);
  if (objection === undefined)
    return err({ code: 'objection_not_found', zh: `没有异议 ${id}`, en: `no objection ${id}` });
  if (objection.resolution !== undefined)
    return err({ code: 'objection_resolved', zh: `异议 ${id} 已处理`, en: `objection ${id} already resolved` });
  if (resolution.note.trim() === '')
    return err({ code: 'resolution_note_missing', zh: '须填写异议处理意见', en: 'resolution needs a note' });
  return ok({ ...record, objections: record.objections.map((o) => (o.id === id ? { ...o, resolution } : o)) });
}
