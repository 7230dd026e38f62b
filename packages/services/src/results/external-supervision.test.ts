import ExcelJS from 'exceljs';
import { openDatabase } from '@kaowu/db';
import { EXTERNAL_SUPERVISION_INDICATORS, type SupervisionAnswer } from '@kaowu/domain';
import { describe, expect, it } from 'vitest';
import {
  createContext,
  createUser,
  exportExternalSupervision,
  getExternalSupervision,
  saveExternalSupervision,
  signExternalSupervision,
} from '../index.ts';
import { refusal } from '../testing/bank.ts';
import { seedExam, staffSeededBatch } from '../testing/index.ts';

const full: Record<string, SupervisionAnswer> = Object.fromEntries(
  EXTERNAL_SUPERVISION_INDICATORS.flatMap((i) => i.criteria)
    .filter((c) => c.code !== 'papers_paper')
    .map((c) => [c.code, c.kind === 'choice' ? 0 : c.items.map((_, i) => i)]),
);

describe('附件3 filled by an internal and an external supervisor together', () => {
  it('is saved by either, refused to others, signed by both, and exported with its total', async () => {
    let id = 0;
    const ctx = createContext(await openDatabase(':memory:'), {
      now: () => new Date('2026-11-02T03:00:00Z'),
      newId: () => `id-${++id}`,
    });
    const { batchId } = await seedExam(ctx, { planNumber: 'EXT-001' });
    for (const [username, displayName] of [
      ['qian', '钱督导'],
      ['wai', '外督甲'],
    ] as const)
      await createUser(ctx, 'admin', { username, displayName, roles: [] });
    await staffSeededBatch(ctx, batchId, [
      { username: 'proctor_a', duty: 'proctor', room: '01' },
      { username: 'qian', duty: 'supervisor' },
      { username: 'wai', duty: 'external_supervisor' },
    ]);
    const base = { supervisedOn: '2026-11-02', supervisorUnit: '市职业技能评价指导中心', opinion: '' };
    expect((await refusal(saveExternalSupervision(ctx, 'proctor_a', batchId, { ...base, answers: full }))).code).toBe(
      'forbidden',
    );
    const both = { ...full, papers_paper: [0, 1, 2, 3] };
    expect((await refusal(saveExternalSupervision(ctx, 'wai', batchId, { ...base, answers: both }))).details).toEqual([
      { field: 'answers', message: '试卷管理只填纸笔形式或机考形式之一' },
    ]);
    const { order: _order, ...partial } = full;
    await saveExternalSupervision(ctx, 'wai', batchId, { ...base, answers: partial });
    expect((await refusal(signExternalSupervision(ctx, 'qian', batchId))).message).toContain(
      '还有 1 项未评（考场秩序）',
    );
    const saved = await saveExternalSupervision(ctx, 'qian', batchId, { ...base, answers: { ...full, order: 1 } });
    expect([saved.score?.total, saved.score?.complete]).toEqual([93, true]);
    await signExternalSupervision(ctx, 'qian', batchId);
    expect((await getExternalSupervision(ctx, 'wai', batchId)).signedByBoth).toBe(false);
    const signed = await signExternalSupervision(ctx, 'wai', batchId);
    expect([signed.signedByBoth, signed.signatures.map((s) => s.duty)]).toEqual([
      true,
      ['supervisor', 'external_supervisor'],
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exportExternalSupervision(ctx, 'wai', batchId)) as unknown as ArrayBuffer);
    const text = wb.worksheets[0]!.getSheetValues().flat().map(String).join('|');
    expect(text).toContain('技能人才评价专家资格认定外督情况登记表（试行）');
    const sheet = wb.worksheets[0]!;
    const totalRow = sheet.getRows(1, sheet.rowCount)!.find((r) => r.getCell(1).value === '合计（100分）')!;
    expect(totalRow.getCell(5).value).toBe(93);
    expect(text).toContain('外督人员签名：外督甲');
  });
});
