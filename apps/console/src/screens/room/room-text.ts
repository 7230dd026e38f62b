import type { RoomLogEntry, SeatView } from '../../contract.ts';

/** The words the room board uses for seats, client events and audit records (Simplified Chinese). */
export const SEAT_STATUS: Record<SeatView['status'], string> = {
  not_logged_in: '未登录',
  not_started: '已登录待开始',
  in_progress: '答题中',
  paused: '已暂停',
  submitted: '已交卷',
  absent: '缺考',
};

/** The exam client's event kinds (packages/services CLIENT_EVENT_KINDS). */
const EVENT_KINDS: Record<string, string> = {
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

export const eventKindText = (kind: string): string => EVENT_KINDS[kind] ?? kind;

/** m:ss of a number of seconds; a dash when there is no clock yet. */
export const clockText = (seconds: number | null): string => {
  if (seconds === null) return '—';
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

/** The time of day of an ISO instant, in the browser's zone (the board is read in the room). */
export const timeOfDay = (iso: string): string => new Date(iso).toLocaleTimeString('zh-CN', { hour12: false });

const minutes = (e: RoomLogEntry): string => (typeof e.detail.minutes === 'number' ? ` ${e.detail.minutes} 分钟` : '');

const SUBMIT_REASONS: Record<string, string> = { proctor: '强制收卷', candidate: '考生交卷', expired: '到时自动交卷' };

/** What an audit record says happened, in words; an unknown action shows its code rather than nothing. */
export function actionText(e: RoomLogEntry): string {
  switch (e.action) {
    case 'room.open':
      return '开放考场';
    case 'room.close':
      return '结束考场';
    case 'room.pause':
      return '全场暂停';
    case 'room.resume':
      return '全场恢复';
    case 'room.extend':
      return `全场延时${minutes(e)}`;
    case 'room.incident':
      return `情况记录：${e.note ?? '（无内容）'}`;
    case 'attempt.create':
      return '登录';
    case 'attempt.start':
      return '开始答题';
    case 'attempt.pause':
      return '暂停';
    case 'attempt.resume':
      return '恢复';
    case 'attempt.extend':
      return `延时${minutes(e)}`;
    case 'attempt.transfer_request':
      return '申请换机';
    case 'attempt.transfer':
      return '批准换机';
    case 'attempt.submit':
      return SUBMIT_REASONS[String(e.detail.reason)] ?? '交卷';
    case 'candidate.absent':
      return '登记缺考';
    case 'candidate.present':
      return '取消缺考';
    default:
      return e.action;
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
