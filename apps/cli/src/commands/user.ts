import { Command, Option } from 'commander';
import { ROLES, type Role } from '@kaowu/domain';
import { createUser, listUsers, registerAssessor } from '@kaowu/services';
import { occupationArg, out, withContext, withDb } from '../runtime.ts';

export function userCommands(): Command[] {
  const user = new Command('user').description('用户与角色');
  withDb(user.command('add <username>').description('新建用户（密码来自 --password 或环境变量 KAOWU_PASSWORD）'))
    .requiredOption('--name <name>', '姓名')
    .addOption(
      new Option('--role <role...>', '角色（内部督导员、外督人员等只凭批次职责工作，不给角色）')
        .choices(ROLES)
        .default([]),
    )
    .option('--password <password>', '登录密码（不给则不能登录）')
    .requiredOption('--as <user>', '操作人')
    .action(async (username: string, o: { name: string; role: Role[]; password?: string; as: string; db?: string }) => {
      await withContext(o, (ctx) =>
        createUser(ctx, o.as, {
          username,
          displayName: o.name,
          roles: o.role,
          password: o.password ?? process.env.KAOWU_PASSWORD,
        }),
      );
      out(`已创建用户 ${username}（${o.name}）`);
    });
  withDb(user.command('list').description('列出用户')).action(async (o: { db?: string }) => {
    for (const u of await withContext(o, listUsers)) out(`${u.username}\t${u.displayName}\t${u.roles.join(',')}`);
  });

  const assessor = new Command('assessor').description('考评员登记');
  withDb(assessor.command('register <username> <occupation>').description('把考评员登记到某个职业'))
    .requiredOption('--as <user>', '操作人（管理员）')
    .action(async (username: string, occupation: string, o: { as: string; db?: string }) => {
      await withContext(o, (ctx) => registerAssessor(ctx, o.as, username, occupationArg(occupation)));
      out(`已登记 ${username} 为 ${occupation} 考评员`);
    });
  return [user, assessor];
}
