import { resolve } from 'node:path';
import { Command } from 'commander';
import type { Role } from '@kaowu/domain';
import type { ServiceContext } from '@kaowu/services';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  bankStatus,
  createUser,
  demoCandidates,
  loadDemoExam,
  loadResultsDemo,
  refreshDemoWindow,
  registerAssessor,
} from '@kaowu/services';
import { out, withContext, withDb } from '../runtime.ts';
import { loadFolder } from './bank.ts';
import { runServer } from './serve.ts';
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
  { username: 'proctor_zhang', name: '张伟', roles: ['proctor'] },
  // Internal supervisors (内部督导员) are enterprise staff; they need no system role.
  { username: 'supervisor_qian', name: '钱敏', roles: [] },
  { username: 'supervisor_he', name: '何静', roles: [] },
];

/** Demo accounts, the demo bank and the demo exam batch. Refuses to run on a database that already has users. */
export async function loadDemo(ctx: ServiceContext): Promise<void> {
  const anyone = await ctx.db.selectFrom('users').select('username').limit(1).executeTakeFirst();
  if (anyone) throw new Error('数据库中已有用户，演示数据只能载入空数据库（可用 --db 指定新文件）');
  for (const u of DEMO_USERS)
    await createUser(ctx, 'admin', {
      username: u.username,
      displayName: u.name,
      roles: u.roles,
      password: DEMO_PASSWORD,
    });
  // The occupation must exist before assessors are registered for it, and the bank load creates it.
  out(await loadFolder(ctx, 'admin', DEMO_BANK));
  for (const u of DEMO_USERS.filter((u) => u.roles.includes('assessor')))
    await registerAssessor(ctx, 'admin', u.username, '6-31-01-03');
  // The exam batch: forms A/B sealed from the demo blueprint, an open room with 30 candidates.
  const exam = await loadDemoExam(ctx, 'admin', {
    blueprint: readFileSync(join(DEMO_BANK, 'blueprint.yaml'), 'utf8'),
    proctors: ['proctor_sun', 'proctor_zhang'],
    supervisors: ['supervisor_qian', 'supervisor_he'],
  });
  out(
    `演示考试批次：试卷 ${exam.papers.map((p) => `${p.form} 卷 ${p.hash.slice(0, 12)}`).join('、')}；第一考场已开考，${exam.candidates.length} 名考生`,
  );
  // After the exam batch: the completed batch's paper is attached to a past batch and would otherwise be excluded by exposure.
  const results = await loadResultsDemo(ctx);
  out(
    `已完成的演示批次 ${results.planNumber}：${results.candidates} 名考生，合格 ${results.passed} 名，已核发证书 ${results.certificates} 本（可直接导出全部表格）`,
  );
}

/** Who can sign in to the demo: staff accounts, and each candidate's 准考证号 + 身份证号. */
async function printCredentials(ctx: ServiceContext, limit = 30): Promise<void> {
  out(
    `\n工作人员账号（密码均为 ${DEMO_PASSWORD}）：admin（考务管理员）、proctor_sun / proctor_zhang（监考）、${DEMO_USERS.filter(
      (u) => u.roles.includes('assessor') || u.roles.includes('author'),
    )
      .map((u) => u.username)
      .join('、')}`,
  );
  const candidates = await demoCandidates(ctx);
  if (candidates.length === 0) return;
  out(`演示考生（登录考生答题页：准考证号 + 身份证号）：`);
  for (const c of candidates.slice(0, limit))
    out(`  座位 ${String(c.seat).padStart(2, ' ')}  ${c.ticket}  ${c.idNumber}  ${c.name}`);
}

export async function isEmpty(ctx: ServiceContext): Promise<boolean> {
  return (await ctx.db.selectFrom('users').select('username').limit(1).executeTakeFirst()) === undefined;
}

export function demoCommands(): Command[] {
  const demo = withDb(
    new Command('demo').description('向空数据库载入演示数据（演示账号、电工五级题库、已开考的演示考试批次）'),
  ).action(async (o: { db?: string }) => {
    await withContext(o, async (ctx) => {
      await loadDemo(ctx);
      out(`演示账号（密码均为 ${DEMO_PASSWORD}）：${DEMO_USERS.map((u) => `${u.username}（${u.name}）`).join('、')}`);
    });
  });
  const start = withDb(
    new Command('start').description('启动：数据库为空时先载入演示数据，报告演示题库状态，然后启动考试服务器'),
  ).action(async (o: { db?: string }) => {
    await withContext(o, async (ctx) => {
      if (await isEmpty(ctx)) await loadDemo(ctx);
      else await refreshDemoWindow(ctx);
      out(formatBankStatus(await bankStatus(ctx, { occupationCode: '6-31-01-03', level: 5 })));
      await printCredentials(ctx);
    });
    const server = await runServer(o.db);
    out(
      `\n打开 ${server.url}/exam/ 用上面任一考生的准考证号和身份证号登录即可开始答题；监考用 proctor_sun 登录 ${server.url}/console/。按 Ctrl-C 停止。`,
    );
  });
  return [demo, start];
}
