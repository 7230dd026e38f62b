import { Command } from 'commander';
import { getBankSettings, setSetting, SETTING_KEYS, verifyAuditTrail } from '@kaowu/services';
import { out, withContext, withDb } from '../runtime.ts';

export function adminCommands(): Command[] {
  const audit = new Command('audit').description('审计记录');
  withDb(audit.command('verify').description('校验审计记录的哈希链；被篡改时退出码为 1')).action(async (o: { db?: string }) => {
    const r = await withContext(o, (ctx) => verifyAuditTrail(ctx.db));
    if (r.broken === null) out(`审计记录完整：共 ${r.records} 条，哈希链校验通过`);
    else {
      out(`审计记录被篡改：${r.broken.reason}`);
      process.exitCode = 1;
    }
  });

  const settings = new Command('settings').description(`设置（${SETTING_KEYS.join('、')}）`);
  withDb(settings.command('show').description('显示题库与认定设置')).action(async (o: { db?: string }) => {
    const s = await withContext(o, getBankSettings);
    out(`bank.minItems = ${s.minItems}\ncertification.minAssessors = ${s.minAssessors}\ncertification.excludeAuthors = ${s.excludeAuthors}`);
  });
  withDb(settings.command('set <key> <value>').description('修改设置（只能比政策要求更严）'))
    .requiredOption('--as <user>', '操作人（管理员）')
    .action(async (key: string, value: string, o: { as: string; db?: string }) => {
      await withContext(o, (ctx) => setSetting(ctx, o.as, key, value));
      out(`${key} = ${value}`);
    });
  return [audit, settings];
}
