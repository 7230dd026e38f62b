import type { Role } from '@kaowu/domain';
import type { ServiceContext } from '../shared/context.ts';
import { fail } from '../shared/failures.ts';
import { createUser } from './users.ts';

export const DEMO_PASSWORD = 'kaowu-demo';

export interface DemoAccount {
  readonly username: string;
  readonly name: string;
  readonly roles: readonly Role[];
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'admin', name: '周敏', roles: ['administrator'] },
  { username: 'expert_wang', name: '王建国', roles: ['author'] },
  { username: 'expert_li', name: '李明华', roles: ['author'] },
  { username: 'expert_zhao', name: '赵志强', roles: ['author'] },
  { username: 'assessor_chen', name: '陈立新', roles: ['assessor'] },
  { username: 'assessor_liu', name: '刘卫东', roles: ['assessor'] },
  { username: 'assessor_zhou', name: '周海峰', roles: ['assessor'] },
  { username: 'proctor_sun', name: '孙丽', roles: ['proctor'] },
  { username: 'proctor_zhang', name: '张伟', roles: ['proctor'] },
  // Internal supervisors (内部督导员) are enterprise staff; they need no system role.
  { username: 'supervisor_qian', name: '钱敏', roles: [] },
  { username: 'supervisor_he', name: '何静', roles: [] },
];

/** Whether the database has no accounts yet: `kaowu start` loads the demo only then. */
export async function isEmptyDatabase(ctx: ServiceContext): Promise<boolean> {
  return (await ctx.db.selectFrom('users').select('username').limit(1).executeTakeFirst()) === undefined;
}

/** The demo's staff accounts, all with one password (DEMO_PASSWORD). Refuses a database that already has accounts. */
export async function createDemoAccounts(
  ctx: ServiceContext,
  password: string = DEMO_PASSWORD,
): Promise<readonly DemoAccount[]> {
  if (!(await isEmptyDatabase(ctx)))
    throw fail.conflict(
      '数据库中已有用户，演示数据只能载入空数据库（可用 --db 指定新文件）',
      'the database already has users; the demo loads only into an empty database',
    );
  for (const u of DEMO_ACCOUNTS)
    await createUser(ctx, 'admin', {
      username: u.username,
      displayName: u.name,
      roles: u.roles,
      password,
    });
  return DEMO_ACCOUNTS;
}
