import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  holidayDataYears,
  isWorkingDay,
  publicityStatus,
  publicityWindow,
  recordObjection,
  resolveObjection,
  type PublicityRecord,
} from './index.ts';

const days = (published: string, n = 5, countPublicationDay = false): readonly string[] => {
  const w = publicityWindow(published, n, countPublicationDay);
  if (!w.ok) throw new Error(w.error.zh);
  return w.value.days;
};

describe('working days with Chinese holidays and make-up workdays', () => {
  it('knows the holiday data the package ships and refuses years outside it', () => {
    expect(holidayDataYears()[0]).toBe(2004);
    expect(holidayDataYears().at(-1)).toBe(2026);
    const r = isWorkingDay('2027-03-01');
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error).toMatchObject({
        code: 'holiday_data_missing',
        zh: expect.stringContaining('没有 2027 年的法定节假日安排数据'),
      });
    expect(isWorkingDay('2003-06-02').ok).toBe(false);
  });

  // The Sunday before is a make-up workday, 10-01 to 10-08 are off, Saturday 10-11 works.
  it('counts across 国庆 2025', () => {
    expect(isWorkingDay('2025-09-28')).toEqual({ ok: true, value: true }); // 周日调休上班
    expect(isWorkingDay('2025-10-08')).toEqual({ ok: true, value: false });
    expect(isWorkingDay('2025-10-11')).toEqual({ ok: true, value: true }); // 周六调休上班
    expect(days('2025-09-26')).toEqual(['2025-09-28', '2025-09-29', '2025-09-30', '2025-10-09', '2025-10-10']);
    expect(days('2025-09-30')).toEqual(['2025-10-09', '2025-10-10', '2025-10-11', '2025-10-13', '2025-10-14']);
  });

  it('counts across 国庆 2026 with its Sunday 9-20 and Saturday 10-10 make-up days', () => {
    expect(days('2026-09-18')).toEqual(['2026-09-20', '2026-09-21', '2026-09-22', '2026-09-23', '2026-09-24']);
    expect(days('2026-09-29')).toEqual(['2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10', '2026-10-12']);
  });

  it('counts across 春节 2025 (1-28 to 2-4 off, Sunday 1-26 and Saturday 2-8 work)', () => {
    expect(days('2025-01-24')).toEqual(['2025-01-26', '2025-01-27', '2025-02-05', '2025-02-06', '2025-02-07']);
    expect(days('2025-02-05')).toEqual(['2025-02-06', '2025-02-07', '2025-02-08', '2025-02-10', '2025-02-11']);
  });

  it('counts across 春节 2026 (2-15 to 2-23 off, Saturdays 2-14 and 2-28 work)', () => {
    expect(days('2026-02-12')).toEqual(['2026-02-13', '2026-02-14', '2026-02-24', '2026-02-25', '2026-02-26']);
  });

  it('does not count the publication day unless told to', () => {
    expect(days('2025-09-29')[0]).toBe('2025-09-30');
    expect(days('2025-09-29', 5, true)[0]).toBe('2025-09-29');
  });

  it('refuses a window that runs into a year without data, and a window under 5 days', () => {
    const w = publicityWindow('2026-12-28');
    expect(w.ok).toBe(false);
    if (!w.ok) expect(w.error.code).toBe('holiday_data_missing');
    expect(publicityWindow('2025-03-03', 4)).toMatchObject({ ok: false, error: { zh: '公示期不得少于 5 个工作日' } });
  });

  it('adds working days for filing deadlines', () => {
    expect(addWorkingDays('2025-09-26', 10)).toEqual({ ok: true, value: '2025-10-16' });
  });
});

describe('publicity and objections', () => {
  const record: PublicityRecord = { publishedOn: '2025-09-26', workingDays: 5, objections: [] };
  const at = (iso: string): Date => new Date(iso);

  it('is open until the end of the last day, China time, then final with no objection', () => {
    const open = publicityStatus(record, at('2025-10-10T15:59:59Z')); // 23:59:59 in Beijing
    expect(open).toMatchObject({ ok: true, value: { state: 'open', daysLeft: 1, window: { lastDay: '2025-10-10' } } });
    expect(publicityStatus(record, at('2025-10-10T16:00:00Z'))).toMatchObject({
      ok: true,
      value: { state: 'final', daysLeft: 0 },
    });
  });

  it('holds the results while an objection is open, even after the window', () => {
    const raised = recordObjection(record, {
      id: 'o1',
      raisedAt: '2025-09-29T02:00:00Z',
      candidateId: 'c7',
      text: '实操成绩有误',
    });
    expect(raised.ok).toBe(true);
    if (!raised.ok) return;
    const after = at('2025-10-13T02:00:00Z');
    expect(publicityStatus(raised.value, after)).toMatchObject({
      ok: true,
      value: { state: 'awaiting_objections', openObjections: [{ id: 'o1' }] },
    });
    const resolution = {
      at: '2025-10-13T03:00:00Z',
      by: 'committee',
      outcome: 'dismissed',
      note: '复核评分表，成绩无误',
    } as const;
    const resolved = resolveObjection(raised.value, 'o1', resolution);
    expect(resolved.ok).toBe(true);
    if (!resolved.ok) return;
    expect(publicityStatus(resolved.value, after)).toMatchObject({ ok: true, value: { state: 'final' } });
    expect(resolveObjection(resolved.value, 'o1', resolution)).toMatchObject({
      ok: false,
      error: { code: 'objection_resolved' },
    });
    expect(resolveObjection(raised.value, 'o1', { ...resolution, note: '' })).toMatchObject({
      ok: false,
      error: { code: 'resolution_note_missing' },
    });
    expect(recordObjection(raised.value, { id: 'o1', raisedAt: '', text: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'objection_exists' },
    });
  });
});
