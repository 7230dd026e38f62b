/**
 * The audit trail in words, for the audit page, its workbook, the CLI and the room board (one wording for the
 * same event everywhere). Services write only these actions and entities: a new one without its name fails the
 * typecheck. Records written by older builds may carry other codes; the look-ups show those as their code.
 */

import { keysOf } from './keys-of.ts';

export const AUDIT_ACTION_NAMES = {
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
  // 实名制 and accommodations (issue 17).
  'candidate.photo': '上传考生照片',
  'candidate.accommodation': '设置考生便利安排',
  'candidate.identity': '实名核验',
  'attempt.frame': '开考拍照',
  'audit.export': '导出审计记录',
  'candidate.edit': '修改考生信息',
  'certificate.revoke': '注销证书',
  'certificate.pdf': '导出电子证书',
  'certificate.key': '生成证书签名密钥',
  'stats.compute': '计算试题统计分析',
  'stats.calibrate': '校准题库难度',
  'batch.staff_change.propose': '申请开考后更改工作人员',
  'batch.staff_change.confirm': '内督人员确认更改工作人员',
  'batch.list.publish': '公示考生名单',
  'batch.list.objection.add': '登记考生名单异议',
  'batch.list.objection.resolve': '处理考生名单异议',
  'results.sheet.sign': '考评员签字确认实操考评表',
  'supervision.external.save': '保存外督情况登记表',
  'supervision.external.sign': '督导人员签字（附件3）',
  'certificate.numbers': '导入人社部门赋予的证书编号',
  // Filing, archive and retention (issue 16).
  'filing.mark': '登记备案步骤完成',
  'filing.export': '导出备案表格',
  'archive.write': '归档批次',
  'archive.destroy': '销毁个人信息（销毁台账）',
  'item.stats_review': '按统计异常送复核',
  'item.stats_keep': '统计异常复核后保留试题',
  'stats.compute_failed': '结果生效后自动计算试题统计分析失败',
} as const satisfies Readonly<Record<string, string>>;
export type AuditAction = keyof typeof AUDIT_ACTION_NAMES;
export const AUDIT_ACTIONS = keysOf(AUDIT_ACTION_NAMES);

/**
 * Actions renamed after records had been written with them. The trail is chained by hash, so those records keep
 * their code; they read, and filter, as the action's current name.
 */
export const RENAMED_AUDIT_ACTIONS: Readonly<Record<string, AuditAction>> = { 'results.certify': 'results.issue' };

/** An action in words; one this build does not know (an older record) shows as its code, never hidden. */
export const auditActionName = (action: string): string =>
  (AUDIT_ACTION_NAMES as Readonly<Record<string, string>>)[RENAMED_AUDIT_ACTIONS[action] ?? action] ?? action;

/** An action's group: the part before its first dot, with the dot (`results.` for `results.scores.enter`). */
export type AuditActionGroup = AuditAction extends `${infer Group}.${string}` ? `${Group}.` : never;

/** The action groups a filter offers (action prefixes): every action belongs to one, or tsc fails. */
export const AUDIT_ACTION_GROUP_NAMES: Readonly<Record<AuditActionGroup, string>> = {
  'item.': '试题',
  'bank.': '题库',
  'outline.': '细目表',
  'asset.': '题库图片',
  'occupation.': '职业',
  'assessor.': '考评员',
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
  'certificate.': '电子证书',
  'stats.': '统计分析',
  'filing.': '备案',
  'archive.': '归档与销毁',
};

export const AUDIT_ENTITY_NAMES = {
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
  staff_change: '工作人员更改',
} as const satisfies Readonly<Record<string, string>>;
export type AuditEntity = keyof typeof AUDIT_ENTITY_NAMES;

export const auditEntityName = (entity: string): string =>
  (AUDIT_ENTITY_NAMES as Readonly<Record<string, string>>)[entity] ?? entity;
