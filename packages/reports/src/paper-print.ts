import type { Paper } from '@kaowu/domain';
import { DIFFICULTY_NAMES, formatAnswerKey, ITEM_TYPE_NAMES, OPTION_LETTERS, plainText } from '@kaowu/domain';
import { ReportSheet, column, scoreColumn, textColumn, type Column } from './layout.ts';

const COLUMNS: readonly Column[] = [
  column('题号', 6),
  column('题型', 8),
  column('编号', 11),
  column('版本', 5),
  column('鉴定点', 8),
  column('难度', 6),
  scoreColumn('分值', 6),
  textColumn('题干与选项', 70),
  column('答案', 8),
  textColumn('解析', 40),
];

/** A readable paper with keys for administrators (试卷及答案): numbered items, options, keys and the sealing hashes. */
export async function printPaper(paper: Paper, date: string): Promise<Uint8Array> {
  const table = new ReportSheet(date, `试卷${paper.inputs.form}卷`, COLUMNS);
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
  return table.finish();
}
