import type { ItemContent } from '@kaowu/domain';
import { describe, expect, it } from 'vitest';
import { ITEM_HEADERS, readItemWorkbook, sampleItemWorkbook, writeItemWorkbook } from './index.ts';
import { fixtureIndex, fixtureOutline, openWorkbook } from './test-fixtures.ts';

const items: { code: string; content: ItemContent }[] = [
  {
    code: 'T-1',
    content: {
      type: 'true_false',
      point: 'AA001',
      difficulty: 1,
      stem: '接地线应**先接接地端**。',
      key: false,
      explanation: '',
    },
  },
  {
    code: '0042',
    content: {
      type: 'single',
      point: 'AA002',
      difficulty: 5,
      stem: '如图所示：\n\n![电路图](asset:circuit-1.png)\n\n电流为（ ）。',
      options: ['=1+1', '100', '0.5 A', '*约* 2 A', 'TRUE', '2024-01-02', '3', '以上都不对'],
      key: 7,
      shuffle: 'all',
      explanation: '第一行\n第二行',
    },
  },
  {
    code: 'M-1',
    content: {
      type: 'multiple',
      point: 'BA003',
      difficulty: 4,
      stem: '下列说法正确的有（ ）。',
      options: ['甲', '乙', '丙'],
      key: [0, 2],
      shuffle: 'all',
      explanation: '甲、丙正确。',
    },
  },
];

describe('exporting items', () => {
  it('round-trips: what is exported imports back to identical content and codes', async () => {
    const result = await readItemWorkbook(await writeItemWorkbook(items), fixtureIndex);
    expect(result).toEqual({
      ok: true,
      rows: items.map((item, i) => ({ row: i + 2, code: item.code, content: item.content })),
    });
  });

  it('round-trips a large generated bank', async () => {
    const first = await readItemWorkbook(await sampleItemWorkbook(fixtureOutline, 300), fixtureIndex);
    if (!first.ok) throw new Error('sample did not import');
    const exported = await writeItemWorkbook(first.rows.map((r) => ({ code: r.code ?? '', content: r.content })));
    const second = await readItemWorkbook(exported, fixtureIndex);
    expect(second).toEqual(first);
  });

  it('writes the import header and canonical spellings', async () => {
    const workbook = await openWorkbook(await writeItemWorkbook(items));
    const sheet = workbook.getWorksheet('试题');
    expect(sheet?.getRow(1).values).toEqual([undefined, ...ITEM_HEADERS]);
    expect([2, 3, 4].map((r) => [sheet?.getCell(`B${r}`).value, sheet?.getCell(`N${r}`).value])).toEqual([
      ['判断题', '错误'],
      ['单选题', 'H'],
      ['多选题', 'AC'],
    ]);
    expect(workbook.getWorksheet('版本信息')).toBeUndefined();
  });

  it('puts status and version on the 版本信息 sheet, where imports do not look', async () => {
    const data = await writeItemWorkbook(
      items.map((item, i) => ({ ...item, status: i === 0 ? 'approved' : 'draft', version: i + 1 })),
    );
    const sheet = (await openWorkbook(data)).getWorksheet('版本信息');
    expect(
      sheet
        ?.getSheetValues()
        .slice(1)
        .map((row) => (row as unknown[]).slice(1)),
    ).toEqual([
      ['编号', '状态', '版本'],
      ['T-1', '已通过', 1],
      ['0042', '草稿', 2],
      ['M-1', '草稿', 3],
    ]);
    expect((await readItemWorkbook(data, fixtureIndex)).ok).toBe(true);
  });
});
