import { resolve } from 'node:path';
import { Command } from 'commander';
import type { Role } from '@kaowu/domain';
import type { ServiceContext } from '@kaowu/services';
import { bankStatus, createUser, registerAssessor } from '@kaowu/services';
import { out, withContext, withDb } from '../runtime.ts';
import { loadFolder } from './bank.ts';
import { formatBankStatus } from './status-report.ts';

export const DEMO_BANK = resolve(import.meta.dirname, '../../../../question-banks/6-31-01-03-电工/5');
export const DEMO_PASSWORD = 'kaowu-demo';

const DEMO_USERS: readonly { username: string; name: string; roles: Role[] }[] = [
  { username: 'admin', name: '考务管理员', roles: ['administrator'] },
  { username: 'expert_wang', name: '王建国', roles: ['author'] },
  { username: 'expert_li', name: '李明华', roles: ['author'] },
  { username: 'expert_zhao', name: '赵志强', roles: ['author'] },
  { username: 'assessor_chen', name: '陈立新', roles: ['assessor'] },
  { username: 'assessor_liu', name: '刘卫东', roles: ['assessor'] },
  { username: 'assessor_zhou', name: '周海峰', roles: ['assessor'] },
  { username: 'proctor_sun', name: '孙丽', roles: ['proctor'] },
];

/** Demo accounts and the demo bank. Refuses to run on a database that already has users. */
export async function loadDemo(ctx: ServiceContext): Promise<void> {
  const anyone = await ctx.db.selectFrom('users').select('username').limit(1).executeTakeFirst();
  if (anyone) throw new Error('数据库中已有用户，演示数据只能载入空数据库（可用 --db 指定新文件）');
  for (const u of DEMO_USERS) await createUser(ctx, 'admin', { username: u.username, displayName: u.name, roles: u.roles, password: DEMO_PASSWORD });
  // The occupation must exist before assessors are registered for it, and the bank load creates it.
  out(await loadFolder(ctx, 'admin', DEMO_BANK));
  for (const u of DEMO_USERS.filter((u) => u.roles.includes('assessor'))) await registerAssessor(ctx, 'admin', u.username, '6-31-01-03');
}

export async function isEmpty(ctx: ServiceContext): Promise<boolean> {
  return (await ctx.db.selectFrom('users').select('username').limit(1).executeTakeFirst()) === undefined;
}

export function demoCommands(): Command[] {
  const demo = withDb(new Command('demo').description('向空数据库载入演示数据（演示账号与电工五级题库）')).action(async (o: { db?: string }) => {
    await withContext(o, async (ctx) => {
      await loadDemo(ctx);
      out(`演示账号（密码均为 ${DEMO_PASSWORD}）：${DEMO_USERS.map((u) => `${u.username}（${u.name}）`).join('、')}`);
    });
  });
  const start = withDb(new Command('start').description('启动：数据库为空时先载入演示数据，然后报告演示题库状态')).action(async (o: { db?: string }) => {
    await withContext(o, async (ctx) => {
      if (await isEmpty(ctx)) await loadDemo(ctx);
      out(formatBankStatus(await bankStatus(ctx, { occupationCode: '6-31-01-03', level: 5 })));
      out(`\n演示账号（密码均为 ${DEMO_PASSWORD}）：${DEMO_USERS.map((u) => u.username).join('、')}`);
    });
  });
  return [demo, start];
}
