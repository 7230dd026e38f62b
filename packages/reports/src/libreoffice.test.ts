import { beforeAll, describe, expect, it } from 'vitest';
import * as reports from './index.ts';
import { batch, header, plan } from './testing/batch-fixture.ts';
import { pdfTexts } from './testing/pdf-text.ts';

/**
 * The reports must open in LibreOffice as they are: each is converted to PDF and the PDF's text is read back.
 */
let pdfText = new Map<string, string>();
const { rows, decisions, window } = batch(40);

beforeAll(async () => {
  pdfText = pdfTexts(
    Object.entries({
      summary: await reports.scoreSummaryReport(header, rows, decisions),
      confirmation: await reports.publicityConfirmationReport(header, rows, decisions, window),
      register: await reports.certificateRegisterReport(header, rows, decisions),
      publicity: await reports.publicityListReport(header, rows, decisions, { window }),
      export: await reports.scoreExportReport(header, plan, rows, decisions),
    }),
  );
}, 240_000);

const squeeze = (s: string | undefined): string => (s ?? '').replace(/\s+/g, '');

describe('reports open in LibreOffice and print their content', () => {
  it('附件1 prints its title, header and a candidate’s line', () => {
    const t = squeeze(pdfText.get('summary'));
    for (const s of [
      '职业技能等级认定实操（综合成绩汇总表）',
      '认定计划号：RD2025-033-001',
      '实操成绩',
      '综合成绩',
      '张三丰',
      '330503199005153422',
      '考评组长（签字）',
    ])
      expect(t).toContain(s);
  });

  it('附件4 prints the confirmation sentence', () => {
    const t = squeeze(pdfText.get('confirmation'));
    expect(t).toContain('职业技能等级认定公示结果确认单');
    expect(t).toContain('经公示无异议');
    expect(t).toContain('张三丰');
  });

  it('附件5 prints the register with sex, birth month and certificate number', () => {
    const t = squeeze(pdfText.get('register'));
    expect(t).toContain('浙江南浔电机有限公司职业技能等级证书核发登记表');
    expect(t).toContain('张三丰女1990.05技师学院330503199005153422');
    expect(t).toContain('Y000033123456253000001');
  });

  it('the publicity list prints masked data only', () => {
    const t = squeeze(pdfText.get('publicity'));
    expect(t).toContain('职业技能等级认定结果公示');
    expect(t).toContain('张**330503********3422');
    expect(t).not.toContain('330503199005153422');
  });

  it('the score export prints every component', () => {
    const t = squeeze(pdfText.get('export'));
    expect(t).toContain('职业技能等级认定成绩明细');
    for (const s of ['通用技能模块', '电缆敷设模块', '张三丰']) expect(t).toContain(s);
  });
});
