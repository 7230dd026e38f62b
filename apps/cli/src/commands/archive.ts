import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { chinaTime } from '@kaowu/domain';
import {
  archiveBatch,
  destroyPersonalData,
  exportDestructions,
  listDestructions,
  verifyArchive,
} from '@kaowu/services';
import { formatOption, inFormat, type ReportFormat } from '../report-format.ts';
import { out, withContext, withDb } from '../runtime.ts';

const DEFAULT_BASE_URL = process.env.KAOWU_PUBLIC_URL ?? 'http://127.0.0.1:8000';

/** `kaowu archive batch|verify|destroy|register`: the batch archive (归档), its check, and the destruction register. */
export function archiveCommand(): Command {
  const archive = new Command('archive').description('归档、归档包校验与销毁台账');

  withDb(archive.command('batch <batch>').description('把批次的全部资料写成一个归档包（zip，含 manifest.json）'))
    .requiredOption('--out <file.zip>', '输出 zip 文件')
    .requiredOption('--as <user>', '操作人（管理员）')
    .option('--base-url <url>', '证书查询页所在地址（证书二维码指向 <url>/verify/）', DEFAULT_BASE_URL)
    .action(async (ref: string, o: { out: string; as: string; db?: string; baseUrl: string }) => {
      const r = await withContext(o, (ctx) => archiveBatch(ctx, o.as, ref, { baseUrl: o.baseUrl }));
      writeFileSync(o.out, r.zip);
      const m = r.manifest;
      out(`已归档批次 ${m.batch.planNumber}：${m.files.length} 个文件，${resolve(o.out)}`);
      out(`清单校验码（SHA-256）：${r.manifestHash}`);
      out(`审计链头：第 ${m.auditHead.seq} 条 ${m.auditHead.hash}`);
      out(`保存期：纸质资料至 ${m.retention.paperUntil}，电子资料至 ${m.retention.electronicUntil}`);
    });

  archive
    .command('verify <file.zip>')
    .description('校验归档包：每个文件的 SHA-256 与审计记录摘录的校验码链（不需要数据库）；不通过时退出码为 1')
    .action((file: string) => {
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(readFileSync(file));
      } catch (e) {
        throw new InvalidArgumentError(`无法读取文件 ${file}：${e instanceof Error ? e.message : String(e)}`);
      }
      const r = verifyArchive(bytes);
      if (r.failure === null) {
        const m = r.manifest!;
        out(`归档包完整：批次 ${m.batch.planNumber}，${r.files} 个文件、${r.records} 条审计记录校验通过`);
        out(`审计链头：第 ${m.auditHead.seq} 条 ${m.auditHead.hash}（可用 kaowu audit verify --head 核对数据库）`);
      } else {
        out(`归档包校验未通过：${r.failure.reason}`);
        process.exitCode = 1;
      }
    });

  withDb(archive.command('destroy <batch>').description('销毁保存期满批次的考生个人信息，并登记销毁台账'))
    .requiredOption('--as <user>', '操作人（管理员）')
    .action(async (ref: string, o: { as: string; db?: string }) => {
      const e = await withContext(o, (ctx) => destroyPersonalData(ctx, o.as, ref));
      out(`已销毁批次 ${e.planNumber} 的${e.what}`);
      out(`已登记销毁台账：保存期至 ${e.retainedUntil}，归档清单校验码 ${e.manifestHash}`);
    });

  withDb(
    archive.command('register').description('销毁台账（每行：认定计划号、销毁时间、经办人、保存期至、清单校验码）'),
  )
    .requiredOption('--as <user>', '操作人（管理员）')
    .option('--out <file>', '导出为 Excel 或 PDF（--format）')
    .addOption(formatOption())
    .action(async (o: { as: string; db?: string; out?: string; format: ReportFormat }) => {
      if (o.out !== undefined) {
        const data = await withContext(o, (ctx) => exportDestructions(ctx, o.as));
        writeFileSync(o.out, await inFormat(data, o.format));
        out(`已导出销毁台账到 ${resolve(o.out)}`);
        return;
      }
      const entries = await withContext(o, (ctx) => listDestructions(ctx, o.as));
      if (entries.length === 0) out('销毁台账为空');
      for (const e of entries)
        out(
          `${e.planNumber}\t${chinaTime(e.destroyedAt, 'second')}\t${e.destroyedBy}\t${e.retainedUntil}\t${e.manifestHash}`,
        );
    });
  return archive;
}
