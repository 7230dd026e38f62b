import { fireEvent, render } from '@solidjs/testing-library';
import { describe, expect, it, vi } from 'vitest';
import type { AssessmentPlanView, EligibilityView as View, PlanView } from '../../contract.ts';
import { EligibilityView } from './EligibilityView.tsx';
import { buildPlan, fieldLabel, freshCode, newPlanForm, planForm, weightTotal } from './plan-form.ts';
import { PlanEditor } from './PlanEditor.tsx';
import { fakeServer } from '../../testing/fake-server.ts';

/** What the plan editor sends (check and save): the plan it built from the form. */
interface Sent {
  readonly plan: { readonly components: readonly { readonly weight: number }[] };
}

const SAVED: AssessmentPlanView = {
  occupation: { code: '6-31-01-03', name: '电工' },
  level: 5,
  method: 'modular',
  components: [
    {
      code: 'theory',
      name: '理论知识',
      kind: 'theory',
      weight: 20,
      passLine: 60,
      multipleChoice: { mode: 'proportional' },
    },
    { code: 'skill', name: '通用技能模块', kind: 'practical', weight: 40, passLine: 60 },
    { code: 'plc', name: 'PLC编程模块', kind: 'practical', weight: 20, passLine: null, group: 'enterprise' },
    { code: 'motor', name: '电机检修模块', kind: 'practical', weight: 20, passLine: null, group: 'enterprise' },
  ],
  electiveGroups: [{ code: 'enterprise', name: '企业选考模块', choose: 2 }],
  compositePassLine: null,
  panel: { assessorsPerCandidate: 3, aggregation: 'mean', spreadThreshold: 15 },
  eligibility: {
    minAge: 16,
    retirementAge: { male: 60, female: 55 },
    minPensionMonths: 12,
    dispatchedMinYears: 1,
    relatedOccupations: ['6-31-01-02'],
  },
};
const view = (plan: AssessmentPlanView | null): PlanView => ({
  batch: { planNumber: 'RD-1', name: '电工（五级/初级工）', occupationCode: '6-31-01-03', level: 5 },
  plan,
  eligibilityAsOf: plan ? '2026-09-22' : null,
  methods: [
    { value: 'assessment', name: '考核认定' },
    { value: 'modular', name: '模块化考核' },
  ],
  kinds: [
    { value: 'theory', name: '理论知识' },
    { value: 'practical', name: '操作技能' },
    { value: 'review', name: '综合评审' },
  ],
});

describe('the plan form', () => {
  it('gives back the saved plan unchanged, settings it does not edit included', () => {
    const { plan, hints } = buildPlan(planForm(SAVED, '2026-09-22'));
    expect(hints).toEqual([]);
    // The level is always the batch's: the server fills it in.
    const { level: _, ...rest } = SAVED;
    expect(plan).toEqual(rest);
    expect(weightTotal(planForm(SAVED, null))).toBe(100);
  });

  // A field whose text is not a number is named instead of sending the plan.
  it('turns typed text into numbers, and names the fields that are not numbers', () => {
    const form = newPlanForm();
    form.components[0]!.weight = '30';
    form.components[1]!.weight = '7O';
    form.components[1]!.passLine = '';
    const built = buildPlan(form);
    expect(built.plan).toBeUndefined();
    expect(built.hints).toEqual([{ field: 'components.1.weight', message: '权重“7O”不是数字' }]);
    form.components[1]!.weight = '70';
    expect(buildPlan(form).plan).toMatchObject({
      method: 'assessment',
      components: [
        { code: 'theory', weight: 30, passLine: 60 },
        { code: 'skill', weight: 70, passLine: null },
      ],
      panel: { assessorsPerCandidate: 3 },
    });
    expect(fieldLabel('components.1.passLine')).toBe('第 2 个组成部分 合格线');
  });
});

describe('the plan editor', () => {
  it('shows the parts in words only: no code column, and no code in any box or text', () => {
    fakeServer<Sent>({ 'POST /batches/b1/plan/check': () => [200, { problems: [] }] });
    const { getByRole, getByLabelText, queryByLabelText, container } = render(() => (
      <PlanEditor batchId="b1" view={view(SAVED)} onSaved={vi.fn()} />
    ));
    const headers = [...getByRole('table', { name: '组成部分' }).querySelectorAll('th')].map((th) => th.textContent);
    expect(headers).not.toContain('代码');
    expect(queryByLabelText('第 1 个组成部分 代码')).toBeNull();
    expect((getByLabelText('第 1 个组成部分 名称') as HTMLInputElement).value).toBe('理论知识');
    const shown = [...container.querySelectorAll('input')].map((i) => i.value);
    for (const code of ['theory', 'skill', 'plc', 'motor', 'enterprise']) expect(shown).not.toContain(code);
    expect(container.textContent).not.toMatch(/\b(theory|skill|practical|enterprise)\b/);
  });

  it('gives added parts and groups codes of their own', () => {
    const form = newPlanForm();
    expect(
      freshCode(
        'practical',
        form.components.map((c) => c.code),
      ),
    ).toBe('practical');
    expect(freshCode('practical', ['practical', 'practical2'])).toBe('practical3');
    expect(freshCode('group', [])).toBe('group');
  });

  it('opens a new plan without problems; a row says what is wrong once it was worked on, the rest on saving', async () => {
    fakeServer<Sent>({ 'POST /batches/b1/plan/check': () => [200, { problems: [] }] });
    const { getByLabelText, getByRole, queryByRole, container } = render(() => (
      <PlanEditor batchId="b1" view={view(null)} onSaved={vi.fn()} />
    ));
    expect(getByRole('status', { name: '方案检查' }).textContent).toBe('填写后自动检查方案');
    expect(queryByRole('list', { name: '方案问题' })).toBeNull();
    expect(container.querySelectorAll('tr.row-problems, [aria-invalid=true]')).toHaveLength(0);
    fireEvent.input(getByLabelText('第 1 个组成部分 权重'), { target: { value: 'x' } });
    expect(container.querySelectorAll('tr.row-problems')).toHaveLength(1);
    expect(getByLabelText('第 1 个组成部分 权重').getAttribute('aria-invalid')).toBe('true');
    fireEvent.click(getByRole('button', { name: '保存认定方案' }));
    expect(getByRole('status', { name: '方案检查' }).textContent).toMatch(/^方案还有 \d+ 处问题$/);
  });

  it('shows the server’s check at the field as it is typed, and reports a refused save with the reason', async () => {
    const calls = fakeServer<Sent>({
      'POST /batches/b1/plan/check': (body) => [
        200,
        {
          problems:
            body?.plan.components[1]?.weight === 60
              ? [
                  { field: '', message: '各组成部分权重合计为 90%，应为 100%' },
                  { field: 'components.1.passLine', message: '数值过大：期望 number <=100' },
                ]
              : [],
        },
      ],
      'PUT /batches/b1/plan': () => [
        400,
        {
          error: {
            code: 'invalid',
            message: '认定方案有 1 处问题：各组成部分权重合计为 90%，应为 100%',
            details: ['各组成部分权重合计为 90%，应为 100%'],
          },
        },
      ],
    });
    const saved = vi.fn();
    const { getByLabelText, findByText, getByRole, getByTestId } = render(() => (
      <PlanEditor batchId="b1" view={view(null)} onSaved={saved} />
    ));
    expect(getByTestId('current-plan').textContent).toContain('尚未设置认定方案');
    fireEvent.input(getByLabelText('第 1 个组成部分 权重'), { target: { value: '30' } });
    fireEvent.input(getByLabelText('第 2 个组成部分 权重'), { target: { value: '60' } });
    expect(getByTestId('weight-total').textContent).toBe('权重合计 90%');
    await findByText('数值过大：期望 number <=100');
    expect(getByRole('list', { name: '方案问题' }).textContent).toBe('各组成部分权重合计为 90%，应为 100%');
    expect(getByLabelText('第 2 个组成部分 合格线').getAttribute('aria-invalid')).toBe('true');
    fireEvent.click(getByRole('button', { name: '保存认定方案' }));
    expect((await findByText(/认定方案有 1 处问题/)).getAttribute('role')).toBe('alert');
    expect(saved).not.toHaveBeenCalled();
    expect(
      calls
        .filter((c) => c.method === 'POST')
        .at(-1)
        ?.body?.plan.components.map((c) => c.weight),
    ).toEqual([30, 60]);
  });
});

describe('eligibility', () => {
  it('counts every outcome and filters to the ineligible with their reasons', async () => {
    const lines: View = {
      asOf: '2026-09-22',
      lines: [
        {
          ticket: 'T1',
          name: '张三',
          result: {
            eligible: true,
            path: { kind: 'standard', description: '累计从事本职业工作 1 年以上' },
            reasons: [],
            evidence: [],
          },
        },
        {
          ticket: 'T2',
          name: '李四',
          result: { eligible: false, path: null, reasons: ['养老保险缴费 6 个月，不足 12 个月'], evidence: [] },
        },
        { ticket: 'T3', name: '王五', result: null },
      ],
      batchProblems: [],
    };
    fakeServer({ 'GET /batches/b1/results/eligibility': () => [200, lines] });
    const { findByTestId, getByRole, getByLabelText } = render(() => <EligibilityView batchId="b1" version={0} />);
    expect((await findByTestId('eligibility-counts')).textContent).toBe(
      '审核日期 2026-09-22：共 3 人，符合 1 人，不符合 1 人，未录入 1 人',
    );
    const table = getByRole('table', { name: '申报条件审核结果' });
    expect(table.querySelectorAll('tbody tr')).toHaveLength(3);
    fireEvent.change(getByLabelText('只看不符合'), { target: { checked: true } });
    expect([...table.querySelectorAll('tbody tr')].map((r) => r.textContent)).toEqual([
      'T2李四不符合养老保险缴费 6 个月，不足 12 个月',
    ]);
  });
});
