import { err, ok, type Problem, type Result } from '@kaowu/domain';
// The package's published per-day data (documented in its README). Its date functions parse
// 'YYYY-MM-DD' as UTC but read it back in local time, which shifts every day by one west of UTC
// (verified with TZ=America/New_York); reading the data directly is exact in every time zone.
import calendar from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { addDays, weekday } from './dates.ts';

const holidays: Readonly<Record<string, string>> = calendar.holidays;
const makeUpWorkdays: Readonly<Record<string, string>> = calendar.workdays;

/** Years the package has the State Council's holiday arrangement for (every such year has holidays). */
const coveredYears: ReadonlySet<number> = new Set(Object.keys(holidays).map((d) => Number(d.slice(0, 4))));

export const holidayDataYears = (): number[] => [...coveredYears].sort((a, b) => a - b);

/** Why working days cannot be counted; the services translate each into an error code. */
export type WorkingDaysProblemCode = 'holiday_data_missing' | 'working_days_overflow';
export type WorkingDaysProblem = Problem<WorkingDaysProblemCode>;

const noData = (year: number): WorkingDaysProblem => {
  const years = holidayDataYears();
  return {
    code: 'holiday_data_missing',
    zh:
      `没有 ${year} 年的法定节假日安排数据（现有 ${years[0]}–${years.at(-1)} 年），` +
      '无法计算工作日，请升级 chinese-days',
    en: `no holiday data for ${year} (have ${years[0]}-${years.at(-1)}); cannot count working days`,
  };
};

/** A working day: Monday–Friday not an official holiday, or a make-up workday (调休上班). */
export function isWorkingDay(date: string): Result<boolean, WorkingDaysProblem> {
  const year = Number(date.slice(0, 4));
  if (!coveredYears.has(year)) return err(noData(year));
  if (makeUpWorkdays[date] !== undefined) return ok(true);
  if (holidays[date] !== undefined) return ok(false);
  const day = weekday(date);
  return ok(day >= 1 && day <= 5);
}

/**
 * The `count` working days after `from` (from itself is not counted: 民法典 第二百零一条, a period
 * counted in days starts the next day), refusing any year the package has no data for.
 */
export function workingDaysAfter(from: string, count: number): Result<string[], WorkingDaysProblem> {
  const days: string[] = [];
  // A year never has more than ~30 days off in a row, so this bound only stops runaway input.
  for (let date = addDays(from, 1), guard = 0; days.length < count; date = addDays(date, 1), guard++) {
    if (guard > count * 7 + 60)
      return err({ code: 'working_days_overflow', zh: '工作日计算超出范围', en: 'working day search ran away' });
    const working = isWorkingDay(date);
    if (!working.ok) return working;
    if (working.value) days.push(date);
  }
  return ok(days);
}

/** Deadline `count` working days after `from` (e.g. filing 10 working days ahead, results within 20). */
export function addWorkingDays(from: string, count: number): Result<string, WorkingDaysProblem> {
  if (count === 0) return ok(from);
  const days = workingDaysAfter(from, count);
  return days.ok ? ok(days.value.at(-1) ?? from) : days;
}

/**
 * The `count`th working day before `date` (date itself not counted): a step due "N working days before the exam"
 * is due on this day, so that the exam is the Nth working day after it (`addWorkingDays` the other way round).
 */
export function workingDayBefore(date: string, count: number): Result<string, WorkingDaysProblem> {
  let found = 0;
  for (let day = addDays(date, -1), guard = 0; ; day = addDays(day, -1), guard++) {
    if (guard > count * 7 + 60)
      return err({ code: 'working_days_overflow', zh: '工作日计算超出范围', en: 'working day search ran away' });
    const working = isWorkingDay(day);
    if (!working.ok) return working;
    if (working.value && ++found === count) return ok(day);
  }
}
