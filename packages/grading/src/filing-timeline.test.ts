import { describe, expect, it } from 'vitest';
import { FILING_PRESETS, filingTimeline, type FilingRules } from './filing-timeline.ts';

// Reference: the State Council's 2026 holiday notice (国办发明电〔2025〕7号): 春节 2月15日至23日放假调休，共9天；
// 2月14日（周六）、2月28日（周六）上班. Dates below were counted by hand on a calendar from that notice.
const due = (rules: FilingRules, examFirstDay: string, examLastDay = examFirstDay, today = '2026-01-05') => {
  const t = filingTimeline({ rules, examFirstDay, examLastDay, done: {}, today });
  if (!t.ok) throw new Error(t.error.zh);
  return Object.fromEntries(t.value.map((s) => [s.step, s.dueOn]));
};

describe('the filing timeline in Chinese working days', () => {
  it('counts plan filing back across the Spring Festival, with its 调休 Saturdays as working days', () => {
    // Exam Monday 2 March 2026: Saturday 28 Feb is a working day, 15–23 Feb are not, Saturday 14 Feb is.
    expect(due(FILING_PRESETS.jiangmen.rules, '2026-03-02').plan_filed).toBe('2026-02-24');
    expect(due(FILING_PRESETS.hefei.rules, '2026-03-02').plan_filed).toBe('2026-02-10');
    expect(due(FILING_PRESETS.sichuan.rules, '2026-03-02').plan_filed).toBe('2026-02-03');
    expect(due(FILING_PRESETS.hefei.rules, '2026-03-02').candidate_list).toBe('2026-02-24');
    // Nanxun's document sets no plan-filing deadline.
    expect(due(FILING_PRESETS.nanxun.rules, '2026-03-02').plan_filed).toBeNull();
  });

  it('counts results filing from the publicity’s end, forward across the festival', () => {
    // Exam 11 Feb; publicity 12, 13, 14 (Sat, 调休), 24, 25 Feb; Hefei 10 working days → 10 March, Jiangmen 20 → 24 March.
    const hefei = filingTimeline({
      rules: FILING_PRESETS.hefei.rules,
      examFirstDay: '2026-02-11',
      examLastDay: '2026-02-11',
      done: {},
      today: '2026-02-11',
    });
    expect(hefei.ok && hefei.value.find((s) => s.step === 'results_filed')).toMatchObject({
      dueOn: '2026-03-10',
      estimated: true,
    });
    expect(due(FILING_PRESETS.jiangmen.rules, '2026-02-11').results_filed).toBe('2026-03-24');
    // Once published, from the real window's end.
    const published = filingTimeline({
      rules: FILING_PRESETS.hefei.rules,
      examFirstDay: '2026-02-11',
      examLastDay: '2026-02-11',
      publicity: { firstDay: '2026-02-24', lastDay: '2026-03-02' },
      done: {},
      today: '2026-03-01',
    });
    expect(published.ok && published.value.find((s) => s.step === 'results_filed')).toMatchObject({
      dueOn: '2026-03-16',
      estimated: false,
    });
  });

  it('marks steps done, late or overdue', () => {
    const t = filingTimeline({
      rules: FILING_PRESETS.hefei.rules,
      examFirstDay: '2026-03-02',
      examLastDay: '2026-03-02',
      done: { plan_filed: { on: '2026-02-11', by: 'admin' } },
      today: '2026-02-25',
    });
    expect(t.ok && t.value.map((s) => [s.step, s.state])).toEqual([
      ['plan_filed', 'late'],
      ['candidate_list', 'overdue'],
      ['results_publicity', 'pending'],
      ['results_filed', 'pending'],
    ]);
    const onTime = filingTimeline({
      rules: FILING_PRESETS.hefei.rules,
      examFirstDay: '2026-03-02',
      examLastDay: '2026-03-02',
      done: { plan_filed: { on: '2026-02-10', by: 'admin' } },
      today: '2026-02-25',
    });
    expect(onTime.ok && onTime.value[0]?.state).toBe('done');
  });

  it('refuses to count in a year without holiday data', () => {
    const t = filingTimeline({
      rules: FILING_PRESETS.hefei.rules,
      examFirstDay: '2027-03-01',
      examLastDay: '2027-03-01',
      done: {},
      today: '2027-01-04',
    });
    expect(t).toMatchObject({ ok: false, error: { code: 'holiday_data_missing' } });
    expect(!t.ok && t.error.zh).toMatch(/没有 2027 年的法定节假日安排数据/);
  });
});
