import { fireEvent, render } from '@solidjs/testing-library';
import { describe, expect, it } from 'vitest';
import { signedInAs } from '../../testing/fake-server.ts';
import { routed } from '../../testing/routed.tsx';
import { StatsPanel } from './StatsPanel.tsx';
import { characteristic, raschProbability, sortLines, type StatsLine } from './stats-view.ts';

const line = (code: string, facility: number | null, flags: string[], difficulty: number | null = null) => ({
  itemCode: code,
  version: 1,
  type: 'single',
  band: 3,
  n: 60,
  facility,
  sd: 0.5,
  discrimination: 0.3,
  discriminativeEfficiency: 0.4,
  rasch: difficulty === null ? null : { item: 0, status: 'ok', n: 60, difficulty, se: 0.3, infit: 1, outfit: 1 },
  icc: [
    { n: 30, observed: 0.2, theta: -1 },
    { n: 30, observed: 0.9, theta: 1 },
  ],
  flags: flags.map((flag) => ({ flag, option: 1, detail: `${flag} 的依据` })),
  options: [
    { option: 0, keyed: true, count: 20, share: 1 / 3, meanRest: 40, upperCount: 2 },
    { option: 1, keyed: false, count: 40, share: 2 / 3, meanRest: 60, upperCount: 18 },
  ],
  omitted: 0,
  upperN: 20,
  item: 0,
  code,
});

/** A stored analysis as GET /batches/b1/stats answers: one form, pooled only; 2 absent. */
const report = {
  batchId: 'b1',
  planNumber: 'DEMO-2026-S01',
  occupationCode: '6-31-01-03',
  level: 5,
  computedAt: '2026-05-21T07:00:00.000Z',
  forms: [
    {
      form: '',
      test: {
        n: 60,
        items: 2,
        maxTotal: 2,
        mean: 1.2,
        median: 1,
        sd: 0.7,
        skewness: 0.1,
        kurtosis: -0.5,
        alpha: 0.812,
        alphaBasis: 'items',
        sem: 0.3,
        errorRatio: 0.43,
        distribution: [
          { score: 0, count: 10 },
          { score: 1, count: 28 },
          { score: 2, count: 22 },
        ],
        excluded: { absent: 2, notSubmitted: 0, unscored: 0 },
      },
      items: [line('A001', 0.8, []), line('A002', 0.3, ['key_suspect', 'misfit'], 0.5), line('A003', null, [])],
    },
  ],
};

describe('the 统计分析 tab', () => {
  it('shows the summary, the flags in Chinese, and an item’s options and link into the bank', async () => {
    await signedInAs({ username: 'expert_wang', roles: ['author'] }, { 'GET /batches/b1/stats': () => [200, report] });
    const { findByTestId, getByTestId, getByText, getByRole, getAllByRole, queryByRole } = render(
      routed(() => <StatsPanel batchId="b1" canCompute={false} />),
    );
    expect((await findByTestId('stats-n')).textContent).toBe('60');
    expect(getByTestId('stats-alpha').textContent).toBe('0.812');
    expect(getByTestId('stats-excluded').textContent).toContain('缺考/未开始 2');
    expect(getByTestId('stats-flagged').textContent).toContain('其中 1 题有统计异常');
    expect(getByTestId('stats-item-A002').textContent).toContain('答案存疑');
    // flagged first by default; then by 通过率, ascending, the unknown last
    const codes = () =>
      getAllByRole('row')
        .slice(1, 4)
        .map((r) => r.querySelector('td')?.textContent);
    expect(codes()[0]).toBe('A002');
    fireEvent.click(getByRole('button', { name: '通过率' }));
    fireEvent.click(getByRole('button', { name: /通过率/ }));
    expect(codes()).toEqual(['A002', 'A001', 'A003']);
    expect(queryByRole('button', { name: '计算统计' })).toBeNull();
    fireEvent.click(getByRole('button', { name: 'A002' }));
    expect(getByText(/key_suspect 的依据/).textContent).toBe('答案存疑：key_suspect 的依据');
    expect(getByRole('table', { name: '选项分析' }).textContent).toContain('A（答案）');
    expect(getByRole('link', { name: '在题库中打开' }).getAttribute('href')).toContain('/banks/6-31-01-03/5?item=A002');
  });

  it('says nothing is computed yet, and offers 计算统计 to an administrator', async () => {
    const calls = await signedInAs(
      { username: 'admin', roles: ['administrator'] },
      {
        'GET /batches/b1/stats': () => [404, { error: { code: 'not_found', message: '批次 尚未计算统计分析' } }],
        'POST /batches/b1/stats': () => [200, report],
      },
    );
    const { findByText, getByRole, findByTestId } = render(routed(() => <StatsPanel batchId="b1" canCompute />));
    expect(await findByText(/本批次尚未计算统计分析/)).toBeTruthy();
    fireEvent.click(getByRole('button', { name: '计算统计' }));
    expect((await findByTestId('stats-n')).textContent).toBe('60');
    expect(calls.some((c) => c.method === 'POST' && c.path === '/batches/b1/stats')).toBe(true);
  });
});

describe('a suspect key, corrected from the tab', () => {
  it('offers the upper group’s option and sends the results’ key correction with its reason', async () => {
    const calls = await signedInAs(
      { username: 'admin', roles: ['administrator'] },
      {
        'GET /batches/b1/stats': () => [200, report],
        'POST /batches/b1/stats/key-correction': () => [
          200,
          {
            papers: 1,
            before: 'A',
            after: 'B',
            rescored: [{ ticket: 't1', name: '甲', before: 50, after: 51 }],
            decisions: [],
          },
        ],
      },
    );
    const { findByRole, getByRole, getByLabelText, findByText } = render(
      routed(() => <StatsPanel batchId="b1" canCompute canCorrectKey />),
    );
    fireEvent.click(await findByRole('button', { name: 'A002' }));
    expect((getByLabelText('正确答案') as HTMLInputElement).value).toBe('B');
    fireEvent.input(getByLabelText('更正理由'), { target: { value: '经核实答案有误' } });
    fireEvent.click(getByRole('button', { name: '更正并重新评分' }));
    expect(await findByText('答案已由 A 更正为 B，1 份答卷重新评分')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ item: 'A002', key: 'B', reason: '经核实答案有误' });
  });
});

describe('the numbers behind it', () => {
  it('the Rasch curve: one half at θ = b, three quarters one ln 3 above', () => {
    expect(raschProbability(0.5, 0.5)).toBe(0.5);
    expect(raschProbability(Math.log(3), 0)).toBeCloseTo(0.75, 12);
    const c = characteristic(
      [
        { n: 10, observed: 0.1, theta: null },
        { n: 10, observed: 0.9, theta: 1 },
      ],
      1,
    );
    expect(c.expected).toEqual([null, 0.5]);
  });

  it('sorts descending on a second click and keeps unknown figures last', () => {
    const lines = [line('B', 0.2, []), line('A', null, []), line('C', 0.9, [])] as unknown as StatsLine[];
    expect(sortLines(lines, 'facility', true).map((l) => l.itemCode)).toEqual(['B', 'C', 'A']);
    expect(sortLines(lines, 'facility', false).map((l) => l.itemCode)).toEqual(['C', 'B', 'A']);
  });
});
