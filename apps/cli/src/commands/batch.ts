import { Command } from 'commander';
import { FILING_STATE_NAMES } from '@kaowu/domain';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { filingExports, getBatchTimeline, markFilingStep, MARKABLE_STEPS, type BatchTimeline } from '@kaowu/services';
import { formatOption, inFormat, named, type ReportFormat } from '../report-format.ts';
import { out, withContext, withDb } from '../runtime.ts';

function printTimeline(t: BatchTimeline): void {
  out(
    `认定批次 ${t.planNumber}：考试 ${t.examFirstDay}${t.examLastDay === t.examFirstDay ? '' : ` 至 ${t.examLastDay}`}`,
  );
  out(`备案期限依据：${t.regionName}（${t.source}），按法定工作日计算（含调休）`);
  for (const s of t.steps) {
    const due = s.dueOn === null ? '—' : `${s.dueOn}${s.estimated ? '（预计）' : ''}`;
    const done = s.done === null ? '' : `\t${s.done.on}${s.done.by ? ` ${s.done.by}` : ''}`;
    out(`${s.name}\t${s.rule}\t应于 ${due}\t${FILING_STATE_NAMES[s.state]}${done}`);
  }
}

/** `kaowu batch timeline|file`: the batch's filing deadlines in Chinese working days. */
export function batchCommand(): Command {
  const batch = new Command('batch').description('认定批次的备案时间表');
  withDb(
    batch.command('timeline <batch>').description('备案时间表：各步骤的期限（工作日）、完成日期和经办人，或已逾期'),
  )
    .requiredOption('--as <user>', '操作人（管理员，或该批次的考评员、内部督导员）')
    .action(async (ref: string, o: { as: string; db?: string }) => {
      printTimeline(await withContext(o, (ctx) => getBatchTimeline(ctx, o.as, ref)));
    });
  withDb(batch.command('file <batch> <step>').description(`登记备案完成（步骤：${MARKABLE_STEPS.join('、')}）`))
    .option('--on <date>', '完成日期 YYYY-MM-DD（默认今天）')
    .requiredOption('--as <user>', '操作人（管理员）')
    .action(async (ref: string, step: string, o: { as: string; db?: string; on?: string }) => {
      printTimeline(await withContext(o, (ctx) => markFilingStep(ctx, o.as, ref, step, { on: o.on })));
    });
  withDb(
    batch
      .command('filing <batch>')
      .description('导出备案表格：结果汇总表、合格人员证书信息表、证书信息上报文件（CSV）'),
  )
    .requiredOption('--out <dir>', '输出目录')
    .requiredOption('--as <user>', '操作人（管理员）')
    .addOption(formatOption())
    .action(async (ref: string, o: { as: string; db?: string; out: string; format: ReportFormat }) => {
      const files = await withContext(o, (ctx) => filingExports(ctx, o.as, ref));
      mkdirSync(o.out, { recursive: true });
      for (const [name, data] of files) {
        const file = named(name, o.format);
        writeFileSync(join(o.out, file), name.endsWith('.xlsx') ? await inFormat(data, o.format) : data);
        out(resolve(o.out, file));
      }
    });
  return batch;
}
