import { missingNames, type SupervisionScore } from '@kaowu/domain';
import { fail } from '../shared/failures.ts';

/**
 * Refuses to sign a supervision rubric (附件2 内部督导报告, 附件3 外督情况登记表) before it is complete (or vetoed),
 * naming each criterion still to assess by its name in the annex.
 */
export function requireCompleteToSign(score: SupervisionScore, document: string, en: string): void {
  if (score.complete) return;
  const names = missingNames(score);
  throw fail.invalid(`${document}尚未填写完整，不能签字：还有 ${names.length} 项未评（${names.join('、')}）`, en);
}
