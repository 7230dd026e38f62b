import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import {
  formatAnswerKey,
  levelLabel,
  OPTION_LETTERS,
  plainText,
  type LevelCode,
  type PaperMeasures,
} from '@kaowu/domain';
import { assemblePapers, exportPaper, readPapers, readPaperWithKeys, verifyPaper } from '@kaowu/services';
import type { PaperFormat } from '@kaowu/services';
import { levelArg, occupationArg, out, withContext, withDb } from '../runtime.ts';

const formsArg = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 26) throw new InvalidArgumentError(`套数 ${value} 无效，应为 1–26`);
  return n;
};

/**
 * What the paper records of itself, as printed after its hash: "  合格线能力值 0.5 处期望得分 61.23 分、测验信息量
 * 35.412（已校准 120/190 题）  曝光率 12.6 %（近 3 批次用过 24/190 题）", each part only when the blueprint asks for it.
 */
export function measureText(measures: PaperMeasures | undefined): string {
  let text = '';
  const atCut = measures?.atCut;
  if (atCut !== undefined) {
    const items = measures?.exposure?.items;
    const calibrated = items === undefined ? `已校准 ${atCut.calibrated} 题` : `已校准 ${atCut.calibrated}/${items} 题`;
    text +=
      `  合格线能力值 ${atCut.ability} 处期望得分 ${atCut.expectedScore.toFixed(2)} 分、` +
      `测验信息量 ${atCut.information.toFixed(3)}（${calibrated}）`;
  }
  const exposure = measures?.exposure;
  if (exposure !== undefined) {
    const rate = ((100 * exposure.seen) / exposure.items).toFixed(1);
    text += `  曝光率 ${rate} %（近 ${exposure.batches} 批次用过 ${exposure.seen}/${exposure.items} 题）`;
  }
  return text;
}

export function paperCommand(): Command {
  const paper = new Command('paper').description('试卷：按组卷方案组卷、查看、导出、校验');
  withDb(
    paper
      .command('assemble')
      .description('从题库当前题库版本按组卷方案组卷并封存；同样的题库版本、方案和组卷随机码总得到同样的试卷'),
  )
    .requiredOption('--occupation <code>', '职业编码', occupationArg)
    .requiredOption('--level <level>', '等级 1–5', levelArg)
    .requiredOption('--blueprint <file>', '组卷方案 YAML 文件')
    .requiredOption('--seed <text>', '组卷随机码（任意文字，记录在试卷中）')
    .option('--forms <n>', '平行试卷套数（覆盖方案中的设置）', formsArg)
    .option('--draft', '草稿模式：题库未就绪也可试组；草稿试卷不能用于考试批次')
    .requiredOption('--as <user>', '操作人（管理员）')
    .action(
      async (o: {
        occupation: string;
        level: LevelCode;
        blueprint: string;
        seed: string;
        forms?: number;
        draft?: boolean;
        as: string;
        db?: string;
      }) => {
        const text = readFileSync(o.blueprint, 'utf8');
        const r = await withContext(o, (ctx) =>
          assemblePapers(
            ctx,
            o.as,
            { occupationCode: o.occupation, level: o.level },
            { blueprint: text, seed: o.seed, forms: o.forms, draft: o.draft },
          ),
        );
        out(`已组卷${o.draft ? '（草稿）' : ''}：题库版本 ${r.snapshotHash}`);
        out(
          r.calibration === null
            ? '试题难度：题库尚无校准值，全部按难度等级计'
            : `试题难度校准值 ${r.calibration.hash}（${r.calibration.items} 题已校准，其余按难度等级计）`,
        );
        for (const p of r.papers)
          out(`  ${p.form} 卷  ${p.id}  ${p.items} 题  试卷校验码 ${p.hash}${measureText(p.measures)}`);
      },
    );
  withDb(paper.command('list <occupation> <level>').description('列出某题库的试卷'))
    .requiredOption('--as <user>', '操作人（管理员）')
    .action(async (occupation: string, level: string, o: { as: string; db?: string }) => {
      const rows = await withContext(o, (ctx) =>
        readPapers(ctx, o.as, { occupationCode: occupationArg(occupation), level: levelArg(level) }),
      );
      for (const p of rows) {
        const use = `${p.draft ? '草稿' : '正式'}\t${p.batchId ?? '未用于批次'}`;
        out(`${p.id}\t${p.form}\t${p.hash}\t组卷随机码 ${p.seed}\t${use}`);
      }
      out(`共 ${rows.length} 份`);
    });
  withDb(paper.command('show <id>').description('显示试卷全文（含答案，仅管理员，读取留有审计记录）'))
    .requiredOption('--as <user>', '操作人（管理员）')
    .action(async (id: string, o: { as: string; db?: string }) => {
      const { paper: p, draft } = await withContext(o, (ctx) => readPaperWithKeys(ctx, o.as, id));
      const title = `${p.title}（${p.inputs.form} 卷）${draft ? '【草稿】' : ''}`;
      out(`${title}  ${p.occupation} ${levelLabel(p.level)}  ${p.durationMinutes} 分钟  满分 ${p.totalScore}`);
      out(`试卷校验码 ${p.hash}\n题库版本 ${p.inputs.snapshotHash}  组卷随机码 ${p.inputs.seed}`);
      for (const s of p.sections) {
        out(`\n${s.name}（每题 ${s.points} 分，共 ${s.items.length} 题）`);
        for (const i of s.items) {
          out(`${i.number}. ${plainText(i.content.stem)}  [${i.code} v${i.version}]`);
          if (i.content.type !== 'true_false')
            i.content.options.forEach((opt, k) => out(`   ${OPTION_LETTERS[k]}. ${plainText(opt)}`));
          out(`   答案：${formatAnswerKey(i.content)}`);
        }
      }
    });
  withDb(paper.command('export <id>').description('导出试卷（含答案）为 JSON（规范格式）或 Excel'))
    .addOption(new Option('--format <format>', '格式').choices(['json', 'xlsx']).makeOptionMandatory())
    .requiredOption('--out <file>', '输出文件')
    .requiredOption('--as <user>', '操作人（管理员）')
    .action(async (id: string, o: { format: PaperFormat; out: string; as: string; db?: string }) => {
      writeFileSync(o.out, await withContext(o, (ctx) => exportPaper(ctx, o.as, id, o.format)));
      out(`已导出到 ${resolve(o.out)}`);
    });
  withDb(paper.command('verify <id>').description('按记录的输入重新组卷并比对校验码；不一致时退出码为 1'))
    .requiredOption('--as <user>', '操作人（管理员）')
    .action(async (id: string, o: { as: string; db?: string }) => {
      const r = await withContext(o, (ctx) => verifyPaper(ctx, o.as, id));
      out(`试卷 ${id} 校验通过：重新组卷得到相同的试卷（校验码 ${r.hash}）${measureText(r.measures)}`);
    });
  return paper;
}
