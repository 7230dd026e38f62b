/**
 * Who may do what: the one permission table. The services authorise every use case from it (`authorize`) and
 * the console shows tabs and buttons from it, so the two cannot drift apart. Browser-safe: no node: modules.
 *
 * A permission is granted by a system role anywhere (an administrator runs every batch), or by a relation the
 * person has to the scope: a duty on the batch's staff (a proctor's duty counts within their room), an assessor's
 * registration for the bank's occupation, or a candidate's own attempt.
 */

import { keysOf } from './keys-of.ts';

/** System roles, held by an account. Internal supervisors (内部督导员) are enterprise staff with no system role. */
export const ROLE_NAMES = {
  author: '命题专家',
  assessor: '考评员',
  administrator: '考务管理员',
  proctor: '监考',
} as const;
export type Role = keyof typeof ROLE_NAMES;
export const ROLES = keysOf(ROLE_NAMES);
export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/** Duties on a batch's staff (batch_staff.duty); a proctor may be bound to one room. */
export const STAFF_DUTY_NAMES = {
  proctor: '监考员',
  assessor: '考评员',
  supervisor: '内部督导员',
  // 外督人员 (seed 004): sent by the evaluation guidance body, no system role; they read the batch and fill 附件3.
  external_supervisor: '外部督导员',
} as const;
export type StaffDuty = keyof typeof STAFF_DUTY_NAMES;
export const STAFF_DUTIES = keysOf(STAFF_DUTY_NAMES);
export const isStaffDuty = (value: string): value is StaffDuty => (STAFF_DUTIES as readonly string[]).includes(value);

/** What a person is to the scope of an action, besides their roles. */
export type Relation = StaffDuty | 'registered' | 'candidate';
export const RELATION_NAMES: Readonly<Record<Relation, string>> = {
  ...STAFF_DUTY_NAMES,
  registered: '登记该职业的考评员',
  candidate: '考生本人',
};

/** The thing an action is about: everything, a bank (occupation × level), a batch, a room, an attempt. */
export type Scope = 'global' | 'bank' | 'batch' | 'room' | 'attempt';

export interface Permission {
  readonly scope: Scope;
  /** Roles that may, whatever the scope. */
  readonly roles: readonly Role[];
  /** Relations to the scope that may (a batch duty within that batch, a room duty within that room …). */
  readonly relations: readonly Relation[];
  /** What is refused, for messages: "无权{zh}". */
  readonly zh: string;
  readonly en: string;
}

const ADMIN: readonly Role[] = ['administrator'];
const BANK_STAFF: readonly Role[] = ['author', 'assessor', 'administrator'];

/** One row of the table: the scope, who may by role and by relation, then what is refused in Chinese and English. */
const grant = (
  scope: Scope,
  roles: readonly Role[],
  relations: readonly Relation[],
  zh: string,
  en: string,
): Permission => ({ scope, roles, relations, zh, en });

/**
 * The table. Papers and answer keys are for administrators only (试题保密). A batch's supervisors read its plan,
 * results, eligibility, publicity and certificates (they fill 附件2 and 附件4 from them) and its audit trail, and
 * never write scores; its proctors run their rooms and see no results or papers.
 */
export const PERMISSIONS = {
  // Banks (题库): scope = occupation × level.
  'bank.read': grant('bank', BANK_STAFF, [], '查看题库', 'read the bank'),
  'bank.export': grant('bank', BANK_STAFF, [], '导出题库', 'export the bank'),
  'bank.load': grant('bank', ADMIN, [], '载入题库目录', 'load a bank folder'),
  'outline.write': grant('bank', ['administrator', 'author'], [], '修改鉴定要素细目表', 'change the outline'),
  'item.write': grant('bank', ['author'], [], '编写试题', 'write items'),
  'item.asset': grant('bank', BANK_STAFF, [], '上传或查看试题图片', 'use item images'),
  'item.submit': grant('bank', ['author', 'administrator'], [], '提交或撤回试题', 'submit or withdraw items'),
  'item.submit.others': grant(
    'bank',
    ADMIN,
    [],
    '提交或撤回他人编写的试题',
    "submit or withdraw another author's items",
  ),
  'item.review': grant('bank', ['author', 'assessor'], [], '审核试题', 'review items'),
  'item.retire': grant('bank', ['author', 'administrator'], [], '停用试题', 'retire items'),
  'bank.certify': grant('bank', [], ['registered'], '认证题库难度', 'certify the bank (registered assessors)'),
  'assessor.register': grant('global', ADMIN, [], '登记考评员', 'register assessors'),
  // Papers (试卷): secret, administrators only.
  'paper.read': grant('bank', ADMIN, [], '查看试卷和组卷方案', 'read papers'),
  'paper.assemble': grant('bank', ADMIN, [], '组卷', 'assemble papers'),
  // Batches (认定批次).
  'batch.create': grant('global', ADMIN, [], '创建认定批次', 'create batches'),
  'batch.read': grant('batch', ADMIN, STAFF_DUTIES, '查看该批次', 'read the batch'),
  'batch.manage': grant('batch', ADMIN, [], '管理该批次（工作人员、试卷、考生名单、设置）', 'manage the batch'),
  'room.run': grant('room', ADMIN, ['proctor'], '监考该考场', 'proctor the room'),
  'attempt.take': grant('attempt', [], ['candidate'], '作答该场考试', 'take the attempt'),
  // Results (成绩): set-up, scores, decisions, publicity, certificates.
  'plan.read': grant('batch', ADMIN, ['assessor', 'supervisor'], '查看认定方案和考评组', 'read the assessment plan'),
  'plan.write': grant('batch', ADMIN, [], '修改认定方案、考评组和申报信息', 'change the assessment plan'),
  'results.read': grant('batch', ADMIN, ['assessor', 'supervisor'], '查看成绩和认定结果', 'read results'),
  'results.write': grant('batch', ADMIN, [], '录入、确认或计算成绩', 'enter or confirm scores'),
  'results.export': grant('batch', ADMIN, [], '导出成绩表格（含个人信息）', 'export the result forms'),
  'publicity.read': grant('batch', ADMIN, ['assessor', 'supervisor'], '查看公示', 'read the publicity'),
  'publicity.write': grant('batch', ADMIN, [], '公示结果或处理异议', 'publish or handle objections'),
  'certificate.read': grant('batch', ADMIN, ['assessor', 'supervisor'], '查看证书', 'read certificates'),
  'certificate.issue': grant('batch', ADMIN, [], '核发证书', 'issue certificates'),
  // Oversight.
  'supervision.read': grant('batch', ADMIN, STAFF_DUTIES, '查看内部督导报告', 'read the supervision report'),
  'supervision.write': grant(
    'batch',
    [],
    ['supervisor'],
    '填写或签署内部督导报告',
    "fill in or sign the batch's supervision report",
  ),
  'audit.read': grant('batch', ADMIN, ['supervisor'], '查看审计记录', 'read the audit trail'),
  'audit.verify': grant('global', ADMIN, [], '校验审计链', 'verify the audit chain'),
  // Accounts and settings.
  'user.manage': grant('global', ADMIN, [], '管理用户账号', 'manage accounts'),
  'settings.write': grant('global', ADMIN, [], '修改系统设置', 'change settings'),
  // Certificates (issue 15): revocation and the authority's numbers.
  'certificate.revoke': grant('batch', ADMIN, [], '注销证书', 'revoke certificates'),
  // Item analysis (统计分析): the bank's people read a batch's statistics of their bank's items; administrators
  // compute them after a batch and calibrate the bank across batches.
  'stats.read': grant('bank', BANK_STAFF, [], '查看试题统计分析', 'read item statistics'),
  'stats.compute': grant('batch', ADMIN, [], '计算批次的试题统计分析', 'compute batch statistics'),
  'stats.calibrate': grant('bank', ADMIN, [], '校准题库难度（Rasch）', 'calibrate the bank'),
  // The exam day (issue 18): a second person confirms staff changes once the batch has started.
  'staff.confirm': grant(
    'batch',
    [],
    ['supervisor'],
    '确认开考后更改工作人员',
    "confirm a staff change after the batch's first room opened",
  ),
  'external_supervision.write': grant(
    'batch',
    [],
    ['supervisor', 'external_supervisor'],
    '填写或签署外督情况登记表（附件3）',
    'fill in or sign the external supervision register (附件3)',
  ),
} as const satisfies Record<string, Permission>;

export type Action = keyof typeof PERMISSIONS;
export const ACTIONS = keysOf(PERMISSIONS);

/** Who asks: their roles, and their relations to the scope in question (none for a global action). */
export interface Subject {
  readonly roles: readonly Role[];
  readonly relations?: readonly Relation[];
}

/**
 * A person's relations to a batch (or to one room of it) from their rows on its staff. A proctor's or an assessor's
 * duty counts only while they hold the role of that name (they are assigned only then); a supervisor needs no role.
 * With `room`, a proctor's duty counts for that room or when bound to the whole batch (room null or '').
 */
export function dutyRelations(
  roles: readonly Role[],
  staff: readonly { readonly duty: string; readonly room?: string | null }[],
  room?: string,
): Relation[] {
  const out = new Set<Relation>();
  for (const s of staff) {
    if (s.duty === 'supervisor') out.add('supervisor');
    if (s.duty === 'external_supervisor') out.add('external_supervisor');
    if (s.duty === 'assessor' && roles.includes('assessor')) out.add('assessor');
    if (s.duty === 'proctor' && roles.includes('proctor'))
      if (room === undefined || !s.room || s.room === room) out.add('proctor');
  }
  return [...out];
}

/**
 * A person's relation to a bank (its occupation): a registered assessor's, while they hold the assessor role.
 * `registered` lists the occupation codes they are registered for.
 */
export function bankRelations(
  roles: readonly Role[],
  registered: readonly string[],
  occupationCode: string,
): Relation[] {
  return roles.includes('assessor') && registered.includes(occupationCode) ? ['registered'] : [];
}

/** Whether the table lets the subject do the action (within the scope its relations were read for). */
export function allows(subject: Subject, action: Action): boolean {
  const rule: Permission = PERMISSIONS[action];
  return (
    rule.roles.some((r) => subject.roles.includes(r)) ||
    rule.relations.some((r) => (subject.relations ?? []).includes(r))
  );
}

/** Who may, in words: "考务管理员或本批次的考评员、内部督导员". */
export function whoMay(action: Action): string {
  const rule: Permission = PERMISSIONS[action];
  const where = rule.scope === 'room' ? '本考场的' : rule.scope === 'batch' ? '本批次的' : '';
  const roles = rule.roles.map((r) => ROLE_NAMES[r]).join('、');
  const relations = rule.relations.length === 0 ? '' : where + rule.relations.map((r) => RELATION_NAMES[r]).join('、');
  return [roles, relations].filter((x) => x !== '').join('或');
}
