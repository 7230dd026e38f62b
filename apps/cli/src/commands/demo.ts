import { resolve } from 'node:path';
import { Command } from 'commander';
import type { ServiceContext } from '@kaowu/services';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createDemoAccounts,
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  isEmptyDatabase,
  demoCandidates,
  loadDemoExam,
  loadResultsDemo,
  loadStatsDemo,
  readBankStatus,
  refreshDemoWindow,
  registerAssessor,
  whoAmI,
} from '@kaowu/services';
import { personLabel } from '@kaowu/domain';
import { out, withContext, withDb } from '../runtime.ts';
import { loadFolder } from './bank.ts';
import { runServer } from './serve.ts';
import { formatBankStatus } from './status-report.ts';

export const DEMO_BANK = resolve(import.meta.dirname, '../../../../question-banks/6-31-01-03-电工/5');
/** Demo accounts, the demo bank and the demo exam batch. Refuses to run on a database that already has users. */
export async function loadDemo(ctx: ServiceContext): Promise<void> {
  const accounts = await createDemoAccounts(ctx);
  // The occupation must exist before assessors are registered for it, and the bank load creates it.
  out(await loadFolder(ctx, 'admin', DEMO_BANK));
  for (const u of accounts.filter((u) => u.roles.includes('assessor')))
    await registerAssessor(ctx, 'admin', u.username, '6-31-01-03');
  // The exam batch: forms A/B sealed from the demo blueprint, an open room with 30 candidates.
  const exam = await loadDemoExam(ctx, 'admin', {
    blueprint: readFileSync(join(DEMO_BANK, 'blueprint.yaml'), 'utf8'),
    proctors: ['proctor_sun', 'proctor_zhang'],
    supervisors: ['supervisor_qian', 'supervisor_he'],
  });
  const papers = exam.papers.map((p) => `${p.form} 卷 ${p.hash.slice(0, 12)}`).join('、');
  out(`演示考试批次：试卷 ${papers}；第一考场已开考，${exam.candidates.length} 名考生`);
  // After the exam batch: the completed batch's paper is attached to a past batch and would otherwise be excluded by
  // exposure.
  const results = await loadResultsDemo(ctx);
  out(
    `已完成的演示批次 ${results.planNumber}：${results.candidates} 名考生，合格 ${results.passed} 名，` +
      `已核发证书 ${results.certificates} 本（可直接导出全部表格）`,
  );
  const stats = await loadStatsDemo(ctx);
  out(
    `统计分析演示批次 ${stats.planNumber}：${stats.candidates} 名考生的模拟作答，${stats.flagged} 道试题需复核` +
      `（kaowu stats batch ${stats.planNumber} --as admin）；题库难度已按两个批次校准`,
  );
}

/**
 * Every demo account that exists, one a line: user name, then name with roles and batch duties as the console's
 * header shows them (the supervisors, who hold no role, by their duty).
 */
export async function demoAccountList(ctx: ServiceContext): Promise<string> {
  const lines = [`工作人员账号（密码均为 ${DEMO_PASSWORD}）：`];
  for (const u of DEMO_ACCOUNTS) {
    const me = await whoAmI(ctx, u.username).catch(() => undefined);
    if (me) lines.push(`  ${u.username.padEnd(16)}${personLabel(me.displayName, me.roles, me.duties)}`);
  }
  return lines.join('\n');
}

/** Who can sign in to the demo: staff accounts, and each candidate's 准考证号 + 身份证号. */
async function printCredentials(ctx: ServiceContext, limit = 30): Promise<void> {
  out(`\n${await demoAccountList(ctx)}`);
  const candidates = await demoCandidates(ctx);
  if (candidates.length === 0) return;
  out(`演示考生（登录考生答题页：准考证号 + 身份证号）：`);
  for (const c of candidates.slice(0, limit))
    out(`  座位 ${String(c.seat).padStart(2, ' ')}  ${c.ticket}  ${c.idNumber}  ${c.name}`);
}

export function demoCommands(): Command[] {
  const demo = withDb(
    new Command('demo').description('向空数据库载入演示数据（演示账号、电工五级题库、已开考的演示考试批次）'),
  ).action(async (o: { db?: string }) => {
    await withContext(o, async (ctx) => {
      await loadDemo(ctx);
      out(await demoAccountList(ctx));
    });
  });
  const start = withDb(
    new Command('start').description('启动：数据库为空时先载入演示数据，报告演示题库状态，然后启动考试服务器'),
  ).action(async (o: { db?: string }) => {
    await withContext(o, async (ctx) => {
      if (await isEmptyDatabase(ctx)) await loadDemo(ctx);
      else await refreshDemoWindow(ctx);
      out(formatBankStatus(await readBankStatus(ctx, 'admin', { occupationCode: '6-31-01-03', level: 5 })));
      await printCredentials(ctx);
    });
    const server = await runServer(o.db);
    out(
      `\n打开 ${server.url}/exam/ 用上面任一考生的准考证号和身份证号登录即可开始答题；` +
        `监考用 proctor_sun 登录 ${server.url}/console/。按 Ctrl-C 停止。`,
    );
  });
  return [demo, start];
}
