import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Command, Option } from 'commander';
import type { LevelCode } from '@kaowu/domain';
import {
  certifyBank,
  dumpBank,
  exportItemWorkbook,
  importItemWorkbook,
  loadBankFiles,
  readBankStatus,
  readItemTemplate,
  readSnapshot,
} from '@kaowu/services';
import type { BankFiles, ServiceContext } from '@kaowu/services';
import { levelArg, occupationArg, out, withContext, withDb } from '../runtime.ts';
import { formatBankStatus } from './status-report.ts';

/** Reads a bank folder: outline.yaml, items/*.yaml, certifications.yaml and assets/*. */
export function readBankFolder(folder: string): BankFiles {
  const root = resolve(folder);
  if (!existsSync(join(root, 'outline.yaml'))) throw new Error(`${root} 不是题库文件夹（缺少 outline.yaml）`);
  const texts = new Map<string, string>([['outline.yaml', readFileSync(join(root, 'outline.yaml'), 'utf8')]]);
  if (existsSync(join(root, 'items')))
    for (const f of readdirSync(join(root, 'items')).filter((f) => f.endsWith('.yaml')))
      texts.set(`items/${f}`, readFileSync(join(root, 'items', f), 'utf8'));
  if (existsSync(join(root, 'certifications.yaml')))
    texts.set('certifications.yaml', readFileSync(join(root, 'certifications.yaml'), 'utf8'));
  const assets = new Map<string, Uint8Array>();
  if (existsSync(join(root, 'assets')))
    for (const f of readdirSync(join(root, 'assets'))) assets.set(f, readFileSync(join(root, 'assets', f)));
  return { texts, assets };
}

export async function loadFolder(ctx: ServiceContext, as: string, folder: string): Promise<string> {
  const s = await loadBankFiles(ctx, as, readBankFolder(folder));
  const counts = `新增 ${s.created} 题，变更 ${s.changed} 题，未变 ${s.unchanged} 题，认证记录 ${s.certifications} 条`;
  return `已载入题库 ${s.bank.occupationCode} 等级 ${s.bank.level}：${counts}\n当前题库版本 ${s.snapshotHash}`;
}

const bankRef = (occupation: string, level: LevelCode) => ({ occupationCode: occupationArg(occupation), level });

function writeOut(path: string, data: Uint8Array | string): void {
  mkdirSync(dirname(resolve(path)), { recursive: true });
  writeFileSync(path, data);
}

export function bankCommand(): Command {
  const bank = new Command('bank').description('题库：载入、导入导出、状态与题库难度认证');

  withDb(
    bank.command('status <occupation> <level>').description('题库就绪与认证状态；未就绪时退出码为 1，便于脚本判断'),
  )
    .requiredOption('--as <user>', '操作人（命题专家、考评员或管理员）')
    .option('--json', '以 JSON 输出')
    .action(async (occupation: string, level: string, o: { as: string; json?: boolean; db?: string }) => {
      const s = await withContext(o, (ctx) => readBankStatus(ctx, o.as, bankRef(occupation, levelArg(level))));
      out(o.json ? JSON.stringify(s, null, 2) : formatBankStatus(s));
      if (!s.ready) process.exitCode = 1;
    });

  withDb(
    bank.command('load <folder>').description('从文本格式文件夹载入题库（细目表、试题、认证记录）；任何错误都不写入'),
  )
    .requiredOption('--as <user>', '操作人（管理员）')
    .action(async (folder: string, o: { as: string; db?: string }) => {
      out(await withContext(o, (ctx) => loadFolder(ctx, o.as, folder)));
    });

  withDb(
    bank
      .command('dump <occupation> <level>')
      .description('把题库写成文本格式文件夹（规范格式，可在 git 中比对）；记入审计'),
  )
    .requiredOption('--out <folder>', '输出文件夹')
    .requiredOption('--as <user>', '操作人（命题专家、考评员或管理员）')
    .action(async (occupation: string, level: string, o: { out: string; as: string; db?: string }) => {
      const ref = bankRef(occupation, levelArg(level));
      const { files, assets } = await withContext(o, (ctx) => dumpBank(ctx, o.as, ref));
      for (const [path, text] of files) writeOut(join(o.out, path), text);
      for (const [name, data] of assets) writeOut(join(o.out, 'assets', name), data);
      out(`已写出 ${files.size} 个文件到 ${resolve(o.out)}`);
    });

  withDb(bank.command('import <file>').description('从 Excel 工作簿导入试题；先校验整个工作簿，有任何错误则不导入'))
    .requiredOption('--occupation <code>', '职业编码', occupationArg)
    .requiredOption('--level <level>', '等级 1–5', levelArg)
    .requiredOption('--as <user>', '命题人')
    .option('--submit', '导入后直接提交审核')
    .action(
      async (file: string, o: { occupation: string; level: LevelCode; as: string; submit?: boolean; db?: string }) => {
        const data = readFileSync(file);
        const s = await withContext(o, (ctx) =>
          importItemWorkbook(ctx, o.as, { occupationCode: o.occupation, level: o.level }, data, {
            submit: o.submit ?? false,
          }),
        );
        out(
          `已导入 ${s.rows} 行：新增 ${s.created} 题，新版本 ${s.newVersions} 题，` +
            `修改草稿 ${s.updated} 题，内容相同未变 ${s.unchanged} 题`,
        );
      },
    );

  withDb(bank.command('export <occupation> <level>').description('导出试题为 Excel 工作簿（可再导入）'))
    .requiredOption('--out <file>', '输出 .xlsx 文件')
    .requiredOption('--as <user>', '操作人')
    .addOption(new Option('--status <which>', '导出范围').choices(['approved', 'all']).default('approved'))
    .action(
      async (
        occupation: string,
        level: string,
        o: { out: string; as: string; status: 'approved' | 'all'; db?: string },
      ) => {
        const data = await withContext(o, (ctx) =>
          exportItemWorkbook(ctx, o.as, bankRef(occupation, levelArg(level)), o.status),
        );
        writeOut(o.out, data);
        out(`已导出到 ${resolve(o.out)}`);
      },
    );

  withDb(bank.command('template').description('生成带说明和下拉选项的空白试题导入模板'))
    .requiredOption('--out <file>', '输出 .xlsx 文件')
    .option('--occupation <code>', '职业编码（给出时鉴定点代码列有下拉选项）', occupationArg)
    .option('--level <level>', '等级 1–5', levelArg)
    .requiredOption('--as <user>', '操作人（命题专家、考评员或管理员）')
    .action(async (o: { out: string; occupation?: string; level?: LevelCode; as: string; db?: string }) => {
      const ref =
        o.occupation !== undefined && o.level !== undefined
          ? { occupationCode: o.occupation, level: o.level }
          : undefined;
      const data = await withContext(o, (ctx) => readItemTemplate(ctx, o.as, ref));
      writeOut(o.out, data);
      out(`已生成模板 ${resolve(o.out)}`);
    });

  withDb(bank.command('snapshot <occupation> <level>').description('打印当前题库版本的校验码与题量'))
    .requiredOption('--as <user>', '操作人（命题专家、考评员或管理员）')
    .action(async (occupation: string, level: string, o: { as: string; db?: string }) => {
      const s = await withContext(o, (ctx) => readSnapshot(ctx, o.as, bankRef(occupation, levelArg(level))));
      out(`${s.hash}\t${s.items.length}`);
    });

  withDb(bank.command('certify <occupation> <level>').description('考评员认证当前题库版本的难度与等级相符'))
    .requiredOption('--as <user>', '考评员')
    .option('--comment <text>', '认证意见', '题库难度与该等级要求相符')
    .option('--snapshot <hash>', '只在当前题库版本仍为此校验码时认证（防止认证了未看过的内容）')
    .action(
      async (occupation: string, level: string, o: { as: string; comment: string; snapshot?: string; db?: string }) => {
        const r = await withContext(o, (ctx) =>
          certifyBank(ctx, o.as, bankRef(occupation, levelArg(level)), o.comment, o.snapshot),
        );
        out(`${o.as} 已认证题库版本 ${r.snapshotHash}`);
      },
    );
  return bank;
}
