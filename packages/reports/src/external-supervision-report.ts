import {
  EXTERNAL_SUPERVISION_INDICATORS,
  EXTERNAL_SUPERVISION_MAX,
  EXTERNAL_SUPERVISION_TITLE,
  EXTERNAL_SUPERVISION_VETOES,
  scoreExternalSupervision,
  type SupervisionReport,
} from '@kaowu/domain';
import { chineseDate } from '@kaowu/grading';
import { levelText, occupationText, type BatchHeader } from './batch.ts';
import { rubricReport, type SupervisionSigner } from './supervision-report.ts';

export interface ExternalSupervisionReportInput {
  readonly header: BatchHeader;
  readonly externalSupervisors: readonly string[];
  readonly report: SupervisionReport | undefined;
  readonly internalSigners: readonly SupervisionSigner[];
  readonly externalSigners: readonly SupervisionSigner[];
}

/**
 * 附件3 技能人才评价专家资格认定外督情况登记表（试行）: its header grid, the rubric with points and scores (核心指标
 * merged down), the veto items with ✓, 合计, the opinion, and both supervisors' signatures (内督人员, 外督人员).
 */
export async function externalSupervisionReport(input: ExternalSupervisionReportInput): Promise<Uint8Array> {
  const { header, report } = input;
  return rubricReport(header, {
    sheetName: '外督情况登记表',
    title: EXTERNAL_SUPERVISION_TITLE,
    headerGrid: [
      ['受督导单位', header.enterpriseName, '督导时间', report ? chineseDate(report.supervisedOn) : '年    月    日'],
      ['职业（工种）', occupationText(header), '评价专家类型/等级', levelText(header)],
      ['外督人员', input.externalSupervisors.join('、'), '督导人员工作单位', report?.supervisorUnit ?? ''],
    ],
    indicators: EXTERNAL_SUPERVISION_INDICATORS,
    vetoes: EXTERNAL_SUPERVISION_VETOES,
    max: EXTERNAL_SUPERVISION_MAX,
    report,
    score: report === undefined ? undefined : scoreExternalSupervision(report),
    vetoNote: '发生任何一项当次外督得分为0分',
    vetoHint: '在栏目后打钩',
    totalLabel: '得分',
    opinionLabel: '意见建议或其他问题说明',
    signatures: [
      { label: '内督人员签名', signers: input.internalSigners },
      { label: '外督人员签名', signers: input.externalSigners },
    ],
  });
}
