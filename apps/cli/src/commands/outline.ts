import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { outlineTemplateWorkbook, readOutlineWorkbook, writeOutlineWorkbook } from '@kaowu/bank';
import { KaowuError, type LevelCode } from '@kaowu/domain';
import { importOutline, readOutline } from '@kaowu/services';
import { levelArg, occupationArg, out, withContext, withDb } from '../runtime.ts';

export function outlineCommand(): Command {
  const outline = new Command('outline').description('鉴定要素细目表');
  withDb(outline.command('import <file>').description('从 Excel 导入某职业某等级的细目表（工作表“鉴定要素细目表”）'))
    .requiredOption('--occupation <code>', '职业编码', occupationArg)
    .requiredOption('--name <name>', '职业名称')
    .option('--edition <year>', '职业分类大典版本（2015 或 2022）', '2022')
    .requiredOption('--level <level>', '等级 1–5', levelArg)
    .requiredOption('--basis <text>', '依据（国家职业技能标准或评价规范名称）')
    .requiredOption('--as <user>', '操作人')
    .action(
      async (
        file: string,
        o: {
          occupation: string;
          name: string;
          edition: string;
          level: LevelCode;
          basis: string;
          as: string;
          db?: string;
        },
      ) => {
        const edition = Number(o.edition);
        if (edition !== 2015 && edition !== 2022)
          throw new KaowuError('invalid', '职业分类大典版本只能是 2015 或 2022', 'edition must be 2015 or 2022');
        const read = await readOutlineWorkbook(readFileSync(file), {
          occupation: { code: o.occupation, edition, name: o.name },
          level: o.level,
          basis: o.basis,
        });
        if (!read.ok)
          throw new KaowuError(
            'invalid',
            `细目表有 ${read.problems.length} 处错误，未导入`,
            'outline workbook has problems',
            read.problems,
          );
        await withContext(o, (ctx) => importOutline(ctx, o.as, read.outline));
        out(`已导入细目表 ${o.occupation} 等级 ${o.level}`);
      },
    );
  outline
    .command('template')
    .description('生成空白细目表模板（带填写说明和示例行，示例行导入时跳过）')
    .requiredOption('--out <file>', '输出 .xlsx 文件')
    .action(async (o: { out: string }) => {
      writeFileSync(o.out, await outlineTemplateWorkbook());
      out(`已生成模板 ${resolve(o.out)}`);
    });
  withDb(outline.command('export <occupation> <level>').description('把细目表导出为 Excel'))
    .requiredOption('--out <file>', '输出 .xlsx 文件')
    .requiredOption('--as <user>', '操作人（命题专家、考评员或管理员）')
    .action(async (occupation: string, level: string, o: { out: string; as: string; db?: string }) => {
      const value = await withContext(o, (ctx) =>
        readOutline(ctx, o.as, { occupationCode: occupationArg(occupation), level: levelArg(level) }),
      );
      writeFileSync(o.out, await writeOutlineWorkbook(value));
      out(`已导出到 ${resolve(o.out)}`);
    });
  return outline;
}
