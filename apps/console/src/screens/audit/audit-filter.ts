import { actorText } from '../room/room-text.ts';
import type { AuditRecord, AuditVerification } from './types.ts';

/**
 * The audit page's filter lives in the address (/audit?batch=…&action=results.), so a filtered view can be
 * shared or bookmarked. Days are Beijing calendar days, both ends included; the API takes instants.
 */
export const FILTER_KEYS = ['batch', 'actor', 'action', 'entity', 'entityId', 'from', 'to', 'text'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type AuditFilterForm = Record<FilterKey, string>;

export const emptyFilter = (): AuditFilterForm => ({
  batch: '',
  actor: '',
  action: '',
  entity: '',
  entityId: '',
  from: '',
  to: '',
  text: '',
});

/** The filter an address carries (unknown parameters ignored, repeated ones take the first). */
export function filterFromParams(params: Partial<Record<string, string | string[] | undefined>>): AuditFilterForm {
  const form = emptyFilter();
  for (const key of FILTER_KEYS) {
    const v = params[key];
    form[key] = (Array.isArray(v) ? v[0] : v)?.trim() ?? '';
  }
  return form;
}

/** Search parameters for the router: an empty field removes its parameter. */
export const paramsOf = (form: AuditFilterForm): Record<FilterKey, string | undefined> =>
  Object.fromEntries(FILTER_KEYS.map((k) => [k, form[k].trim() === '' ? undefined : form[k].trim()])) as Record<
    FilterKey,
    string | undefined
  >;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** The first instant of a Beijing day, and of the day after it (the `to` bound is exclusive). */
const dayStart = (day: string): string => new Date(`${day}T00:00:00+08:00`).toISOString();
const dayAfter = (day: string): string => new Date(Date.parse(`${day}T00:00:00+08:00`) + DAY_MS).toISOString();

/** The API's query string for a filter (and a page cursor). */
export function apiQuery(form: AuditFilterForm, page: { before?: number | null } = {}): string {
  const q = new URLSearchParams();
  for (const key of ['batch', 'actor', 'action', 'entity', 'entityId', 'text'] as const)
    if (form[key].trim() !== '') q.set(key, form[key].trim());
  if (DAY.test(form.from)) q.set('from', dayStart(form.from));
  if (DAY.test(form.to)) q.set('to', dayAfter(form.to));
  if (page.before !== undefined && page.before !== null) q.set('before', String(page.before));
  return q.toString();
}

const CANDIDATE = 'candidate:';

/** Who acted: staff and the system as the room board says it; a candidate by name and 准考证号. */
export function whoText(r: AuditRecord): string {
  if (r.actor.username.startsWith(CANDIDATE)) {
    const ticket = r.actor.ticket ?? r.actor.username.slice(CANDIDATE.length);
    return r.actor.displayName === null ? `考生（${ticket}）` : `考生 ${r.actor.displayName}（${ticket}）`;
  }
  return actorText({ actor: r.actor.username, actorName: r.actor.displayName });
}

export const shortHash = (hash: string): string => `${hash.slice(0, 10)}…`;

/** The chain check in one sentence. */
export function verificationText(v: AuditVerification): { intact: boolean; text: string } {
  if (v.broken === null) return { intact: true, text: `审计链完整：共 ${v.records} 条记录，逐条核对校验码无误` };
  return {
    intact: false,
    text:
      `审计链不完整：第 ${v.broken.seq} 条被改动或删除（${v.broken.reason}），` +
      '此后的记录不能再凭校验码链证明未被改动',
  };
}
