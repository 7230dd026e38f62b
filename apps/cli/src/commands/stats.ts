import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { STATS_FLAG_NAMES, type LevelCode } from '@kaowu/domain';
import {
  batchStats,
  calibrateBank,
  computeBatchStats,
  exportBatchStats,
  setStatsSetting,
  STATS_SETTING_KEYS,
  STATS_SETTING_NAMES,
  statsRules,
  type BatchStatsReport,
  type CalibrationReport,
} from '@kaowu/services';
import { levelArg, occupationArg, out, withContext, withDb } from '../runtime.ts';

const fmt = (v: number | null | undefined, digits = 2) => (v === null || v === undefined ? '—' : v.toFixed(digits));

function printBatch(r: BatchStatsReport, form: string | undefined): void {
  const f = r.forms.find((x) => x.form === (form ?? '')) ?? undefined;
  if (!f) {
    out(`批次 ${r.planNumber} 没有 ${form} 卷（有：${r.forms.map((x) => x.form || '全部').join('、')}）`);
    process.exitCode = 1;
    return;
  }
  const t = f.test;
  const which = f.form === '' ? (r.forms.length > 1 ? '全部试卷合并' : '') : `${f.form} 卷`;
  out(`批次 ${r.planNumber} ${which} 理论考试统计（${r.computedAt}）`);
  out(
    `人数 ${t.n}（未计入：缺考或未开始 ${t.excluded.absent}，未交卷 ${t.excluded.notSubmitted}，未评分 ${t.excluded.unscored}）`,
  );
  out(
    `平均分 ${fmt(t.mean)}，标准差 ${fmt(t.sd)}，中位数 ${fmt(t.median)}，α ${fmt(t.alpha, 3)}，测量标准误 ${fmt(t.sem)}`,
  );
  const flagged = f.items.filter((i) => i.flags.length > 0);
  out(flagged.length === 0 ? '没有需复核的试题' : `需复核的试题 ${flagged.length} 道：`);
  for (const i of flagged) {
    out(`  ${i.itemCode}（版本 ${i.version}，通过率 ${fmt(i.facility)}，区分度 ${fmt(i.discrimination)}）`);
    for (const x of i.flags) out(`    ${STATS_FLAG_NAMES[x.flag]}：${x.detail}`);
  }
}

function printCalibration(r: CalibrationReport): void {
  const done = r.items.filter((i) => i.difficulty !== null);
  out(`用 ${r.batches.length} 个批次（${r.batches.join('、')}）${r.persons} 名考生的作答校准：`);
  out(`已校准 ${done.length} 道，未校准 ${r.items.length - done.length} 道（沿用认证难度等级）`);
  const moved = done
    .filter((i) => i.before !== null)
    .map((i) => ({ ...i, change: i.difficulty! - i.before! }))
    .sort((a, b) => Math.abs(b.change) - Math.abs(a.change));
  if (moved.length === 0) out('此前没有校准结果');
  else out('与上次校准相比变化最大的试题：');
  for (const i of moved.slice(0, 10))
    out(
      `  ${i.code} v${i.version}：${fmt(i.before)} → ${fmt(i.difficulty)}（${i.change >= 0 ? '+' : ''}${fmt(i.change)}）`,
    );
  for (const i of done.filter((x) => x.before === null).slice(0, 10))
    out(`  新校准 ${i.code} v${i.version}：${fmt(i.difficulty)} ± ${fmt(i.se)}`);
}

/** `kaowu stats`: a batch's item analysis and the bank's calibration. */
export function statsCommand(): Command {
  const stats = new Command('stats').description('试题统计分析与题库难度校准');
  withDb(stats.command('batch <batch>'))
    .description('计算并显示批次的理论考试统计（测试概要和需复核的试题）')
    .requiredOption('--as <user>', '操作人')
    .option('--form <form>', '只看某一卷（A、B…）')
    .option('--out <file>', '同时导出统计表 .xlsx')
    .option('--stored', '只读已存的统计，不重新计算（命题专家、考评员可用）')
    .action(async (batch: string, o: { as: string; db?: string; form?: string; out?: string; stored?: boolean }) => {
      await withContext(o, async (ctx) => {
        const r = o.stored ? await batchStats(ctx, o.as, batch) : await computeBatchStats(ctx, o.as, batch);
        printBatch(r, o.form);
        if (o.out) {
          writeFileSync(o.out, await exportBatchStats(ctx, o.as, batch));
          out(`已导出到 ${resolve(o.out)}`);
        }
      });
    });
  withDb(stats.command('calibrate <occupation> <level>'))
    .description('用该题库全部批次的作答做 Rasch 校准，并显示难度变化')
    .requiredOption('--as <user>', '操作人')
    .action(async (occupation: string, level: string, o: { as: string; db?: string }) => {
      const bank = { occupationCode: occupationArg(occupation), level: levelArg(level) as LevelCode };
      printCalibration(await withContext(o, (ctx) => calibrateBank(ctx, o.as, bank)));
    });
  withDb(stats.command('rules'))
    .description('显示统计标记的阈值')
    .action(async (o: { db?: string }) => {
      const r = await withContext(o, (ctx) => statsRules(ctx.db));
      const ranges = Object.entries(r.facilityRange).map(([band, [lo, hi]]) => `${band}：${lo}-${hi}`);
      out(`认证难度等级预期通过率 ${ranges.join('，')}`);
      out(`区分度下限 ${r.minDiscrimination}；干扰项最低选择比例 ${r.deadDistractorShare}`);
      out(`Rasch 拟合范围 ${r.fitRange.join('-')}；最少作答人数 ${r.minResponses}`);
    });
  withDb(stats.command('set <key> <value>'))
    .description(`修改统计设置：${STATS_SETTING_KEYS.map((k) => `${k}（${STATS_SETTING_NAMES[k]}）`).join('；')}`)
    .requiredOption('--as <user>', '操作人')
    .action(async (key: string, value: string, o: { as: string; db?: string }) => {
      await withContext(o, (ctx) => setStatsSetting(ctx, o.as, key, value));
      out(`${key} = ${value}`);
    });
  return stats;
}
