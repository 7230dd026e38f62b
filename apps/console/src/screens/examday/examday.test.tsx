import { fireEvent, render, within } from '@solidjs/testing-library';
import { describe, expect, it, vi } from 'vitest';
import type { BatchView } from '../../contract.ts';
import { signedInAs } from '../../testing/fake-server.ts';
import { routed } from '../../testing/routed.tsx';
import { CandidateListPanel } from './CandidateListPanel.tsx';
import { PracticalSheetsPanel } from './PracticalSheetsPanel.tsx';
import type { PracticalSheetView } from './types.ts';

const batch: BatchView = {
  id: 'b1',
  planNumber: 'E2E-DAY',
  name: '考试日演练',
  occupationCode: '6-31-01-03',
  level: 5,
  ticketPrefix: '2026001',
  sebRequired: false,
  showScore: false,
  webcamFrame: false,
  windows: [],
  rooms: [],
  staff: [{ username: 'assessor_chen', name: '陈立新', duty: 'assessor', room: null }],
  papers: [],
  warnings: [],
  stage: 'exam',
  candidateListUntil: null,
  occupationName: '电工',
};

const sheet: PracticalSheetView = {
  id: 'SS0123456789ABCD',
  planNumber: 'E2E-DAY',
  occupation: '电工',
  level: '五级/初级工',
  room: { code: '01', name: '第一考场' },
  candidate: { id: 'c1', ticket: '2026001001', name: '赵一', idNumber: '110105199003071239' },
  photo: false,
  component: { code: 'skill', name: '操作技能' },
  criteria: [
    { code: 'wiring', name: '线路敷设与接线', points: 60 },
    { code: 'safety', name: '安全文明生产', points: 40 },
  ],
  assessor: { id: 'assessor_chen', name: '陈立新' },
  signedAt: null,
};

const admin = { username: 'admin', roles: ['administrator' as const] };

describe('practical sheets: entry by criterion', () => {
  it('totals the criteria as typed and sends the points criterion by criterion under the sheet’s id', async () => {
    const calls = await signedInAs(admin, {
      'GET /batches/b1/practical-sheets': () => [200, [sheet]],
      'POST /batches/b1/practical-sheets/scores': () => [201, { sheetId: sheet.id, total: 85.5 }],
    });
    const screen = render(routed(() => <PracticalSheetsPanel batch={batch} />));
    fireEvent.click(await screen.findByRole('button', { name: '录入' }));
    const form = within(screen.getByRole('region', { name: `考评表 ${sheet.id}` }));
    fireEvent.input(form.getByLabelText('线路敷设与接线得分'), { target: { value: '50' } });
    expect(form.getByLabelText('考评表合计').textContent).toBe('50');
    expect(form.getByText(/还有 1 项未评分/)).toBeTruthy();
    fireEvent.input(form.getByLabelText('安全文明生产得分'), { target: { value: '35.5' } });
    expect(form.getByLabelText('考评表合计').textContent).toBe('85.5');
    fireEvent.click(form.getByRole('button', { name: '录入成绩' }));
    expect(await form.findByText(`考评表 ${sheet.id} 已录入：合计 85.5 分`)).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      sheetId: sheet.id,
      scores: { wiring: 50, safety: 35.5 },
    });
    // The assessor's sign-off is theirs alone: an administrator is offered none.
    expect(form.queryByRole('button', { name: '考评员签字' })).toBeNull();
    vi.unstubAllGlobals();
  });

  it('shows each problem the server names, criterion by criterion', async () => {
    await signedInAs(admin, {
      'GET /batches/b1/practical-sheets': () => [200, [sheet]],
      'POST /batches/b1/practical-sheets/scores': () => [
        400,
        {
          error: {
            code: 'invalid',
            message: `考评表 ${sheet.id} 有 1 处错误，未录入：「安全文明生产」未评分`,
            details: [{ sheet: sheet.id, message: '「安全文明生产」未评分' }],
          },
        },
      ],
    });
    const screen = render(routed(() => <PracticalSheetsPanel batch={batch} />));
    fireEvent.click(await screen.findByRole('button', { name: '录入' }));
    const form = within(screen.getByRole('region', { name: `考评表 ${sheet.id}` }));
    fireEvent.input(form.getByLabelText('线路敷设与接线得分'), { target: { value: '50' } });
    fireEvent.click(form.getByRole('button', { name: '录入成绩' }));
    const problems = await form.findByRole('table', { name: '错误列表' });
    expect(problems.textContent).toContain('「安全文明生产」未评分');
    vi.unstubAllGlobals();
  });
});

describe('the candidate list publicity (名单公示) on the exam-day page', () => {
  const base = '/batches/b1/candidate-list';
  const list = (objections: unknown[]) => ({
    planNumber: 'E2E-DAY',
    publishedOn: '2026-09-29',
    window: {
      firstDay: '2026-09-30',
      lastDay: '2026-10-12',
      days: ['2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10', '2026-10-12'],
    },
    state: 'open',
    daysLeft: 4,
    opensFrom: '2026-10-13',
    lines: [{ ticket: '2026001001', name: '赵*', idNumber: '110105********1239', unit: '供电公司' }],
    objections,
    matchesRoster: true,
  });

  it('shows the window, records an objection about a ticket and resolves it with the note typed', async () => {
    vi.stubGlobal('confirm', () => true);
    const objection = { id: 'o1', ticket: '2026001001', text: '工作年限不足', raisedAt: '2026-10-08T02:00:00.000Z' };
    let current = list([]);
    const calls = await signedInAs(admin, {
      [`GET ${base}`]: () => [200, current],
      [`POST ${base}/objections`]: () => ((current = list([objection])), [201, { id: 'o1' }]),
      [`POST ${base}/objections/o1/resolve`]: (body) => (
        (current = list([
          { ...objection, resolution: { ...(body as object), by: 'admin', at: '2026-10-09T01:00:00.000Z' } },
        ])),
        [200, { ok: true }]
      ),
    });
    const screen = render(routed(() => <CandidateListPanel batchId="b1" canAct />));
    expect((await screen.findByTestId('candidate-list-window')).closest('p')!.textContent).toBe(
      '公示日期 2026-09-29；公示期 2026-09-30 至 2026-10-12（5 个工作日），公示中，还剩 4 个工作日；2026-10-13 起可以开考。',
    );
    fireEvent.input(screen.getByLabelText('准考证号（可空）'), { target: { value: ' 2026001001 ' } });
    fireEvent.input(screen.getByLabelText('异议内容'), { target: { value: '工作年限不足' } });
    fireEvent.click(screen.getByText('登记异议'));
    await screen.findByText('异议已登记');
    expect(calls.find((c) => c.method === 'POST' && c.path === `${base}/objections`)?.body).toEqual({
      text: '工作年限不足',
      ticket: '2026001001',
    });
    expect(screen.getByText('工作年限不足').closest('tr')!.textContent).toContain('2026-10-08 10:00');
    fireEvent.input(screen.getByLabelText('处理意见 o1'), { target: { value: '核实属实，移出名单' } });
    fireEvent.click(screen.getByText('成立'));
    await screen.findByText('异议已处理');
    expect(calls.find((c) => c.path === `${base}/objections/o1/resolve`)?.body).toEqual({
      outcome: 'upheld',
      note: '核实属实，移出名单',
    });
    expect(screen.getByText('工作年限不足').closest('tr')!.textContent).toContain(
      '异议成立：核实属实，移出名单（admin，2026-10-09 09:00）',
    );
  });
});
