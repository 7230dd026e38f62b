/**
 * The words of an exam in progress, shared by the services (which accept and store them), the exam client
 * (which reports events) and the console's room board (which shows them). Each is written once, as its names
 * record, so no kind or status exists without its Chinese name.
 */

import { keysOf } from './keys-of.ts';

/** What the exam client reports about its lockdown; anything else goes as `other` with `detail.what`. */
export const CLIENT_EVENT_KIND_NAMES = {
  fullscreen_exit: '退出全屏',
  fullscreen_enter: '回到全屏',
  focus_loss: '切出窗口',
  focus_back: '回到窗口',
  visibility_hidden: '页面被隐藏',
  paste_blocked: '粘贴被阻止',
  copy_blocked: '复制被阻止',
  context_menu_blocked: '右键菜单被阻止',
  print_blocked: '打印被阻止',
  shortcut_blocked: '快捷键被阻止',
  drag_blocked: '拖拽被阻止',
  network_offline: '网络断开',
  network_online: '网络恢复',
  other: '其他事件',
} as const;
export type ClientEventKind = keyof typeof CLIENT_EVENT_KIND_NAMES;
export const CLIENT_EVENT_KINDS = keysOf(CLIENT_EVENT_KIND_NAMES);
/** An event kind in words; a kind this build does not know shows as its code rather than nothing. */
export const clientEventKindName = (kind: string): string =>
  (CLIENT_EVENT_KIND_NAMES as Readonly<Record<string, string>>)[kind] ?? kind;

/** Why an attempt was submitted (the `reason` of `attempt.submit`). */
export const SUBMIT_REASON_NAMES = { candidate: '考生交卷', proctor: '强制收卷', expired: '到时自动交卷' } as const;
export type SubmitReason = keyof typeof SUBMIT_REASON_NAMES;
export const SUBMIT_REASONS = keysOf(SUBMIT_REASON_NAMES);

/** not_started: logged in, on the confirmation screen; no clock runs until 开始答题. */
export const ATTEMPT_STATUSES = ['not_started', 'in_progress', 'submitted'] as const;
export type AttemptStatus = (typeof ATTEMPT_STATUSES)[number];

/** A seat on the room board: the attempt's status, or what the board knows without one. */
export const SEAT_STATUS_NAMES = {
  not_logged_in: '未登录',
  not_started: '已登录待开始',
  in_progress: '答题中',
  paused: '已暂停',
  submitted: '已交卷',
  absent: '缺考',
} as const;
export type SeatStatus = keyof typeof SEAT_STATUS_NAMES;
export const SEAT_STATUSES = keysOf(SEAT_STATUS_NAMES);

/** A test room is closed until a proctor opens it, and closed again at the end. */
export const ROOM_STATUS_NAMES = { open: '已开考', closed: '已结束' } as const;
export type RoomStatus = keyof typeof ROOM_STATUS_NAMES;
export const ROOM_STATUSES = keysOf(ROOM_STATUS_NAMES);
/** A room status in words; anything else reads as not yet opened. */
export const roomStatusName = (status: string): string =>
  (ROOM_STATUS_NAMES as Readonly<Record<string, string>>)[status] ?? '未开考';

/**
 * Client events that end an anomaly rather than make one (back to fullscreen, back to the window, back online): the
 * room board's 异常 count leaves them out, so a candidate who returns to fullscreen does not look worse for it.
 */
export const RETURN_EVENT_KINDS = [
  'fullscreen_enter',
  'focus_back',
  'network_online',
] as const satisfies readonly ClientEventKind[];
export const isAnomaly = (kind: string): boolean => !(RETURN_EVENT_KINDS as readonly string[]).includes(kind);

/** Time left as the candidate's screen and the room board both show it: 1:29:54, or 29:54 under the hour. */
export function remainingText(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  const two = (n: number) => String(n).padStart(2, '0');
  const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}
