// The closing schedule of the sales journal. A shop's business day D is its local calendar date (its time zone);
// it closes automatically at cutoff(D): the end of D's last service (a range whose end is not after its start runs
// past midnight and ends on D+1) plus the closing delay (late deliveries), and at the latest on D+1 at the day
// start hour, when the next business day begins. A day without service (no hours, or an exceptional closure of
// the shop) closes at that latest time. Pure functions: the job and the manager's closure decide with them.
import {
  addDays,
  closureOn,
  localDate,
  localInstant,
  localTime,
  weekdayOf,
  type Closure,
  type OpeningHours,
} from '../pizzerias/index.js';

export interface ShopCalendar {
  timeZone: string;
  hours: OpeningHours;
  /** The shop's exceptional closures: no service on those dates. */
  closures: readonly Closure[];
}

export interface ClosingRules {
  closingDelayMinutes: number;
  dayStartHour: number;
}

const minuteOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** When the business day `date` (YYYY-MM-DD) of the shop closes automatically. */
export function cutoffOf(date: string, shop: ShopCalendar, rules: ClosingRules): Date {
  const latest = localInstant(addDays(date, 1), rules.dayStartHour * 60, shop.timeZone);
  if (closureOn(shop.closures, date)) return latest;
  const ranges = shop.hours[weekdayOf(date)] ?? [];
  if (ranges.length === 0) return latest;
  // Minutes from D's midnight at which its last service ends (past 1440 when it ends on D+1).
  const end = Math.max(
    ...ranges.map(([open, close]) => {
      const o = minuteOf(open);
      const c = minuteOf(close);
      return c > o ? c : c + 1440;
    }),
  );
  const ends =
    end >= 1440
      ? localInstant(addDays(date, 1), end - 1440, shop.timeZone)
      : localInstant(date, end, shop.timeZone);
  const cutoff = new Date(ends.getTime() + rules.closingDelayMinutes * 60_000);
  return cutoff.getTime() < latest.getTime() ? cutoff : latest;
}

/**
 * The business day at `at` (what « Clôturer la journée » closes): the local date, or the day before while the
 * local clocks read earlier than the day start hour. Read on the local clocks, so a DST change that night does
 * not move the boundary.
 */
export function businessDayAt(at: Date, timeZone: string, rules: Pick<ClosingRules, 'dayStartHour'>): string {
  const date = localDate(at, timeZone);
  return localTime(at, timeZone).minute < rules.dayStartHour * 60 ? addDays(date, -1) : date;
}

/** The last calendar day of a month (YYYY-MM). */
export function lastDayOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** When a month (YYYY-MM) may be closed: once its last day is. */
export const monthCutoff = (month: string, shop: ShopCalendar, rules: ClosingRules) =>
  cutoffOf(lastDayOfMonth(month), shop, rules);

/** When a fiscal year (the calendar year, YYYY) may be closed: once its last day is. */
export const yearCutoff = (year: string, shop: ShopCalendar, rules: ClosingRules) =>
  cutoffOf(`${year}-12-31`, shop, rules);

/**
 * The first business day, from `from` on, that holds entries of the journal not closed yet: the first whose
 * cutoff comes after the first unclosed entry (written at `firstEntryAt`). Its cutoff may still be ahead.
 */
export function firstDayToClose(
  from: string,
  firstEntryAt: Date,
  shop: ShopCalendar,
  rules: ClosingRules,
): { day: string; cutoff: Date } {
  let day = from;
  let cutoff = cutoffOf(day, shop, rules);
  // Cutoffs grow by about a day each: this stops after as many days as the journal was idle.
  while (cutoff.getTime() <= firstEntryAt.getTime()) {
    day = addDays(day, 1);
    cutoff = cutoffOf(day, shop, rules);
  }
  return { day, cutoff };
}
