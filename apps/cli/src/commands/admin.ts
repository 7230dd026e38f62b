import { Command } from 'commander';
import { chinaTime } from '@kaowu/domain';
import { getBankSettings, listAudit, setSetting, SETTING_KEYS, verifyAuditTrail } from '@kaowu/services';
import { out, withContext, withDb } from '../runtime.ts';

export function adminCommands(): Command[] {
  const audit = new Command('audit').description('审计记录');
  withDb(audit.command('verify').description('校验审计记录的校验码链；被篡改时退出码为 1'))
    .option('--head <hash>', '锚定的链头（报表或归档清单上打印的审计链头校验码）：链中已无此记录时退出码为 1')
    .action(async (o: { db?: string; head?: string }) => {
      const r = await withContext(o, (ctx) => verifyAuditTrail(ctx.db, o.head === undefined ? {} : { head: o.head }));
      if (r.broken === null)
        out(`审计记录完整：共 ${r.records} 条，校验码链校验通过${o.head === undefined ? '' : '，锚定的链头仍在链中'}`);
      else {
        out(`审计记录被篡改：${r.broken.reason}`);
        process.exitCode = 1;
      }
    });

  withDb(audit.command('list').description('列出审计记录（最新在前，每行：序号、北京时间、操作人、操作、对象、摘要）'))
    .requiredOption('--as <user>', '操作人（管理员，或该批次的内部督导员）')
    .option('--batch <planNumber>', '只看某认定批次（认定计划号）')
    .option('--actor <who>', '只看某操作人（用户名，或 candidate:准考证号）')
    .option('--action <action>', '只看某类操作，如 results. 或 attempt.submit')
    .option('--before <seq>', '从此序号之前开始（翻页）', (v) => Number(v))
    .option('--limit <n>', '条数（1–200，默认 50）', (v) => Number(v))
    .action(
      async (o: {
        as: string;
        db?: string;
        batch?: string;
        actor?: string;
        action?: string;
        before?: number;
        limit?: number;
      }) => {
        const page = await withContext(o, (ctx) =>
          listAudit(ctx, o.as, { batch: o.batch, actor: o.actor, action: o.action, before: o.before, limit: o.limit }),
        );
        for (const r of page.records) {
          const actor = r.actor.displayName ?? r.actor.username;
          out(`${r.seq}\t${chinaTime(r.at, 'second')}\t${actor}\t${r.actionLabel}\t${r.subject}\t${r.summary}`);
        }
        if (page.next !== null) out(`（更早的记录：--before ${page.next}）`);
      },
    );

  const settings = new Command('settings').description(`设置（${SETTING_KEYS.join('、')}）`);
  withDb(settings.command('show').description('显示题库与认定设置')).action(async (o: { db?: string }) => {
    const s = await withContext(o, getBankSettings);
    out(
      [
        `bank.minItems = ${s.minItems}`,
        `certification.minAssessors = ${s.minAssessors}`,
        `certification.excludeAuthors = ${s.excludeAuthors}`,
      ].join('\n'),
    );
  });
  withDb(settings.command('set <key> <value>').description('修改设置（只能比政策要求更严）'))
    .requiredOption('--as <user>', '操作人（管理员）')
    .action(async (key: string, value: string, o: { as: string; db?: string }) => {
      await withContext(o, (ctx) => setSetting(ctx, o.as, key, value));
      out(`${key} = ${value}`);
    });
  return [audit, settings];
}
