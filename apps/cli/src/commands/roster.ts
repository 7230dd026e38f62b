import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { importPhotos, importRoster, rosterTemplate } from '@kaowu/services';
import { out, withContext, withDb } from '../runtime.ts';

const bytesOf = (file: string): Uint8Array => {
  try {
    return new Uint8Array(readFileSync(file));
  } catch (e) {
    throw new InvalidArgumentError(`无法读取文件 ${file}：${e instanceof Error ? e.message : String(e)}`);
  }
};

interface Common {
  batch: string;
  as: string;
  db?: string;
}

/** `kaowu roster import|template|photos`: the roster workbook with its photos (a zip named by 身份证号), all or nothing. */
export function rosterCommand(): Command {
  const roster = new Command('roster').description('考生名单与照片');
  withDb(roster.command('import <workbook>').description('导入考生名单（.xlsx），可同时导入照片压缩包'))
    .requiredOption('--batch <planNumber>', '认定计划号（或批次 id）')
    .option('--photos <zip>', '照片压缩包：每张照片以考生身份证号命名，如 110101199003071234.jpg')
    .requiredOption('--as <user>', '操作人（管理员）')
    .action(async (file: string, o: Common & { photos?: string }) => {
      const zip = o.photos === undefined ? undefined : bytesOf(o.photos);
      const r = await withContext(o, (ctx) => importRoster(ctx, o.as, o.batch, bytesOf(file), zip));
      out(`已导入 ${r.imported} 名考生${r.photos > 0 ? `，照片 ${r.photos} 张` : ''}`);
    });
  withDb(roster.command('template').description('生成空白考生名单模板（带填写说明和示例行，示例行导入时跳过）'))
    .requiredOption('--batch <planNumber>', '认定计划号（或批次 id）')
    .requiredOption('--out <file>', '输出 .xlsx 文件')
    .requiredOption('--as <user>', '操作人（管理员）')
    .action(async (o: Common & { out: string }) => {
      writeFileSync(o.out, await withContext(o, (ctx) => rosterTemplate(ctx, o.as, o.batch)));
      out(`已生成模板 ${resolve(o.out)}`);
    });
  withDb(roster.command('photos <zip>').description('为已导入的考生补充照片（以身份证号命名的压缩包）'))
    .requiredOption('--batch <planNumber>', '认定计划号（或批次 id）')
    .requiredOption('--as <user>', '操作人（管理员）')
    .action(async (file: string, o: Common) => {
      const r = await withContext(o, (ctx) => importPhotos(ctx, o.as, o.batch, bytesOf(file)));
      out(`已导入照片 ${r.imported} 张`);
    });
  return roster;
}
