import { chinaTime } from '@kaowu/grading';
import { ITEM_STATUS_NAMES, ROLE_NAMES } from '@kaowu/domain';
import { STAFF_DUTY_NAMES } from '@kaowu/domain';

/**
 * The audit trail in words, for the audit page and its workbook. Room and attempt actions use the room board's
 * words (apps/console room-text.ts) for the same events; an action missing here is shown as its code, never hidden.
 */
export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = {
  'item.create': '新建试题',
  'item.edit': '修改试题',
  'item.new_version': '试题新版本',
  'item.status': '试题状态变更',
  'item.submit': '提交审核',
  'item.withdraw': '撤回审核',
  'item.approve': '审核通过',
  'item.return': '退回修改',
  'item.retire': '停用试题',
  'bank.import': '导入题库',
  'bank.export': '导出题库',
  'bank.certify': '考评员认证题库',
  'bank.certification_load': '载入题库认证记录',
  'asset.save': '保存题库图片',
  'outline.create': '新建鉴定要素细目表',
  'outline.update': '修改鉴定要素细目表',
  'occupation.create': '新建职业',
  'occupation.update': '修改职业',
  'paper.assemble': '组卷',
  'paper.read': '查看试卷',
  'user.create': '新建用户',
  'user.lock': '锁定账号',
  'staff.login': '工作人员登录',
  'assessor.register': '登记考评员',
  'setting.set': '修改设置',
  'batch.create': '新建认定批次',
  'batch.staff': '安排工作人员',
  'batch.settings': '修改批次设置',
  'batch.roster': '导入考生名单',
  'batch.papers': '配置试卷',
  'batch.demo_window': '演示：调整考试时段',
  'room.open': '开放考场',
  'room.close': '结束考场',
  'room.pause': '全场暂停',
  'room.resume': '全场恢复',
  'room.extend': '全场延时',
  'room.incident': '情况记录',
  'attempt.create': '考生登录',
  'attempt.start': '开始答题',
  'attempt.pause': '暂停考生计时',
  'attempt.resume': '恢复考生计时',
  'attempt.extend': '考生延时',
  'attempt.transfer_request': '申请换机',
  'attempt.transfer': '批准换机',
  'attempt.submit': '交卷',
  'candidate.absent': '登记缺考',
  'candidate.present': '取消缺考',
  'results.plan.set': '设置认定方案',
  'results.panel.set': '设置考评组',
  'results.relation': '登记回避关系',
  'results.applications': '录入申报信息',
  'results.scores.import': '导入成绩',
  'results.scores.enter': '录入成绩',
  'results.scores.confirm': '复核确认成绩',
  'results.spread.resolve': '组长裁定分差',
  'results.theory.score': '理论成绩评分',
  'results.theory.rescore': '理论成绩重评',
  'results.key.correct': '更正答案',
  'results.compute': '计算认定结果',
  'results.publish': '公示认定结果',
  'results.objection.add': '登记异议',
  'results.objection.resolve': '处理异议',
  'results.finalise': '认定结果生效',
  'results.export': '导出成绩表',
  'results.issue': '核发证书',
  'supervision.save': '保存内部督导报告',
  'supervision.sign': '内督人员签字',
  'audit.export': '导出审计记录',
};

/**
 * Actions renamed after records had been written with them. The trail is chained by hash, so those records keep
 * their code; they read, and filter, as the action's current name.
 */
export const RENAMED_AUDIT_ACTIONS: Readonly<Record<string, string>> = { 'results.certify': 'results.issue' };
const currentAction = (action: string): string => RENAMED_AUDIT_ACTIONS[action] ?? action;

export const auditActionLabel = (action: string): string => AUDIT_ACTION_LABELS[currentAction(action)] ?? action;

/** The action groups a filter offers (action prefixes). */
export const AUDIT_ACTION_GROUPS: Readonly<Record<string, string>> = {
  'item.': '试题',
  'bank.': '题库',
  'outline.': '细目表',
  'paper.': '试卷',
  'batch.': '认定批次',
  'room.': '考场',
  'attempt.': '考生作答',
  'candidate.': '考生',
  'results.': '成绩与认定',
  'supervision.': '内部督导',
  'user.': '用户',
  'staff.': '登录',
  'setting.': '设置',
  'audit.': '审计',
};

export const AUDIT_ENTITY_LABELS: Readonly<Record<string, string>> = {
  item: '试题',
  bank: '题库',
  asset: '图片',
  outline: '细目表',
  occupation: '职业',
  paper: '试卷',
  user: '用户',
  setting: '设置',
  batch: '批次',
  room: '考场',
  candidate: '考生',
  attempt: '作答',
  objection: '异议',
  audit: '审计记录',
};

export const auditEntityLabel = (entity: string): string => AUDIT_ENTITY_LABELS[entity] ?? entity;

/** `2026-09-22 09:03:05`, Beijing time (UTC+8, no daylight saving). */
export const beijingTime = (iso: string): string => chinaTime(iso, 'second');

/** The names of the keys records carry in their detail, in the order a summary reads them; others by their key. */
const KEY_LABELS: Readonly<Record<string, string>> = {
  name: '名称',
  planNumber: '认定计划号',
  version: '版本',
  status: '状态',
  from: '原状态',
  to: '新状态',
  reason: '原因',
  comment: '意见',
  rows: '行数',
  items: '题数',
  which: '范围',
  assessor: '考评员',
  certifiedAt: '认证时间',
  form: '卷别',
  report: '报表',
  seed: '组卷随机码',
  snapshot: '题库版本',
  draft: '草稿',
  rooms: '考场数',
  staff: '工作人员',
  papers: '试卷',
  imported: '导入人数',
  minutes: '分钟',
  score: '得分',
  answered: '已答题数',
  started: '已开始答题',
  transfer: '换机申请',
  device: '设备',
  incident: '情况记录',
  candidate: '考生',
  failures: '连续失败次数',
  roles: '角色',
  occupation: '职业',
  edition: '版本',
  component: '组成部分',
  value: '值',
  endsAt: '结束时间',
  demo: '演示',
  paper: '试卷',
  entries: '条数',
  sheets: '工作表',
  confirmed: '确认条数',
  basis: '评分依据',
  scored: '评分人数',
  rescored: '重评人数',
  item: '试题',
  original: '原答案',
  recorded: '录入人数',
  tickets: '准考证号',
  ticket: '准考证号',
  before: '原值',
  after: '新值',
  publishedOn: '公示日期',
  workingDays: '公示工作日',
  firstDay: '公示首日',
  lastDay: '公示末日',
  raisedAt: '提出时间',
  outcome: '处理结果',
  note: '说明',
  window: '公示期',
  objections: '异议数',
  issuedOn: '发证日期',
  prefix: '编码前缀',
  first: '首个',
  last: '末个',
  count: '数量',
  method: '认定方式',
  eligibilityAsOf: '资格审核基准日',
  leader: '组长',
  members: '组员',
  relation: '关系',
  total: '合计',
  complete: '填写完整',
  vetoed: '否决',
  vetoes: '否决项',
  signaturesCleared: '失效签字数',
  halt: '暂停认定',
  bytes: '字节',
  seb: '安全考试浏览器',
  showScore: '交卷后显示成绩',
  candidates: '考生数',
  pass: '合格',
  fail: '不合格',
  pending: '待定',
  changed: '结果变更',
  filter: '筛选条件',
  records: '记录数',
};

/** Keys whose meaning depends on the action. */
const ACTION_KEY_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'results.compute': { first: '首次认定人数' },
  'results.scores.enter': { value: '分数' },
  'results.issue': { first: '首个证书编号', last: '末个证书编号' },
  // Exports written before `report` was the key.
  'results.export': { form: '报表' },
  'results.theory.rescore': { before: '原得分', after: '新得分' },
  'results.key.correct': { before: '更正前答案', after: '更正后答案' },
};

const KEY_ORDER = new Map(Object.keys(KEY_LABELS).map((k, i) => [k, i]));

const SUBMIT_REASONS: Readonly<Record<string, string>> = {
  proctor: '强制收卷',
  candidate: '考生交卷',
  expired: '到时自动交卷',
};
const VALUE_WORDS: Readonly<Record<string, string>> = {
  upheld: '异议成立',
  dismissed: '异议不成立',
  halted: '暂停',
  lifted: '解除',
  all: '全部',
  pass: '合格',
  fail: '不合格',
  pending: '待定',
};
const WORDS: Readonly<Record<string, string>> = {
  ...ITEM_STATUS_NAMES,
  ...STAFF_DUTY_NAMES,
  ...ROLE_NAMES,
  ...VALUE_WORDS,
};
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

const LIST_SHOWN = 5;
const TEXT_SHOWN = 60;

const clip = (s: string, n = TEXT_SHOWN): string => (s.length > n ? `${s.slice(0, n)}…` : s);

function valueText(key: string, value: unknown, labels: Readonly<Record<string, string>>): string {
  if (value === null || value === undefined) return '无';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    if (/^[0-9a-f]{64}$/.test(value)) return `${value.slice(0, 8)}…`;
    if (INSTANT.test(value)) return beijingTime(value);
    if (key === 'reason' && SUBMIT_REASONS[value]) return SUBMIT_REASONS[value];
    // `staff` lists read `username:duty`.
    const duty = /^(.+):(proctor|assessor|supervisor)$/.exec(value);
    if (duty) return `${duty[1]}（${STAFF_DUTY_NAMES[duty[2] as keyof typeof STAFF_DUTY_NAMES]}）`;
    return clip(WORDS[value] ?? value);
  }
  if (Array.isArray(value)) {
    const shown = value
      .slice(0, LIST_SHOWN)
      .map((v) => valueText(key, v, labels))
      .join('、');
    return value.length > LIST_SHOWN ? `${shown} 等 ${value.length} 项` : shown || '无';
  }
  if (typeof value === 'object') return `（${pairs(value as Record<string, unknown>, labels, '，')}）`;
  return clip(String(value));
}

function pairs(
  detail: Readonly<Record<string, unknown>>,
  labels: Readonly<Record<string, string>>,
  separator: string,
): string {
  // Stored details have their keys sorted (canonical JSON); words read better in the table's order.
  const rank = (key: string): number => KEY_ORDER.get(key) ?? KEY_ORDER.size;
  return Object.entries(detail)
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([key, value]) => `${labels[key] ?? key}：${valueText(key, value, labels)}`)
    .join(separator);
}

/**
 * A record's detail in one line of words: `版本：2；原状态：草稿；新状态：待审核` (hashes shortened, instants in
 * Beijing time, long lists cut). The full detail stays in the record.
 */
export function auditDetailSummary(detail: Readonly<Record<string, unknown>>, action = ''): string {
  return pairs(detail, { ...KEY_LABELS, ...ACTION_KEY_LABELS[currentAction(action)] }, '；');
}

/** The words a filter form offers: action groups (prefixes), single actions and kinds of entity, each with its name. */
export interface AuditVocabulary {
  readonly actionGroups: readonly { readonly prefix: string; readonly label: string }[];
  readonly actions: readonly { readonly action: string; readonly label: string }[];
  readonly entities: readonly { readonly entity: string; readonly label: string }[];
}

export const auditVocabulary = (): AuditVocabulary => ({
  actionGroups: Object.entries(AUDIT_ACTION_GROUPS).map(([prefix, label]) => ({ prefix, label })),
  actions: Object.entries(AUDIT_ACTION_LABELS).map(([action, label]) => ({ action, label })),
  entities: Object.entries(AUDIT_ENTITY_LABELS).map(([entity, label]) => ({ entity, label })),
});
