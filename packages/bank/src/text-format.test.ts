import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dumpBankFolder, parseBankFolder } from './index.ts';

const DEMO = resolve(import.meta.dirname, '../../../question-banks/6-31-01-03-电工/5');
function demoFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const f of ['outline.yaml', 'certifications.yaml']) files.set(f, readFileSync(join(DEMO, f), 'utf8'));
  for (const f of readdirSync(join(DEMO, 'items')))
    files.set(`items/${f}`, readFileSync(join(DEMO, 'items', f), 'utf8'));
  return files;
}

describe('bank text format', () => {
  it('dump(parse(x)) reproduces every demo bank file byte for byte', () => {
    const files = demoFiles();
    const parsed = parseBankFolder(files);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems.slice(0, 5)));
    expect(parsed.folder.items.length).toBeGreaterThanOrEqual(600);
    expect(Object.fromEntries(dumpBankFolder(parsed.folder))).toEqual(Object.fromEntries(files));
  });

  it('reports problems with the file, line and field', () => {
    const files = new Map([
      ['outline.yaml', readFileSync(join(DEMO, 'outline.yaml'), 'utf8')],
      [
        'items/A.yaml',
        [
          'area: A',
          'author: w',
          'reviewer: l',
          'status: approved',
          'items:',
          '  - code: A1',
          '    type: 单选题',
          '    point: AA001',
          '    difficulty: 9',
          '    stem: 题干',
          '    options:',
          '      - 甲',
          '      - 乙',
          '    answer: C',
          '    explanation: ""',
          '  - code: A1',
          '    type: 判断题',
          '    point: BA001',
          '    difficulty: 1',
          '    stem: 题干',
          '    answer: 也许',
          '    explanation: ""',
          '',
        ].join('\n'),
      ],
    ]);
    const parsed = parseBankFolder(files);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems.map((p) => [p.file, p.line, p.field])).toEqual(
      expect.arrayContaining([
        ['items/A.yaml', 9, 'items.0.difficulty'],
        ['items/A.yaml', 18, 'items.1.point'],
        ['items/A.yaml', 21, 'items.1.answer'],
      ]),
    );
  });

  it('reports YAML syntax errors with their line', () => {
    const parsed = parseBankFolder(new Map([['outline.yaml', 'occupation: [\n']]));
    expect(parsed).toMatchObject({
      ok: false,
      problems: [{ file: 'outline.yaml', line: expect.any(Number), message: expect.stringMatching(/YAML 格式错误/) }],
    });
  });
});
