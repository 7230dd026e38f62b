import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { SUPERVISION_CRITERIA } from '@kaowu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSupervisors, client, staffTokens, startTestServer, type TestServer } from '../../testing/harness.ts';

let server: TestServer;
const api = client(() => server.url);
let base: string;
let tokens: Record<string, string>;

const examDay = Object.fromEntries(
  SUPERVISION_CRITERIA.filter((c) => c.indicator.part === 'exam_day').map((c) => [
    c.code,
    c.kind === 'choice' ? 0 : c.items.map((_, i) => i),
  ]),
);
const rest = { score_entry: [0, 1, 2, 3], result_publicity: 1, complaint_handling: 0 };
const report = { supervisedOn: '2026-11-02', supervisorUnit: '质量管理部', answers: examDay, opinion: '' };

/** The seeded batch with two supervisors (no system role) beside its proctors. */
beforeAll(async () => {
  server = await startTestServer();
  await addSupervisors(server, ['sup_qian', 'sup_he']);
  tokens = await staffTokens(api, ['admin', 'proctor_a', 'proctor_c', 'sup_qian', 'sup_he']);
  base = `/api/batches/${server.exam.batchId}/supervision`;
});
afterAll(() => server.close());

describe('internal supervision over HTTP', () => {
  it('a proctor cannot save; a supervisor can, and everyone on the batch reads the score', async () => {
    const refused = await api.put(base, report, { token: tokens.proctor_a });
    expect([refused.status, refused.body.error.message]).toEqual([
      403,
      expect.stringMatching(/无权填写或签署内部督导报告（批次 TEST-.*）：只有本批次的内部督导员可以/),
    ]);
    expect((await api.put(base, report, { token: tokens.admin })).status).toBe(403);
    const saved = await api.put(base, report, { token: tokens.sup_qian });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ mayEdit: true, score: { total: 80, complete: false }, halted: false });
    const read = await api.get(base, { token: tokens.proctor_a });
    expect([read.status, read.body.mayEdit, read.body.score.total]).toEqual([200, false, 80]);
    // proctor_c is no longer on this batch's staff.
    const outsider = await api.get(base, { token: tokens.proctor_c });
    expect([outsider.status, outsider.body.error.message]).toEqual([
      403,
      expect.stringMatching(
        /^用户 proctor_c 无权查看内部督导报告（批次 TEST-.*）：只有考务管理员或本批次的监考员、考评员、内部督导员、外部督导员可以$/,
      ),
    ]);
  });

  it('refuses specifically: a bad answer names its criterion, an incomplete report cannot be signed', async () => {
    const bad = await api.put(base, { ...report, answers: { ...examDay, video: 7 } }, { token: tokens.sup_qian });
    expect([bad.status, bad.body.error.message]).toEqual([
      400,
      '内部督导报告有误：「考务组织·视频监控」没有第 8 个评估标准（共 3 个）',
    ]);
    expect(bad.body.error.details).toEqual([
      { field: '考务组织·视频监控', message: '「考务组织·视频监控」没有第 8 个评估标准（共 3 个）' },
    ]);
    expect((await api.put(base, [1, 2], { token: tokens.sup_qian })).body.error.message).toContain(
      '督导报告应为一个对象',
    );
    const early = await api.post(`${base}/sign`, {}, { token: tokens.sup_qian });
    expect([early.status, early.body.error.message]).toEqual([
      400,
      '内部督导报告尚未填写完整，不能签字：还有 3 项未评（成绩录入、结果公示、投诉处理）',
    ]);
    expect((await api.post(`${base}/sign`, {}, { token: tokens.proctor_a })).status).toBe(403);
    expect((await api.get(base)).status).toBe(401);
    expect((await api.get('/api/batches/NO-SUCH/supervision', { token: tokens.admin })).status).toBe(404);
  });

  it('supervisors complete and sign once each; the 附件2 workbook carries the total and the signers', async () => {
    const done = await api.put(base, { ...report, answers: { ...examDay, ...rest } }, { token: tokens.sup_he });
    expect(done.body.score).toMatchObject({ total: 98, complete: true });
    expect((await api.post(`${base}/sign`, {}, { token: tokens.sup_qian })).body.signatures).toHaveLength(1);
    const twice = await api.post(`${base}/sign`, {}, { token: tokens.sup_qian });
    expect([twice.status, twice.body.error.message]).toEqual([409, expect.stringContaining('无需重复签字')]);
    expect((await api.post(`${base}/sign`, {}, { token: tokens.sup_he })).body.signedByAll).toBe(true);
    const res = await fetch(`${server.url}${base}/report`, {
      headers: { authorization: `Bearer ${tokens.proctor_a}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('附件2 内部督导情况报告.xlsx')}`,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    // Merged cells read back as their first cell's value, so rows are read by column.
    const rows: string[][] = [];
    workbook.worksheets[0]!.eachRow((row) => rows.push([1, 2, 3, 4, 5].map((n) => String(row.getCell(n).value ?? ''))));
    expect(rows.find((r) => r[0] === '合计（100分）')?.[4]).toBe('98');
    expect(rows.find((r) => r[0]!.startsWith('内督人员签字'))?.[0]).toBe(
      '内督人员签字：何督导（2026年11月2日）　钱督导（2026年11月2日）',
    );

    // The same report as a PDF (?format=pdf): its text read back by poppler's pdftotext; another format is refused.
    const pdf = await fetch(`${server.url}${base}/report?format=pdf`, {
      headers: { authorization: `Bearer ${tokens.proctor_a}` },
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('附件2 内部督导情况报告.pdf')}`,
    );
    const dir = mkdtempSync(join(tmpdir(), 'kaowu-supervision-pdf-'));
    try {
      writeFileSync(join(dir, 'r.pdf'), new Uint8Array(await pdf.arrayBuffer()));
      const text = execFileSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' }).replace(
        /\s+/g,
        '',
      );
      expect(text).toContain('职业技能等级认定内部督导情况报告');
      expect(text).toContain('内督人员签字：何督导（2026年11月2日）钱督导（2026年11月2日）');
      expect(text).toMatch(/审计链头第\d+条[0-9a-f]{64}/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const doc = await fetch(`${server.url}${base}/report?format=doc`, {
      headers: { authorization: `Bearer ${tokens.proctor_a}` },
    });
    expect(doc.status).toBe(400);
    expect(JSON.stringify(await doc.json())).toContain('格式应为 xlsx 或 pdf');
  });

  it('a veto halts the batch and the view says so', async () => {
    const vetoed = await api.put(base, { ...report, vetoes: ['disorder'] }, { token: tokens.sup_qian });
    expect(vetoed.body).toMatchObject({ halted: true, signatures: [], score: { total: 0, vetoed: true } });
    expect((await api.get(base, { token: tokens.admin })).body.halted).toBe(true);
  });
});
