import { z } from 'zod';
import {
  EXTERNAL_SUPERVISION_INDICATORS,
  EXTERNAL_SUPERVISION_VETOES,
  PAPER_MANAGEMENT_FORMS,
} from './external-supervision-rubric.ts';
import type { SupervisionReport } from './supervision-rubric.ts';

const CRITERIA = new Map(
  EXTERNAL_SUPERVISION_INDICATORS.flatMap((i) => i.criteria.map((c) => [c.code, { ...c, indicator: i }] as const)),
);

/**
 * A 附件3 register as saved (partial ones too), checked against its rubric; every refusal names the criterion.
 * The header's 督导人员工作单位 is `supervisorUnit`, the 意见建议 `opinion`, as in 附件2.
 */
export const externalSupervisionReportInput = z
  .strictObject({
    supervisedOn: z.iso.date({ error: '督导时间应为日期，例如 2026-11-02' }),
    supervisorUnit: z.string().trim().min(1, { message: '请填写督导人员工作单位' }).max(200),
    answers: z.record(z.string(), z.union([z.number().int(), z.array(z.number().int())])).default({}),
    vetoes: z.array(z.string()).default([]),
    opinion: z.string().trim().max(4000).default(''),
  })
  .superRefine((report, ctx) => {
    for (const [code, answer] of Object.entries(report.answers)) {
      const path = ['answers', code];
      const c = CRITERIA.get(code);
      if (c === undefined) {
        ctx.addIssue({ code: 'custom', path, message: `附件3 没有评估项 ${code}` });
        continue;
      }
      const label = `${c.indicator.name}·${c.name}`;
      const count = c.kind === 'choice' ? c.options.length : c.items.length;
      const picks = typeof answer === 'number' ? [answer] : answer;
      if ((c.kind === 'choice') !== (typeof answer === 'number'))
        ctx.addIssue({
          code: 'custom',
          path,
          message: c.kind === 'choice' ? `「${label}」应选择一个评估标准` : `「${label}」应列出执行到位的项目`,
        });
      else if (picks.some((i) => i < 0 || i >= count) || new Set(picks).size !== picks.length)
        ctx.addIssue({ code: 'custom', path, message: `「${label}」的序号应在 1–${count} 之间且不重复` });
    }
    if (PAPER_MANAGEMENT_FORMS.every((f) => report.answers[f] !== undefined))
      ctx.addIssue({ code: 'custom', path: ['answers'], message: '试卷管理只填纸笔形式或机考形式之一' });
    for (const v of report.vetoes)
      if (!EXTERNAL_SUPERVISION_VETOES.some((k) => k.code === v))
        ctx.addIssue({ code: 'custom', path: ['vetoes'], message: `附件3 没有否决项 ${v}` });
  })
  .transform(
    (r): SupervisionReport => ({
      ...r,
      answers: Object.fromEntries(
        Object.entries(r.answers).map(([k, a]) => [k, typeof a === 'number' ? a : [...a].sort((x, y) => x - y)]),
      ),
      vetoes: EXTERNAL_SUPERVISION_VETOES.map((v) => v.code).filter((code) => r.vetoes.includes(code)),
    }),
  );
export type ExternalSupervisionReportInput = z.input<typeof externalSupervisionReportInput>;
