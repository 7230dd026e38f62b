import type { Paper } from '@kaowu/domain';
import { DIFFICULTY_NAMES, formatAnswerKey, ITEM_TYPE_NAMES, OPTION_LETTERS, plainText } from '@kaowu/domain';
import type { Column } from './layout.ts';
import { ReportSheet, newWorkbook, toBytes } from './layout.ts';

const COLUMNS: readonly Column[] = [
  { header: '题号', width: 6 },
  { header: '题型', width: 8 },
  { header: '编号', width: 11 },
  { header: '版本', width: 5 },
  { header: '鉴定点', width: 8 },
  { header: '难度', width: 6 },
  { header: '分值', width: 6, numFmt: '0.0' },
  { header: '题干与选项', width: 70, align: 'left' },
  { header: '答案', width: 8 },
  { header: '解析', width: 40, align: 'left' },
];

/** A readable paper with keys for administrators (试卷及答案): numbered items, options, keys and the sealing hashes. */
export async function printPaper(paper: Paper, date: string): Promise<Uint8Array> {
  const workbook = newWorkbook(date);
  const table = new ReportSheet(workbook, `试卷${paper.inputs.form}卷`, COLUMNS);
  table.title(`${paper.title}（${paper.inputs.form} 卷）`);
  table.fields([
    { text: `考试时长：${paper.durationMinutes} 分钟`, span: 4 },
    { text: `满分：${paper.totalScore} 分`, span: 3 },
    { text: `试卷校验码：${paper.hash}`, span: 3, align: 'right' },
  ]);
  table.fields([
    { text: `题库版本：${paper.inputs.snapshotHash}`, span: 7 },
    { text: `组卷随机码：${paper.inputs.seed}`, span: 3, align: 'right' },
  ]);
  table.line('本卷含答案，属保密材料，仅限考务管理员使用。', { align: 'left' });
  table.tableHeader();
  const rows = paper.sections.flatMap((section) =>
    section.items.map((item) => {
      const c = item.content;
      const options = c.type === 'true_false' ? [] : c.options.map((o, i) => `${OPTION_LETTERS[i]}. ${plainText(o)}`);
      return [
        item.number,
        ITEM_TYPE_NAMES[c.type],
        item.code,
        item.version,
        c.point,
        DIFFICULTY_NAMES[c.difficulty],
        item.points,
        [plainText(c.stem), ...options].join('\n'),
        formatAnswerKey(c),
        plainText(c.explanation),
      ];
    }),
  );
  table.rows(rows, { autoHeight: true });
  table.finish();
  return toBytes(workbook);
}
