import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXTERNAL_SUPERVISION_TITLE, SUPERVISION_CRITERIA, supervisionReportInput } from '@kaowu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as reports from './index.ts';
import { batch, header, plan } from './testing/batch-fixture.ts';

/**
 * Every report kind as a PDF from the one generic writer, read back with poppler's `pdftotext` (an independent
 * PDF reader): each prints its title and a known cell, and the audit chain's head stands in every page's footer.
 */
const { rows, decisions, window } = batch(120);
const auditHead = { seq: 4711, hash: 'ab'.repeat(32) };
const anchored = { ...header, auditHead };
const filing = { ...anchored, occupationCode: '6-31-01-03', issuer: '浙江南浔电机有限公司评价中心' };
const lines = rows.slice(0, 30).map((row) => ({ row, number: row.certificateNumber ?? '', issuedOn: '2025-11-20' }));
const supervision = supervisionReportInput.parse({
  supervisedOn: '2025-10-13',
  supervisorUnit: '质量管理部',
  answers: Object.fromEntries(
    SUPERVISION_CRITERIA.map((c) => [c.code, c.kind === 'choice' ? 0 : c.items.map((_, i) => i)]),
  ),
  vetoes: [],
  opinion: '考场秩序良好。',
});
const signers = [{ name: '钱督导', signedOn: '2025-10-13' }];

const kinds: Record<string, { xlsx: () => Promise<Uint8Array>; title: string; cells: string[] }> = {
  附件1: {
    xlsx: () => reports.scoreSummaryReport(anchored, rows, decisions),
    title: reports.SCORE_SUMMARY_TITLE,
    cells: ['张三丰', '330503199005153422', '考评组长（签字）'],
  },
  成绩明细: {
    xlsx: () => reports.scoreExportReport(anchored, plan, rows, decisions),
    title: reports.SCORE_EXPORT_TITLE,
    cells: ['张三丰', '202503300001'],
  },
  公示名单: {
    xlsx: () => reports.publicityListReport(anchored, rows, decisions, { window }),
    title: reports.publicityListTitle(header),
    cells: ['张**', '330503********3422'],
  },
  附件4: {
    xlsx: () => reports.publicityConfirmationReport(anchored, rows, decisions, window),
    title: reports.PUBLICITY_CONFIRMATION_TITLE,
    cells: ['经公示无异议', '张三丰'],
  },
  附件5: {
    xlsx: () => reports.certificateRegisterReport(anchored, rows, decisions),
    title: reports.certificateRegisterTitle(header),
    cells: ['Y000033123456253000001', '张三丰'],
  },
  考生名单: {
    xlsx: () =>
      reports.candidateListReport(
        anchored,
        [{ ticket: '202503300001', name: '张*丰', idNumber: '330503********3422', unit: '电机一分厂' }],
        window,
      ),
    title: reports.candidateListTitle(header),
    cells: ['张*丰', '202503300001'],
  },
  附件2: {
    xlsx: () => reports.supervisionReport({ header: anchored, supervisors: ['钱督导'], report: supervision, signers }),
    title: reports.SUPERVISION_REPORT_TITLE,
    cells: ['质量管理部', '考场秩序良好。'],
  },
  附件3: {
    xlsx: () =>
      reports.externalSupervisionReport({
        header: anchored,
        externalSupervisors: ['孙外督'],
        report: supervision,
        internalSigners: signers,
        externalSigners: [{ name: '孙外督', signedOn: '2025-10-14' }],
      }),
    title: EXTERNAL_SUPERVISION_TITLE,
    cells: ['孙外督', '核心指标'],
  },
  结果汇总表: {
    xlsx: () => reports.hefeiResultSummary(filing, rows, decisions),
    title: '企业职业技能等级认定结果汇总表',
    cells: ['张三丰', '330503199005153422', '6-31-01-03'],
  },
  证书信息表: {
    xlsx: () => reports.hefeiCertificateTable(filing, lines),
    title: '企业职业技能等级认定合格人员证书信息表',
    cells: ['Y000033123456253000001', '居民身份证', '6-31-01-03'],
  },
};

const dir = mkdtempSync(join(tmpdir(), 'kaowu-workbook-pdf-'));
const texts = new Map<string, { raw: string; squeezed: string; pages: number; bytes: Uint8Array }>();
const squeeze = (s: string): string => s.replace(/\s+/g, '');

beforeAll(async () => {
  for (const [kind, k] of Object.entries(kinds)) {
    const bytes = await reports.workbookPdf(await k.xlsx());
    const file = join(dir, `${kind}.pdf`);
    writeFileSync(file, bytes);
    const raw = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    texts.set(kind, { raw, squeezed: squeeze(raw), pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1]), bytes });
  }
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('workbookPdf: every report kind as a PDF', () => {
  for (const [kind, k] of Object.entries(kinds))
    it(`${kind} prints its title, known cells and the audit head on every page`, () => {
      const t = texts.get(kind)!;
      expect(Buffer.from(t.bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
      expect(t.squeezed).toContain(squeeze(k.title));
      for (const cell of k.cells) expect(t.squeezed).toContain(squeeze(cell));
      const heads = t.raw.split('\f').filter((p) => p.trim() !== '');
      expect(heads.length).toBe(t.pages);
      for (const page of heads) expect(squeeze(page)).toContain(`审计链头第4711条${auditHead.hash}`);
      expect(squeeze(heads.at(-1)!)).toContain(`第${t.pages}页，共${t.pages}页`);
    });

  it('a long table runs over several pages and repeats its column names on each', () => {
    const t = texts.get('附件1')!;
    expect(t.pages).toBeGreaterThan(1);
    const pages = t.raw.split('\f').filter((p) => p.trim() !== '');
    for (const page of pages) expect(squeeze(page)).toContain('综合成绩');
    // Every candidate is printed once: the last one too.
    expect(t.squeezed).toContain(rows.at(-1)!.idNumber);
  });

  it('prints scores in the cell format (one decimal) and is the same bytes for the same workbook', async () => {
    const xlsx = await kinds.附件1!.xlsx();
    const d = decisions.find((x) => x.candidateId === rows[0]!.id)!;
    expect(texts.get('附件1')!.squeezed).toContain(d.composite!.toFixed(1));
    expect(Buffer.from(await reports.workbookPdf(xlsx)).equals(Buffer.from(await reports.workbookPdf(xlsx)))).toBe(
      true,
    );
  });
});
