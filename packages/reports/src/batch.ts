import {
  DECISION_OUTCOME_NAMES,
  levelLabel,
  parseIdNumber,
  SEX_NAMES,
  type Candidate,
  type LevelCode,
} from '@kaowu/domain';
import { chineseDate, type Decision, type PublicityWindow } from '@kaowu/grading';
import type { AuditAnchor, CellValue } from './layout.ts';

/** What the header of every report shows about the batch (认定批次). */
export interface BatchHeader {
  /** 企业名称 */
  readonly enterpriseName: string;
  /** 评价机构名称 (附件4); the enterprise itself unless set. */
  readonly evaluationBody?: string | undefined;
  /** 认定计划号 */
  readonly planNumber: string;
  /** 认定职业 */
  readonly occupationName: string;
  /** 工种, where the occupation has trades. */
  readonly trade?: string | undefined;
  readonly level: LevelCode;
  /** The report's date (日期 / 填表时间), YYYY-MM-DD. */
  readonly date: string;
  /** 考务联系人 and 联系方式. */
  readonly contact?: { readonly name: string; readonly phone: string } | undefined;
  /** The audit chain's head at export, printed in the footer of every page. */
  readonly auditHead?: AuditAnchor | undefined;
}

/** One candidate line: the application facts plus the batch's ticket and, once issued, the certificate. */
export type CandidateRow = Pick<
  Candidate,
  'id' | 'name' | 'idNumber' | 'unit' | 'address' | 'education' | 'occupationYears'
> & {
  /** 准考证号码 */
  readonly ticket: string;
  /** 证书编号, once allocated. */
  readonly certificateNumber?: string | undefined;
};

export const occupationText = (h: BatchHeader): string =>
  h.trade ? `${h.occupationName}（${h.trade}）` : h.occupationName;
export const levelText = (h: BatchHeader): string => levelLabel(h.level);

/** The publicity window as the list and the confirmation print it. */
export const publicityPeriodText = (w: PublicityWindow): string =>
  `公示期：${chineseDate(w.firstDay)}至${chineseDate(w.lastDay)}（${w.days.length} 个工作日）`;

/** Pairs each row with its decision (by candidate id), in row order. */
export function withDecisions(
  rows: readonly CandidateRow[],
  decisions: readonly Decision[],
): { row: CandidateRow; decision: Decision | undefined }[] {
  const byId = new Map(decisions.map((d) => [d.candidateId, d]));
  return rows.map((row) => ({ row, decision: byId.get(row.id) }));
}

/** 备注 / 认定结果: 合格, 不合格 (缺考 noted), 待定. */
/** A candidate's first cells in the score tables: 序号, 准考证号码, 姓名, 身份证号码, 所在单位. */
export const identityCells = (row: CandidateRow, i: number): CellValue[] => [
  i + 1,
  row.ticket,
  row.name,
  row.idNumber,
  row.unit,
];

export function resultText(decision: Decision | undefined): string {
  if (decision === undefined) return DECISION_OUTCOME_NAMES.pending;
  if (decision.outcome === 'fail' && decision.components.some((c) => c.state === 'absent')) return '不合格（缺考）';
  return DECISION_OUTCOME_NAMES[decision.outcome];
}

/** Sex and birth month as the register writes them, read from the ID (GB 11643). */
export function fromIdNumber(idNumber: string): { sex: string; birthMonth: string } {
  const parsed = parseIdNumber(idNumber);
  if (!parsed.ok) return { sex: '', birthMonth: '' };
  const [y, m] = parsed.info.birthDate.split('-');
  return { sex: SEX_NAMES[parsed.info.sex], birthMonth: `${y}.${m}` };
}
