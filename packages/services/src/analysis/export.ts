import ExcelJS from 'exceljs';
import { ITEM_TYPE_NAMES, type ItemType, OPTION_LETTERS, STATS_FLAG_NAMES } from '@kaowu/domain';
import type { ServiceContext } from '../shared/context.ts';
import { batchStats, type BatchStatsReport, type FormStats } from './batch-stats.ts';

const round = (v: number | null | undefined, digits = 3): number | null =>
  v === null || v === undefined ? null : Number(v.toFixed(digits));
const formName = (form: string) => (form === '' ? '全部' : `${form} 卷`);

function summarySheet(wb: ExcelJS.Workbook, r: BatchStatsReport): void {
  const ws = wb.addWorksheet('测试概要');
  ws.addRow([`认定批次 ${r.planNumber}`, `职业 ${r.occupationCode}`, `等级 ${r.level}`, `计算于 ${r.computedAt}`]);
  ws.addRow([
    '试卷',
    '人数',
    '缺考/未开始',
    '未交卷',
    '未评分',
    '平均分',
    '中位数',
    '标准差',
    '偏度',
    '峰度',
    'α 系数',
    'α 依据',
    '测量标准误',
    '误差比',
  ]);
  for (const f of r.forms) {
    const t = f.test;
    ws.addRow([
      formName(f.form),
      t.n,
      t.excluded.absent,
      t.excluded.notSubmitted,
      t.excluded.unscored,
      round(t.mean, 2),
      round(t.median, 2),
      round(t.sd, 2),
      round(t.skewness),
      round(t.kurtosis),
      round(t.alpha),
      t.alphaBasis === 'items' ? '按题' : '按卷加权',
      round(t.sem, 2),
      round(t.errorRatio),
    ]);
  }
  const dist = wb.addWorksheet('分数分布');
  dist.addRow(['试卷', '总分', '人数']);
  for (const f of r.forms) for (const d of f.test.distribution) dist.addRow([formName(f.form), d.score, d.count]);
}

function itemSheet(wb: ExcelJS.Workbook, forms: readonly FormStats[]): void {
  const ws = wb.addWorksheet('试题统计');
  ws.addRow([
    '试卷',
    '试题',
    '版本',
    '题型',
    '认证难度',
    '人数',
    '通过率',
    '标准差',
    '区分度',
    '区分效率',
    'Rasch 难度',
    '标准误',
    'infit',
    'outfit',
    'infit ZSTD',
    'outfit ZSTD',
    '标记',
  ]);
  for (const f of forms)
    for (const i of f.items)
      ws.addRow([
        formName(f.form),
        i.itemCode,
        i.version,
        ITEM_TYPE_NAMES[i.type as ItemType] ?? i.type,
        i.band,
        i.n,
        round(i.facility),
        round(i.sd),
        round(i.discrimination),
        round(i.discriminativeEfficiency),
        round(i.rasch?.difficulty),
        round(i.rasch?.se),
        round(i.rasch?.infit),
        round(i.rasch?.outfit),
        round(i.rasch?.infitZ),
        round(i.rasch?.outfitZ),
        i.flags.map((x) => `${STATS_FLAG_NAMES[x.flag]}：${x.detail}`).join('\n'),
      ]);
  ws.getColumn(17).width = 80;
  const opt = wb.addWorksheet('选项分析');
  opt.addRow(['试卷', '试题', '选项', '是否答案', '选择人数', '选择比例', '选择者其余得分均值', '高分组选择人数']);
  for (const f of forms)
    for (const i of f.items)
      for (const o of i.options)
        opt.addRow([
          formName(f.form),
          i.itemCode,
          i.type === 'true_false' ? (o.option === 0 ? '正确' : '错误') : OPTION_LETTERS[o.option],
          o.keyed ? '是' : '',
          o.count,
          round(o.share),
          round(o.meanRest, 2),
          o.upperCount,
        ]);
  const icc = wb.addWorksheet('特征曲线');
  icc.addRow(['试题', '分数组', '人数', '实际通过率', '平均能力（logit）', 'Rasch 预期通过率']);
  for (const i of forms[0]?.items ?? [])
    i.icc.forEach((g, n) => {
      const b = i.rasch?.difficulty;
      const expected = g.theta !== null && b != null ? 1 / (1 + Math.exp(b - g.theta)) : null;
      icc.addRow([i.itemCode, n + 1, g.n, round(g.observed), round(g.theta), round(expected)]);
    });
}

/** The stored item analysis of a batch as a workbook: summary, distribution, items, options, curves. */
export async function exportBatchStats(ctx: ServiceContext, by: string, batchRef: string): Promise<Uint8Array> {
  return (await exportBatchStatsFile(ctx, by, batchRef)).data;
}

/** The workbook of `exportBatchStats` with its file name, by the batch's plan number (`<plan>-统计分析.xlsx`). */
export async function exportBatchStatsFile(
  ctx: ServiceContext,
  by: string,
  batchRef: string,
): Promise<{ readonly name: string; readonly data: Uint8Array }> {
  const r = await batchStats(ctx, by, batchRef);
  const wb = new ExcelJS.Workbook();
  summarySheet(wb, r);
  itemSheet(wb, r.forms);
  return { name: `${r.planNumber}-统计分析.xlsx`, data: new Uint8Array(await wb.xlsx.writeBuffer()) };
}
