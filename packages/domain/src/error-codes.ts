/**
 * The closed set of error codes, each with its default Chinese and English message. Services throw them, the
 * server maps each to an HTTP status and the CLI to an exit code (both typed over this table, so a new code
 * without a status fails `tsc`), and the front ends read the messages. A thrown error may carry a more specific
 * message; these are the defaults. Browser-safe: no node: modules, no zod.
 *
 * A code is specific where a person (or a program) must tell the failure apart; otherwise it is generic.
 */

import { keysOf } from './keys-of.ts';

export const ERROR_MESSAGES = {
  // Generic refusals.
  invalid: { zh: '请求内容有误', en: 'invalid request' },
  unauthorized: { zh: '请先登录', en: 'sign-in required' },
  forbidden: { zh: '您没有权限执行此操作', en: 'not allowed' },
  csrf: { zh: '缺少或错误的 CSRF 令牌，请刷新页面后重试', en: 'missing or wrong CSRF token' },
  not_found: { zh: '要找的内容不存在', en: 'not found' },
  conflict: { zh: '当前状态不允许此操作', en: 'not allowed in the current state' },
  payload_too_large: { zh: '请求内容过大', en: 'payload too large' },
  locked: { zh: '登录失败次数过多，账号已暂时锁定，请稍后再试', en: 'account locked' },
  rate_limited: { zh: '尝试过于频繁，请稍后再试', en: 'too many attempts' },
  internal: { zh: '服务器内部错误，请稍后重试或联系考务人员', en: 'internal server error' },
  // Signing in and the exam (the exam client reacts to these).
  token_expired: { zh: '登录已过期，请重新登录', en: 'token expired' },
  token_revoked: { zh: '登录已失效，请重新登录', en: 'session revoked' },
  room_not_open: { zh: '考场尚未开放，请等待监考人员开考', en: 'the room is not open' },
  outside_window: { zh: '不在本批次的考试时间内', en: 'outside the exam window' },
  candidate_absent: { zh: '您已被登记为缺考，请联系监考人员', en: 'candidate marked absent' },
  seb_required: { zh: '请使用指定的安全考试浏览器作答', en: 'Safe Exam Browser required' },
  device_conflict: { zh: '您已在另一台设备上答题，请举手示意监考人员换机', en: 'signed in on another device' },
  deadline_passed: { zh: '考试时间已到，不能再修改答案', en: 'the deadline has passed' },
  attempt_submitted: { zh: '已交卷，不能再修改答案', en: 'attempt already submitted' },
  attempt_paused: { zh: '考试已暂停，暂停期间不能作答', en: 'the attempt is paused' },
  attempt_not_started: { zh: '考试尚未开始', en: 'the attempt has not started' },
  // Question banks.
  item_in_review: { zh: '试题正在审核中，请先撤回再修改', en: 'the item is in review: withdraw it before editing' },
  item_bad_status: { zh: '试题当前的状态不允许此操作', en: 'the item status does not allow this' },
  // Papers.
  assembly_infeasible: { zh: '题库中的试题不能满足组卷方案', en: 'the bank cannot meet the blueprint' },
  paper_altered: { zh: '试卷内容与封存哈希不符，已被改动，拒绝使用', en: 'the paper does not match its sealed hash' },
  paper_mismatch: {
    zh: '试卷与其记录的组卷输入不符',
    en: 'the paper does not match its recorded assembly inputs',
  },
  paper_not_reproducible: {
    zh: '按记录的输入无法重新组卷',
    en: 'the recorded inputs no longer assemble',
  },
  // Results.
  holiday_data_missing: {
    zh: '没有该年份的法定节假日安排数据，无法计算工作日',
    en: 'no holiday data for that year',
  },
  // The exam day (issue 18): staff freeze, supervisors, the candidate-list publicity.
  staff_frozen: {
    zh: '本批次已开考，更改工作人员须填写理由并经本批次内部督导员确认',
    en: 'the batch has started: staff changes need a reason and a supervisor’s confirmation',
  },
  supervisors_missing: { zh: '本批次内部督导员人数不足，不能开考', en: 'too few internal supervisors to open a room' },
  candidate_list_open: {
    zh: '考生名单公示期未满，不能开考（考务管理员可填写书面理由提前开考）',
    en: 'the candidate list is still published',
  },
  candidate_list_frozen: { zh: '考生名单公示期间不得更改名单', en: 'the candidate list is frozen while published' },
  // Filing, archive and retention (issue 16).
  plan_filing_overdue: {
    zh: '认定计划未按期备案，开考须由考务管理员填写书面说明',
    en: 'the plan was not filed in time: opening needs an administrator’s written reason',
  },
  retention_not_expired: { zh: '资料保存期未满，不得销毁', en: 'the retention period has not ended' },
  archive_invalid: { zh: '归档包校验未通过', en: 'the archive does not verify' },
  // The roster once the exam has started (issue 12).
  roster_frozen: {
    zh: '本批次已开考，不得再导入考生名单',
    en: 'the batch has started: no roster import',
  },
  // A finished batch reads as closed: nobody's roster line changes after they sat the exam.
  roster_closed: {
    zh: '本批次考试已结束，考生信息、照片和便利安排不得再更改',
    en: 'the exam is over: candidates’ details, photos and accommodations no longer change',
  },
} as const satisfies Readonly<Record<string, { readonly zh: string; readonly en: string }>>;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export const ERROR_CODES = keysOf(ERROR_MESSAGES);

export const isErrorCode = (code: unknown): code is ErrorCode =>
  typeof code === 'string' && Object.hasOwn(ERROR_MESSAGES, code);

/**
 * Failures a front end finds by itself, with no error body from the server: `network` when no answer came
 * (offline, server down, timeout), `server` for an answer without a Kaowu error body (a proxy's 502, say).
 */
export const CLIENT_ERROR_MESSAGES = {
  network: { zh: '无法连接服务器，请检查网络后重试', en: 'the server cannot be reached' },
  server: { zh: '服务器暂时无法处理请求，请稍后重试', en: 'the server could not handle the request' },
} as const satisfies Readonly<Record<string, { readonly zh: string; readonly en: string }>>;

export type ClientErrorCode = keyof typeof CLIENT_ERROR_MESSAGES;

/**
 * The default message for a code a front end received or found; an unknown code (a newer server) reads as a
 * server failure rather than showing nothing.
 */
export function errorMessage(code: string): { readonly zh: string; readonly en: string } {
  if (isErrorCode(code)) return ERROR_MESSAGES[code];
  if (Object.hasOwn(CLIENT_ERROR_MESSAGES, code)) return CLIENT_ERROR_MESSAGES[code as ClientErrorCode];
  return CLIENT_ERROR_MESSAGES.server;
}
