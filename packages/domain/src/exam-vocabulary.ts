/**
 * The words of an exam in progress, shared by the services (which accept and store them), the exam client
 * (which reports events) and the console's room board (which shows them). Typed records: a new kind or status
 * without its Chinese name fails the typecheck.
 */

/** What the exam client reports about its lockdown; anything else goes as `other` with `detail.what`. */
export const CLIENT_EVENT_KINDS = [
  'fullscreen_exit',
  'fullscreen_enter',
  'focus_loss',
  'focus_back',
  'visibility_hidden',
  'paste_blocked',
  'copy_blocked',
  'context_menu_blocked',
  'print_blocked',
  'shortcut_blocked',
  'drag_blocked',
  'network_offline',
  'network_online',
  'other',
] as const;
export type ClientEventKind = (typeof CLIENT_EVENT_KINDS)[number];
export const CLIENT_EVENT_KIND_NAMES: Readonly<Record<ClientEventKind, string>> = {
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
};
/** An event kind in words; a kind this build does not know shows as its code rather than nothing. */
export const clientEventKindName = (kind: string): string =>
  (CLIENT_EVENT_KIND_NAMES as Readonly<Record<string, string>>)[kind] ?? kind;

/** Why an attempt was submitted (the `reason` of `attempt.submit`). */
export const SUBMIT_REASONS = ['candidate', 'proctor', 'expired'] as const;
export type SubmitReason = (typeof SUBMIT_REASONS)[number];
export const SUBMIT_REASON_NAMES: Readonly<Record<SubmitReason, string>> = {
  candidate: '考生交卷',
  proctor: '强制收卷',
  expired: '到时自动交卷',
};

/** not_started: logged in, on the confirmation screen; no clock runs until 开始答题. */
export const ATTEMPT_STATUSES = ['not_started', 'in_progress', 'submitted'] as const;
export type AttemptStatus = (typeof ATTEMPT_STATUSES)[number];

/** A seat on the room board: the attempt's status, or what the board knows without one. */
export const SEAT_STATUSES = ['not_logged_in', 'not_started', 'in_progress', 'paused', 'submitted', 'absent'] as const;
export type SeatStatus = (typeof SEAT_STATUSES)[number];
export const SEAT_STATUS_NAMES: Readonly<Record<SeatStatus, string>> = {
  not_logged_in: '未登录',
  not_started: '已登录待开始',
  in_progress: '答题中',
  paused: '已暂停',
  submitted: '已交卷',
  absent: '缺考',
};

/** A test room is closed until a proctor opens it, and closed again at the end. */
export const ROOM_STATUSES = ['open', 'closed'] as const;
export type RoomStatus = (typeof ROOM_STATUSES)[number];
export const ROOM_STATUS_NAMES: Readonly<Record<RoomStatus, string>> = { open: '已开考', closed: '已结束' };
/** A room status in words; anything else reads as not yet opened. */
export const roomStatusName = (status: string): string =>
  (ROOM_STATUS_NAMES as Readonly<Record<string, string>>)[status] ?? '未开考';
