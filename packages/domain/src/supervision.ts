import { z } from 'zod';
import { SUPERVISION_VETOES, supervisionCriterion, type SupervisionReport } from './supervision-rubric.ts';

export * from './supervision-rubric.ts';

const day = z.iso.date({ error: '督导时间应为日期，例如 2026-11-02' });
const answer = z.union([z.number().int(), z.array(z.number().int())], {
  error: '评估结果应为所选评估标准的序号，或执行到位的项目序号列表',
});

/**
 * A supervision report as saved (partial reports too), checked against the rubric: each answer must fit its
 * criterion, and every refusal names the criterion (分项指标) in Chinese.
 */
export const supervisionReportInput = z
  .strictObject(
    {
      supervisedOn: day,
      supervisorUnit: z
        .string({ error: '请填写督导员工作单位' })
        .trim()
        .min(1, { message: '请填写督导员工作单位' })
        .max(200, { message: '督导员工作单位不超过 200 字' }),
      answers: z.record(z.string(), answer, { error: '评估结果应按评估项列出' }).default({}),
      vetoes: z.array(z.string(), { error: '否决项应为列表' }).default([]),
      opinion: z
        .string({ error: '内督人员意见应为文字' })
        .trim()
        .max(4000, { message: '内督人员意见不超过 4000 字' })
        .default(''),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys' ? `督导报告没有这些内容：${issue.keys.join('、')}` : '督导报告应为一个对象',
    },
  )
  .superRefine((report, ctx) => {
    for (const [code, answer] of Object.entries(report.answers)) {
      const path = ['answers', code];
      const c = supervisionCriterion(code);
      if (c === undefined) {
        ctx.addIssue({ code: 'custom', path, message: `没有评估项 ${code}` });
        continue;
      }
      const label = `${c.indicator.name}·${c.name}`;
      if (c.kind === 'choice') {
        if (typeof answer !== 'number')
          ctx.addIssue({ code: 'custom', path, message: `「${label}」应选择一个评估标准` });
        else if (answer < 0 || answer >= c.options.length)
          ctx.addIssue({
            code: 'custom',
            path,
            message: `「${label}」没有第 ${answer + 1} 个评估标准（共 ${c.options.length} 个）`,
          });
        continue;
      }
      if (typeof answer === 'number') {
        ctx.addIssue({ code: 'custom', path, message: `「${label}」应列出执行到位的项目` });
        continue;
      }
      const seen = new Set<number>();
      for (const i of answer) {
        if (i < 0 || i >= c.items.length)
          ctx.addIssue({ code: 'custom', path, message: `「${label}」没有第 ${i + 1} 项（共 ${c.items.length} 项）` });
        else if (seen.has(i)) ctx.addIssue({ code: 'custom', path, message: `「${label}」第 ${i + 1} 项重复` });
        seen.add(i);
      }
    }
    const seen = new Set<string>();
    report.vetoes.forEach((v, i) => {
      if (!SUPERVISION_VETOES.some((known) => known.code === v))
        ctx.addIssue({ code: 'custom', path: ['vetoes', i], message: `没有否决项 ${v}` });
      else if (seen.has(v)) ctx.addIssue({ code: 'custom', path: ['vetoes', i], message: `否决项 ${v} 重复` });
      seen.add(v);
    });
  })
  // Checklist items in the annex's order, so the same report always has the same content hash.
  .transform(
    (r): SupervisionReport => ({
      ...r,
      answers: Object.fromEntries(
        Object.entries(r.answers).map(([k, a]) => [k, typeof a === 'number' ? a : [...a].sort((x, y) => x - y)]),
      ),
      vetoes: SUPERVISION_VETOES.map((v) => v.code).filter((code) => r.vetoes.includes(code)),
    }),
  );
export type SupervisionReportInput = z.input<typeof supervisionReportInput>;
