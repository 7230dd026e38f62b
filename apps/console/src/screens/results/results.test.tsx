import { fireEvent, render } from '@solidjs/testing-library';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CertificateList, Publicity } from '../../contract.ts';
import { nextStep, PublicityPanel } from './PublicityPanel.tsx';
import { ResultsPanel } from './ResultsPanel.tsx';
import { type Answer, fakeServer } from '../../testing/fake-server.ts';
import { routed } from '../../testing/routed.tsx';
import { bands, distributions, passRate } from './result-charts.ts';

const base = '/batches/b1/results';
const view = (over: Partial<Publicity> = {}): Publicity => ({
  publishedOn: '2026-09-28',
  window: {
    firstDay: '2026-09-29',
    lastDay: '2026-10-12',
    days: ['2026-09-29', '2026-09-30', '2026-10-09', '2026-10-10', '2026-10-12'],
  },
  state: 'open',
  stateName: '公示中',
  daysLeft: 5,
  objections: [],
  finalisedAt: null,
  matchesDecisions: true,
  ...over,
});
const certificate = (ticket: string, name: string, sequence: number) => ({
  ticket,
  name,
  number: `Y000033330001265${String(sequence).padStart(6, '0')}`,
  level: 5 as const,
  levelName: '五级/初级工',
  issuedOn: '2026-10-20',
  revokedAt: null as string | null,
});
const none: CertificateList = { certificates: [], awaiting: 0 };

beforeEach(() => void vi.stubGlobal('confirm', () => true));
afterEach(() => {
  vi.restoreAllMocks();
});

describe('publicity and certificates', () => {
  it('publishes for the chosen working days and shows the window the server computed', async () => {
    let current: Publicity | undefined;
    const calls = fakeServer({
      [`GET ${base}/publicity`]: () =>
        current ? [200, current] : [400, { error: { code: 'invalid', message: '批次 b1 的成绩尚未公示' } }],
      [`GET ${base}/certificates`]: () => [200, none],
      [`POST ${base}/publicity`]: () => [201, (current = view())],
    });
    const { findByText, getByText, getByLabelText, getByRole, getByTestId } = render(() => (
      <PublicityPanel batchId="b1" />
    ));
    await findByText('批次 b1 的成绩尚未公示');
    expect(getByRole('status', { name: '下一步' }).textContent).toContain('公示认定结果');
    fireEvent.input(getByLabelText('工作日'), { target: { value: '5' } });
    fireEvent.click(getByText('公示认定结果'));
    await findByText('已公示，公示期 2026-09-29 至 2026-10-12');
    expect(getByTestId('publicity').textContent).toContain('2026-09-29 至 2026-10-12');
    expect(getByRole('status', { name: '下一步' }).textContent).toBe(
      '下一步：公示期未满：至 2026-10-12 结束（还有 5 个工作日），期满后才能确认结果生效',
    );
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ workingDays: 5 });
    // The view shown is the one read back, not the POST's answer.
    expect(calls.filter((c) => c.method === 'GET' && c.path === `${base}/publicity`)).toHaveLength(2);
  });

  // Then lists the certificate numbers the server holds.
  it('records an objection, resolves it with a note, finalises and issues', async () => {
    let current = view();
    let list: CertificateList = none;
    const objection = { id: 'o1', ticket: 'T001', text: '实操成绩有误', raisedAt: '2026-09-30T02:30:00.000Z' };
    const calls = fakeServer({
      [`GET ${base}/publicity`]: () => [200, current],
      [`GET ${base}/certificates`]: () => [200, list],
      [`POST ${base}/objections`]: () => ((current = view({ objections: [objection] })), [201, { id: 'o1' }]),
      [`POST ${base}/objections/o1/resolve`]: () => (
        (current = view({
          state: 'final',
          daysLeft: 0,
          objections: [
            {
              ...objection,
              resolution: { outcome: 'dismissed', note: '复核无误', by: 'admin', at: '2026-10-13T00:30:00.000Z' },
            },
          ],
        })),
        (list = { certificates: [], awaiting: 2 }),
        [200, { ok: true }]
      ),
      [`POST ${base}/finalise`]: () => {
        current = { ...current, finalisedAt: '2026-10-13T01:00:00.000Z' };
        // the server answers the view with what the automatic item analysis did
        return [200, { ...current, statistics: { status: 'computed', persons: 2, flagged: 0 } }];
      },
      [`POST ${base}/certificates`]: () => (
        (list = { certificates: [certificate('T001', '赵一鸣', 1), certificate('T003', '孙三', 2)], awaiting: 0 }),
        [201, { issued: list.certificates, already: 0 }]
      ),
    });
    const { findByText, getByText, getByLabelText, getByRole, findByRole } = render(() => (
      <PublicityPanel batchId="b1" />
    ));
    await findByText('暂无异议');
    fireEvent.input(getByLabelText('准考证号（可空）'), { target: { value: 'T001' } });
    fireEvent.input(getByLabelText('异议内容'), { target: { value: '实操成绩有误' } });
    fireEvent.click(getByText('登记异议'));
    await findByText('异议已登记');
    expect(getByText('实操成绩有误').closest('tr')!.textContent).toContain('2026-09-30 10:30');
    expect(getByRole('status', { name: '下一步' }).textContent).toContain('有 1 条未处理异议');
    fireEvent.input(getByLabelText('处理意见 o1'), { target: { value: '复核无误' } });
    fireEvent.click(getByText('不成立'));
    await findByText('异议已处理');
    expect(getByText('实操成绩有误').closest('tr')!.textContent).toContain(
      '异议不成立：复核无误（admin，2026-10-13 08:30）',
    );
    expect(getByRole('status', { name: '下一步' }).textContent).toBe(
      '下一步：公示期已满，异议均已处理：可以确认结果生效',
    );
    fireEvent.click(getByText('确认结果生效'));
    await findByText('认定结果已生效；试题统计分析已自动计算（2 名考生，0 道试题需复核）');
    expect(getByText(/认定结果已于 2026-10-13 09:00 生效/)).toBeTruthy();
    expect(getByRole('status', { name: '下一步' }).textContent).toBe(
      '下一步：认定结果已生效，可以发证：2 名合格考生待发证',
    );
    fireEvent.click(getByText('核发证书'));
    await findByText('已核发 2 本证书');
    const table = await findByRole('table', { name: '已核发证书' });
    expect([...table.querySelectorAll('tbody tr')].map((r) => r.textContent)).toEqual([
      'T001赵一鸣Y000033330001265000001五级/初级工2026-10-20有效',
      'T003孙三Y000033330001265000002五级/初级工2026-10-20有效',
    ]);
    expect(getByRole('status', { name: '下一步' }).textContent).toBe(
      '下一步：证书已全部核发（2 本），可下载证书核发登记表',
    );
    expect((getByText('核发证书') as HTMLButtonElement).disabled).toBe(true);
    expect(calls.filter((c) => c.method === 'POST').map((c) => [c.path, c.body])).toEqual([
      [`${base}/objections`, { text: '实操成绩有误', ticket: 'T001' }],
      [`${base}/objections/o1/resolve`, { outcome: 'dismissed', note: '复核无误' }],
      [`${base}/finalise`, undefined],
      [`${base}/certificates`, {}],
    ]);
  });

  it('offers the certificate PDFs as one zip and revokes a certificate with a reason', async () => {
    let list: CertificateList = { certificates: [certificate('T001', '赵一鸣', 1)], awaiting: 0 };
    const number = list.certificates[0]!.number;
    const calls = fakeServer({
      [`GET ${base}/publicity`]: () => [200, view({ state: 'final', finalisedAt: '2026-10-13T01:00:00.000Z' })],
      [`GET ${base}/certificates`]: () => [200, list],
      [`POST /certificates/${number}/revoke`]: () => (
        (list = {
          certificates: [{ ...certificate('T001', '赵一鸣', 1), revokedAt: '2026-10-21T01:00:00Z' }],
          awaiting: 0,
        }),
        [200, { number, reason: '弄虚作假', revokedBy: 'admin', revokedAt: '2026-10-21T01:00:00Z' }]
      ),
    });
    const { findByText, getByText, getByLabelText } = render(() => <PublicityPanel batchId="b1" />);
    const link = (await findByText('下载电子证书（PDF）')) as HTMLAnchorElement;
    expect(link.getAttribute('href')).toBe('/api/batches/b1/certificates/pdf');
    expect((getByText('注销证书') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.input(getByLabelText('注销证书编号'), { target: { value: number } });
    fireEvent.input(getByLabelText('注销原因'), { target: { value: '弄虚作假' } });
    fireEvent.click(getByText('注销证书'));
    await findByText(`证书 ${number} 已注销`);
    expect(getByText(number).closest('tr')!.textContent).toContain('已注销');
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([{ reason: '弄虚作假' }]);
  });

  it('shows the certificates already issued when the page is opened again', async () => {
    fakeServer({
      [`GET ${base}/publicity`]: () => [
        200,
        view({ state: 'final', daysLeft: 0, finalisedAt: '2026-10-12T01:00:00.000Z' }),
      ],
      [`GET ${base}/certificates`]: () => [200, { certificates: [certificate('T001', '赵一鸣', 7)], awaiting: 0 }],
    });
    const { findByRole, getByRole, queryByText } = render(() => <PublicityPanel batchId="b1" />);
    expect((await findByRole('table', { name: '已核发证书' })).textContent).toContain('Y000033330001265000007');
    expect(getByRole('status', { name: '下一步' }).textContent).toContain('证书已全部核发（1 本）');
    expect(queryByText('登记异议')).toBeNull();
    expect(queryByText('确认结果生效')).toBeNull();
  });

  it("shows the server's reason when a step is refused", async () => {
    fakeServer({
      [`GET ${base}/publicity`]: () => [200, view()],
      [`GET ${base}/certificates`]: () => [200, none],
      [`POST ${base}/finalise`]: () => [
        409,
        { error: { code: 'conflict', message: '公示期至 2026-10-12 结束（还有 5 个工作日），期满后才能确认结果' } },
      ],
    });
    const { findByText, getByText } = render(() => <PublicityPanel batchId="b1" />);
    await findByText('暂无异议');
    fireEvent.click(getByText('确认结果生效'));
    expect((await findByText(/公示期至 2026-10-12 结束/)).getAttribute('role')).toBe('alert');
  });

  // A refusal must not read as "not published".
  it('says a refusal to read the publicity as an error with its code, and retries', async () => {
    let refused = true;
    fakeServer({
      [`GET ${base}/publicity`]: () =>
        refused ? [403, { error: { code: 'forbidden', message: '用户 x 不是该批次的工作人员' } }] : [200, view()],
      [`GET ${base}/certificates`]: () => [200, none],
    });
    const { findByRole, getByRole, findByTestId } = render(() => <PublicityPanel batchId="b1" />);
    const alert = await findByRole('alert');
    expect(alert.textContent).toContain('用户 x 不是该批次的工作人员');
    expect(alert.querySelector('code')?.textContent).toBe('forbidden');
    refused = false;
    fireEvent.click(getByRole('button', { name: '重试' }));
    expect((await findByTestId('publicity')).textContent).toContain('2026-09-29 至 2026-10-12');
  });

  it('shows a server fault reading the certificates with its code, never an empty list', async () => {
    fakeServer({
      [`GET ${base}/publicity`]: () => [200, view({ state: 'final', finalisedAt: '2026-10-13T01:00:00Z' })],
      [`GET ${base}/certificates`]: () => [500, { error: { code: 'internal', message: '服务器内部错误' } }],
    });
    const { findByRole } = render(() => <PublicityPanel batchId="b1" />);
    const alert = await findByRole('alert');
    expect(alert.textContent).toContain('服务器内部错误');
    expect(alert.querySelector('code')?.textContent).toBe('internal');
  });
});

describe('the next step', () => {
  const open = { id: 'o1', ticket: null, text: '有疑问', raisedAt: '2026-09-30T02:30:00.000Z' };
  const resolved = {
    ...open,
    id: 'o2',
    resolution: { outcome: 'dismissed' as const, note: '无误', by: 'admin', at: '2026-10-09T08:00:00.000Z' },
  };
  it('names what each state waits for', () => {
    expect(nextStep(undefined, undefined)).toContain('公示认定结果');
    expect(nextStep(view({ objections: [open, resolved] }), none)).toBe(
      '公示期未满：至 2026-10-12 结束（还有 5 个工作日），期满后才能确认结果生效；' +
        '有 1 条未处理异议，须逐条处理（填写处理意见）',
    );
    expect(nextStep(view({ state: 'awaiting_objections', daysLeft: 0, objections: [open] }), none)).toBe(
      '公示期已满；有 1 条未处理异议，须逐条处理（填写处理意见），处理完毕后才能确认结果生效',
    );
    expect(nextStep(view({ state: 'final', daysLeft: 0, objections: [resolved] }), none)).toBe(
      '公示期已满，异议均已处理：可以确认结果生效',
    );
    expect(nextStep(view({ state: 'final', matchesDecisions: false }), none)).toBe(
      '认定结果在公示后有变更，须重新公示后才能确认结果生效',
    );
    const final = view({ state: 'final', daysLeft: 0, finalisedAt: '2026-10-12T01:00:00.000Z' });
    expect(nextStep(final, { certificates: [], awaiting: 3 })).toBe('认定结果已生效，可以发证：3 名合格考生待发证');
    expect(nextStep(final, { certificates: [certificate('T1', '甲', 1)], awaiting: 0 })).toBe(
      '证书已全部核发（1 本），可下载证书核发登记表',
    );
    expect(nextStep(final, none)).toBe('认定结果已生效，没有待发证的合格考生');
  });
});

describe('the results page', () => {
  const sheet = {
    components: [{ code: 'skill', name: '操作技能', assessors: [{ id: 'chen', name: '陈立新' }] }],
    candidates: [{ ticket: 'T001', name: '赵一鸣', absent: false }],
  };
  const status = {
    finalSheets: 3,
    mismatches: [
      { ticket: 'T002', name: '钱二娜', message: '操作技能（考评员陈立新）两次录入不一致：admin录入 55，clerk录入 65' },
    ],
    awaiting: [],
    blocked: [
      {
        ticket: 'T001',
        name: '赵一鸣',
        component: '操作技能',
        reason: '考评员评分最高与最低相差 20.0 分，超过 15 分，须由考评组长裁定分差',
      },
    ],
  };

  /** The batch's plan as GET /plan answers it (the tab needs one before anything else). */
  const planned = {
    'GET /batches/b1/plan': (): Answer => [
      200,
      { plan: { method: 'assessment', components: [] }, kinds: [], methods: [] },
    ],
  };

  it('lists mismatches and lets the panel leader accept a spread with a reason, by component code', async () => {
    const calls = fakeServer({
      ...planned,
      [`GET ${base}/sheet`]: () => [200, sheet],
      [`GET ${base}/scores`]: () => [200, status],
      [`GET ${base}/decisions`]: () => [200, []],
      [`GET ${base}/publicity`]: () => [400, { error: { message: '成绩尚未公示' } }],
      [`POST ${base}/spreads`]: () => [200, { ok: true }],
    });
    const { findByText, getByLabelText, getByText } = render(routed(() => <ResultsPanel batchId="b1" />));
    await findByText(/两次录入不一致：admin录入 55，clerk录入 65/);
    fireEvent.input(getByLabelText('裁定理由 T001 操作技能'), { target: { value: '现场记录支持较低分' } });
    fireEvent.click(getByText('组长裁定分差'));
    await findByText(/组长已裁定 T001 的分差/);
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      ticket: 'T001',
      component: 'skill',
      reason: '现场记录支持较低分',
    });
  });

  // Without score entry, actions or the reports that hold personal data.
  it('shows staff who are not administrators the decisions and the publicity', async () => {
    fakeServer({
      ...planned,
      [`GET ${base}/sheet`]: () => [200, sheet],
      [`GET ${base}/scores`]: () => [200, status],
      [`GET ${base}/decisions`]: () => [
        200,
        [
          {
            ticket: 'T001',
            name: '赵一鸣',
            decision: { outcome: 'pass', composite: 82, reasons: ['各组成部分均达到合格线'] },
          },
        ],
      ],
      [`GET ${base}/publicity`]: () => [
        200,
        {
          publishedOn: '2026-11-02',
          window: {
            firstDay: '2026-11-03',
            lastDay: '2026-11-09',
            days: ['2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06', '2026-11-09'],
          },
          state: 'open',
          stateName: '公示中',
          daysLeft: 3,
          finalisedAt: null,
          matchesDecisions: true,
          objections: [{ id: 'o1', ticket: 'T001', text: '对实操成绩有异议', raisedAt: '2026-11-04T02:00:00Z' }],
        } satisfies Publicity,
      ],
      [`GET ${base}/certificates`]: () => [200, { certificates: [], awaiting: 0 }],
    });
    const { findByText, queryByText, queryByLabelText, getByText } = render(
      routed(() => <ResultsPanel batchId="b1" canAct={false} />),
    );
    await findByText('各组成部分均达到合格线');
    await findByText('对实操成绩有异议');
    expect(getByText('待处理')).toBeTruthy();
    for (const action of [
      '保存录入',
      '计算认定结果',
      '下载综合成绩汇总表',
      '登记异议',
      '不成立',
      '确认结果生效',
      '核发证书',
    ])
      expect(queryByText(action), action).toBeNull();
    expect(queryByLabelText('T001 陈立新')).toBeNull();
  });

  it('shows a refused read of the decisions (403) with its code and message where the decisions would be', async () => {
    fakeServer({
      ...planned,
      [`GET ${base}/scores`]: () => [200, { finalSheets: 0, mismatches: [], awaiting: [], blocked: [] }],
      [`GET ${base}/decisions`]: () => [403, { error: { code: 'forbidden', message: '您无权查看本批次的认定结果' } }],
      [`GET ${base}/publicity`]: () => [400, { error: { code: 'invalid', message: '批次 b1 的成绩尚未公示' } }],
      [`GET ${base}/certificates`]: () => [200, none],
    });
    const { findByText } = render(routed(() => <ResultsPanel batchId="b1" canAct={false} />));
    const alert = await findByText('您无权查看本批次的认定结果');
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.querySelector('code')?.textContent).toBe('forbidden');
    expect(alert.querySelector('button')?.textContent).toBe('重试');
  });

  it('shows a server fault (500) in the score status with its code, and a retry that loads it', async () => {
    let broken = true;
    fakeServer({
      ...planned,
      [`GET ${base}/scores`]: () =>
        broken
          ? [500, { error: { code: 'internal', message: '服务器内部错误' } }]
          : [200, { finalSheets: 2, mismatches: [], awaiting: [], blocked: [] }],
      [`GET ${base}/decisions`]: () => [200, []],
      [`GET ${base}/publicity`]: () => [400, { error: { code: 'invalid', message: '批次 b1 的成绩尚未公示' } }],
      [`GET ${base}/certificates`]: () => [200, none],
    });
    const { findByText, findByTestId } = render(routed(() => <ResultsPanel batchId="b1" canAct={false} />));
    const alert = await findByText('服务器内部错误');
    expect(alert.querySelector('code')?.textContent).toBe('internal');
    broken = false;
    fireEvent.click(alert.querySelector('button')!);
    expect((await findByTestId('score-status')).textContent).toContain('已生效评分表 2 张');
  });

  it('offers every report as a link to its download route', async () => {
    fakeServer({
      ...planned,
      [`GET ${base}/decisions`]: () => [200, []],
    });
    const { findByText, getByText } = render(routed(() => <ResultsPanel batchId="b1" />));
    await findByText('下载全部成绩');
    const links = ['综合成绩汇总表', '证书核发登记表', '公示名单', '公示结果确认单', '全部成绩'].map((n) =>
      getByText(`下载${n}`).getAttribute('href'),
    );
    expect(links).toEqual(
      ['summary', 'register', 'publicity', 'confirmation', 'full'].map((r) => `/api${base}/reports/${r}`),
    );
  });
  it('explains that the assessment plan comes first, instead of buttons that would be refused', async () => {
    const calls = fakeServer({ 'GET /batches/b1/plan': () => [200, { plan: null, kinds: [], methods: [] }] });
    const { findByRole, queryByText } = render(routed(() => <ResultsPanel batchId="b1" />));
    const note = await findByRole('note');
    expect(note.textContent).toContain('本批次还没有认定方案');
    expect(note.querySelector('a')?.getAttribute('href')).toBe('/batches/b1/plan');
    for (const action of ['计算认定结果', '保存录入', '下载综合成绩汇总表'])
      expect(queryByText(action), action).toBeNull();
    // Nothing that needs a plan was even asked for.
    expect(calls.map((c) => c.path)).toEqual(['/batches/b1/plan']);
  });

  it('opens a decided batch on its decisions and the entered scores, the entry grid folded away', async () => {
    fakeServer({
      ...planned,
      [`GET ${base}/sheet`]: () => [200, sheet],
      [`GET ${base}/scores`]: () => [200, { finalSheets: 3, mismatches: [], awaiting: [], blocked: [] }],
      [`GET ${base}/decisions`]: () => [
        200,
        [
          {
            ticket: 'T001',
            name: '赵一鸣',
            decision: {
              outcome: 'pass',
              composite: 81.5,
              reasons: ['各组成部分均达到合格线'],
              components: [
                { code: 'theory', name: '理论知识', score: 72 },
                { code: 'skill', name: '操作技能', score: 85.5 },
              ],
            },
          },
        ],
      ],
      [`GET ${base}/publicity`]: () => [400, { error: { code: 'invalid', message: '成绩尚未公示' } }],
      [`GET ${base}/certificates`]: () => [200, none],
    });
    const { findByRole, findByLabelText } = render(routed(() => <ResultsPanel batchId="b1" />));
    const table = await findByRole('table', { name: '认定结果' });
    expect([...table.querySelectorAll('th')].map((th) => th.textContent)).toEqual([
      '准考证号',
      '姓名',
      '结果',
      '理论知识',
      '操作技能',
      '综合成绩',
      '理由',
    ]);
    expect([...table.querySelectorAll('tbody td')].map((td) => td.textContent)).toEqual([
      'T001',
      '赵一鸣',
      '合格',
      '72',
      '85.5',
      '81.5',
      '各组成部分均达到合格线',
    ]);
    const entry = (await findByLabelText('T001 陈立新')).closest('details');
    expect(entry?.open).toBe(false);
    expect(entry?.querySelector('summary')?.textContent).toBe('录入或更正成绩');
    // The decisions come before the folded entry on the page.
    expect(table.compareDocumentPosition(entry!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });
});

describe('the results charts', () => {
  const line = (
    outcome: 'pass' | 'fail' | 'pending',
    composite: number | null,
    theory: number | null,
    skill: number | null,
  ) => ({
    decision: {
      outcome,
      composite,
      components: [
        { code: 'theory', name: '理论知识', score: theory },
        { code: 'skill', name: '操作技能', score: skill },
      ],
    },
  });

  it("bins each component's scores and the composite in ten-point bands, 100 in the top band", () => {
    expect(bands([0, 9.9, 10, 59.5, 100])).toEqual([2, 1, 0, 0, 0, 1, 0, 0, 0, 1]);
    const d = distributions([line('pass', 82, 75, 85), line('fail', null, 40, null), line('pass', 100, 100, 100)]);
    expect(d.map((x) => x.title)).toEqual(['理论知识成绩分布', '操作技能成绩分布', '综合成绩分布']);
    expect(d[0]!.values).toEqual([0, 0, 0, 0, 1, 0, 0, 1, 0, 1]);
    expect(d[2]!.values.reduce((a, b) => a + b)).toBe(2);
  });

  it('gives the pass rate among those decided', () => {
    expect(
      passRate([
        line('pass', 80, 80, 80),
        line('fail', 50, 50, 50),
        line('pass', 70, 70, 70),
        line('pending', null, null, null),
      ]),
    ).toEqual({ passed: 2, failed: 1, pending: 1, rate: 66.7 });
    expect(passRate([]).rate).toBeNull();
  });
});
