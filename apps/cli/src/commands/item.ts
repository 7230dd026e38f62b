import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import type { LifecycleAction } from '@kaowu/bank';
import {
  DIFFICULTY_NAMES,
  ITEM_SAVE_OUTCOME_NAMES,
  formatAnswerKey,
  ITEM_STATUS_NAMES,
  ITEM_TYPE_NAMES,
  OPTION_LETTERS,
  plainText,
  type LevelCode,
} from '@kaowu/domain';
import { changeStatus, readItemHistory, readItems, saveItem } from '@kaowu/services';
import type { ItemVersionView } from '@kaowu/services';
import { levelArg, occupationArg, out, withContext, withDb } from '../runtime.ts';

interface BankOpts {
  occupation: string;
  level: LevelCode;
  db?: string;
}

const withBank = (c: Command): Command =>
  withDb(c)
    .requiredOption('--occupation <code>', '职业编码', occupationArg)
    .requiredOption('--level <level>', '等级 1–5', levelArg);

function formatVersion(v: ItemVersionView): string {
  const c = v.content;
  const kind = `${ITEM_STATUS_NAMES[v.status]}  ${ITEM_TYPE_NAMES[c.type]}`;
  const difficulty = `难度 ${c.difficulty} ${DIFFICULTY_NAMES[c.difficulty]}`;
  const review = (v.reviewer ? `  审核 ${v.reviewer}` : '') + (v.reviewComment ? `  意见：${v.reviewComment}` : '');
  const lines = [
    `${v.code} 第 ${v.version} 版  ${kind}  鉴定点 ${c.point}  ${difficulty}`,
    `命题 ${v.author}${review}  内容校验码 ${v.contentHash.slice(0, 12)}`,
    plainText(c.stem),
  ];
  if (c.type !== 'true_false') c.options.forEach((o, i) => lines.push(`  ${OPTION_LETTERS[i]}. ${plainText(o)}`));
  lines.push(`答案：${formatAnswerKey(c)}`, `解析：${plainText(c.explanation)}`);
  return lines.join('\n');
}

export function itemCommand(): Command {
  const item = new Command('item').description('试题：编写、审核、版本');
  const lifecycle = (name: string, action: LifecycleAction, description: string, needsComment = false): void => {
    const c = withBank(item.command(`${name} <codes...>`).description(description)).requiredOption(
      '--as <user>',
      '操作人',
    );
    if (needsComment) c.requiredOption('--comment <text>', '意见');
    c.action(async (codes: string[], o: BankOpts & { as: string; comment?: string }) => {
      await withContext(o, (ctx) =>
        changeStatus(ctx, o.as, { occupationCode: o.occupation, level: o.level }, codes, action, o.comment),
      );
      out(`已${description.slice(0, 4)} ${codes.length} 道试题`);
    });
  };
  lifecycle('submit', 'submit', '提交审核（草稿 → 待审核）');
  lifecycle('withdraw', 'withdraw', '撤回审核（待审核 → 草稿）');
  lifecycle('approve', 'approve', '审核通过（不能审核自己的试题）');
  lifecycle('return', 'return', '审核退回（附意见，回到草稿）', true);
  lifecycle('retire', 'retire', '停用试题（移出题库版本）');

  withBank(item.command('save <file>').description('从 JSON 文件保存一道试题（新草稿；已通过的试题生成新版本）'))
    .option('--code <code>', '编号（不给则新建）')
    .requiredOption('--as <user>', '命题人')
    .action(async (file: string, o: BankOpts & { code?: string; as: string }) => {
      const content: unknown = JSON.parse(readFileSync(file, 'utf8'));
      const r = await withContext(o, (ctx) =>
        saveItem(ctx, o.as, { occupationCode: o.occupation, level: o.level }, { code: o.code, content }),
      );
      out(`${r.code}：${ITEM_SAVE_OUTCOME_NAMES[r.outcome]}`);
    });

  withBank(item.command('show <code>').description('显示试题的全部版本（含答案）'))
    .requiredOption('--as <user>', '操作人')
    .action(async (code: string, o: BankOpts & { as: string }) => {
      const versions = await withContext(o, (ctx) =>
        readItemHistory(ctx, o.as, { occupationCode: o.occupation, level: o.level }, code),
      );
      out(versions.map(formatVersion).join('\n\n'));
    });

  withBank(item.command('list').description('列出试题（每题最新版本）'))
    .option('--status <status>', '按状态过滤：draft、in_review、approved、retired')
    .option('--author <user>', '按命题人过滤')
    .requiredOption('--as <user>', '操作人')
    .action(async (o: BankOpts & { status?: string; author?: string; as: string }) => {
      const items = await withContext(o, (ctx) =>
        readItems(
          ctx,
          o.as,
          { occupationCode: o.occupation, level: o.level },
          { status: o.status as never, author: o.author },
        ),
      );
      for (const { code, version, status, content: c } of items) {
        const kind = `${ITEM_STATUS_NAMES[status]}\t${ITEM_TYPE_NAMES[c.type]}`;
        out(`${code}\tv${version}\t${kind}\t${c.point}\t${c.difficulty}\t${plainText(c.stem).slice(0, 40)}`);
      }
      out(`共 ${items.length} 题`);
    });
  return item;
}
