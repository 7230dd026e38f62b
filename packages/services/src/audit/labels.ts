import {
  AUDIT_ACTION_GROUP_NAMES,
  AUDIT_ACTION_NAMES,
  AUDIT_ENTITY_NAMES,
  chinaTime,
  DECISION_OUTCOME_NAMES,
  ITEM_STATUS_NAMES,
  OBJECTION_OUTCOME_NAMES,
  RENAMED_AUDIT_ACTIONS,
  ROLE_NAMES,
  SUBMIT_REASON_NAMES,
} from '@kaowu/domain';
import { STAFF_DUTY_NAMES } from '@kaowu/domain';
import { isResultReport, RESULT_REPORT_NAMES } from '../results/exports.ts';

/*
 * A record's detail in words, for the audit page and its workbook. The names of actions and entities, and of the
 * values below, are @kaowu/domain's (one wording for the audit page, the room board and the CLI).
 */

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
  ...DECISION_OUTCOME_NAMES,
  changed: '结果变更',
  filter: '筛选条件',
  records: '记录数',
  // Filing, archive and retention (issue 16).
  auditHead: '审计链头',
  manifestHash: '归档清单校验码',
  lateFiling: '计划未按期备案',
  dueOn: '应备案日期',
  filedOn: '实际备案日期',
  step: '步骤',
  on: '日期',
  retainedUntil: '保存期至',
  seq: '序号',
  hash: '校验码',
  files: '文件',
  what: '内容',
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
  'candidate.edit': { changes: '修改', name: '姓名', education: '文化程度', unit: '所在单位', seat: '座位号' },
};

const KEY_ORDER = new Map(Object.keys(KEY_LABELS).map((k, i) => [k, i]));

const SUBMIT_REASONS: Readonly<Record<string, string>> = SUBMIT_REASON_NAMES;
const VALUE_WORDS: Readonly<Record<string, string>> = {
  ...OBJECTION_OUTCOME_NAMES,
  ...DECISION_OUTCOME_NAMES,
  halted: '暂停',
  lifted: '解除',
  all: '全部',
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
    if (INSTANT.test(value)) return chinaTime(value, 'second');
    if (key === 'reason' && SUBMIT_REASONS[value]) return SUBMIT_REASONS[value];
    // A report by its name (附件1 综合成绩汇总表), also in exports written when the key was `form`.
    if (labels[key] === '报表' && isResultReport(value)) return RESULT_REPORT_NAMES[value];
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
 * A record's detail in one line of words: `版本：2；原状态：草稿；新状态：待审核`
 * (hashes shortened, instants in Beijing time, long lists cut). The full detail stays in the record.
 */
export function auditDetailSummary(detail: Readonly<Record<string, unknown>>, action = ''): string {
  return pairs(detail, { ...KEY_LABELS, ...ACTION_KEY_LABELS[RENAMED_AUDIT_ACTIONS[action] ?? action] }, '；');
}

/** The words a filter form offers: action groups (prefixes), single actions and kinds of entity, each with its name. */
export interface AuditVocabulary {
  readonly actionGroups: readonly { readonly prefix: string; readonly label: string }[];
  readonly actions: readonly { readonly action: string; readonly label: string }[];
  readonly entities: readonly { readonly entity: string; readonly label: string }[];
}

export const auditVocabulary = (): AuditVocabulary => ({
  actionGroups: Object.entries(AUDIT_ACTION_GROUP_NAMES).map(([prefix, label]) => ({ prefix, label })),
  actions: Object.entries(AUDIT_ACTION_NAMES).map(([action, label]) => ({ action, label })),
  entities: Object.entries(AUDIT_ENTITY_NAMES).map(([entity, label]) => ({ entity, label })),
});
