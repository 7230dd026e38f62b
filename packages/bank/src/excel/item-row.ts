import {
  type ItemContent,
  itemContent,
  itemContentProblems,
  type ItemType,
  OPTION_LETTERS,
  type OutlineIndex,
  parseAnswerKey,
  parseDifficulty,
  parseItemType,
} from '@kaowu/domain';
import { normalizeCode } from './cells.ts';
import { ITEM_COLUMNS as COL } from './item-sheet.ts';
import type { DataRow } from './sheet.ts';

/** Reports a problem in a column (1-based) of the row being read. */
export type Report = (column: number, message: string) => void;

const optionColumn = (index: number): number => COL.firstOption + index;

/** Which column a message of `itemContentProblems` is about: they start with the field's name. */
function columnOfContentProblem(message: string): number {
  if (message.startsWith('题干')) return COL.stem;
  if (message.startsWith('解析')) return COL.explanation;
  const option = /^选项([A-H])/.exec(message)?.[1];
  return option === undefined ? COL.key : optionColumn(OPTION_LETTERS.indexOf(option));
}

/** Which column a zod issue path points at. */
function columnOfPath(path: readonly PropertyKey[]): number {
  const [field, index] = path;
  if (field === 'options') return optionColumn(typeof index === 'number' ? index : 0);
  const columns: Record<string, number> = {
    point: COL.point,
    difficulty: COL.difficulty,
    stem: COL.stem,
    key: COL.key,
    explanation: COL.explanation,
  };
  return columns[String(field)] ?? COL.type;
}

/** Options are read up to the last filled cell: gaps and too few options are the user's to fix. */
function readOptions(row: DataRow, type: ItemType | undefined, problem: Report): string[] {
  const cells = [...OPTION_LETTERS].map((_, i) => row.cells[optionColumn(i) - 1]);
  if (type === 'true_false') {
    cells.forEach((cell, i) => cell !== '' && cell !== undefined && problem(optionColumn(i), '判断题不填选项'));
    return [];
  }
  const count = cells.findLastIndex((cell) => cell !== '') + 1;
  const options = cells.slice(0, count);
  options.forEach((cell, i) => {
    const letter = OPTION_LETTERS[i] ?? '';
    if (cell === '') problem(optionColumn(i), `选项${letter}为空：选项须从 A 开始连续填写，中间不能空`);
  });
  if (type !== undefined && count < 2) problem(optionColumn(count), `选择题至少需要 2 个选项，这里只有 ${count} 个`);
  return options.map((cell) => cell ?? '');
}

/**
 * Reads one item row, reporting every problem it finds in its cell. Returns the content only when the row
 * is free of problems.
 */
export function parseItemRow(row: DataRow, outline: OutlineIndex, report: Report): ItemContent | undefined {
  const flagged = new Set<number>();
  row.cells.forEach((cell, i) => cell === undefined && flagged.add(i + 1));
  const problem: Report = (column, message) => {
    flagged.add(column);
    report(column, message);
  };
  const cell = (column: number): string | undefined => row.cells[column - 1];
  const required = (column: number, name: string): string | undefined => {
    const text = cell(column);
    if (text === '') problem(column, `${name}为空`);
    return text === '' ? undefined : text;
  };

  const typeText = required(COL.type, '题型');
  const type = typeText === undefined ? undefined : parseItemType(typeText);
  if (typeText !== undefined && type === undefined)
    problem(COL.type, `题型“${typeText}”无法识别，应为 判断题、单选题（单项选择题）或 多选题（多项选择题）`);

  const pointText = required(COL.point, '鉴定点代码');
  const point = pointText === undefined ? '' : normalizeCode(pointText);
  if (pointText !== undefined && !outline.points.has(point))
    problem(COL.point, `鉴定点“${pointText}”不在鉴定要素细目表中`);

  const difficultyText = required(COL.difficulty, '难度');
  const difficulty = difficultyText === undefined ? undefined : parseDifficulty(difficultyText.normalize('NFKC'));
  if (difficultyText !== undefined && difficulty === undefined)
    problem(COL.difficulty, `难度“${difficultyText}”无效，应为 1–5 或 易、较易、中等、较难、难`);

  const stem = required(COL.stem, '题干') ?? '';
  const options = readOptions(row, type, problem);
  const explanation = cell(COL.explanation) ?? '';
  const keyText = required(COL.key, '答案');
  if (type === undefined) return undefined;

  const parsed = keyText === undefined ? undefined : parseAnswerKey(type, keyText);
  if (parsed?.ok === false) problem(COL.key, parsed.message);
  const key = parsed?.ok ? parsed.key : undefined;
  const common = { point, difficulty: difficulty ?? 3, stem, explanation };
  // A draft with placeholders where a cell was wrong, so the remaining cells still get their content checks.
  const draft: ItemContent =
    type === 'true_false'
      ? { type, ...common, key: typeof key === 'boolean' ? key : true }
      : type === 'single'
        ? { type, ...common, options, key: typeof key === 'number' ? key : 0, shuffle: 'all' }
        : { type, ...common, options, key: Array.isArray(key) ? key : [0, 1], shuffle: 'all' };

  const before = new Set(flagged);
  for (const message of itemContentProblems(draft)) {
    const column = columnOfContentProblem(message);
    if (!before.has(column)) problem(column, message);
  }
  if (flagged.size > 0) return undefined;
  const checked = itemContent.safeParse(draft);
  if (checked.success) return checked.data;
  for (const issue of checked.error.issues) problem(columnOfPath(issue.path), `内容不符合题目格式：${issue.message}`);
  return undefined;
}
