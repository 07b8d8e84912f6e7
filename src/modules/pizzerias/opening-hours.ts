// Opening hours as stored on a pizzeria: { mon: [["11:30","14:30"],["18:00","23:00"]], ... } in the shop's
// time zone. A range whose closing time is not after its opening time runs past midnight.
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export type OpeningHours = Partial<Record<Weekday, [string, string][]>>;

/**
 * An exceptional closure (holidays, « Fermeture annuelle »): the local dates `from`..`to` (YYYY-MM-DD, both
 * included). A closed date has none of its ranges; a range of the day before that runs past midnight still
 * ends as usual (it is that day's evening service).
 */
export interface Closure {
  from: string;
  to: string;
  reason: string;
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

function minutes(hhmm: string): number {
  const m = HHMM.exec(hhmm);
  if (!m) throw new Error(`invalid time "${hhmm}"`);
  return Number(m[1]) * 60 + Number(m[2]);
}

// Building an Intl.DateTimeFormat costs ~0.1 ms (ICU loads the zone's rules); the menu and every placement ask
// for the local time, so one formatter per time zone (and per set of fields) is kept.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string, fields: 'weekday' | 'date' = 'weekday'): Intl.DateTimeFormat {
  const key = `${fields} ${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    const day: Intl.DateTimeFormatOptions =
      fields === 'weekday' ? { weekday: 'short' } : { year: 'numeric', month: '2-digit', day: '2-digit' };
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      ...day,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(key, formatter);
  }
  return formatter;
}

// formatToParts still costs ~30 µs a call, and every menu and placement asks: the last answer per time zone is
// kept for the UTC second it was asked in. Zone offsets are whole seconds, so the local minute cannot change
// within one UTC second.
const lastAnswer = new Map<string, { second: number; day: Weekday; minute: number }>();

/** Local weekday and minutes since midnight of `at` in `timeZone`. */
export function localTime(at: Date, timeZone: string): { day: Weekday; minute: number } {
  const second = Math.floor(at.getTime() / 1000);
  const last = lastAnswer.get(timeZone);
  if (last?.second === second) return { day: last.day, minute: last.minute };
  const parts = formatterFor(timeZone).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = get('weekday').toLowerCase().slice(0, 3) as Weekday;
  const minute = Number(get('hour')) * 60 + Number(get('minute'));
  if (Number.isFinite(second)) lastAnswer.set(timeZone, { second, day, minute });
  return { day, minute };
}

export function isOpenAt(
  hours: OpeningHours,
  timeZone: string,
  at: Date,
  closures: readonly Closure[] = [],
): boolean {
  const { day, minute } = localTime(at, timeZone);
  const today = WEEKDAYS.indexOf(day);
  const yesterday = WEEKDAYS[(today + 6) % 7];
  // The calendar date (~30 µs) is only worked out near a closure: the menu and every slot ask.
  const date = closureNear(closures, at) ? localDate(at, timeZone) : '';
  const closedToday = date !== '' && closureOn(closures, date) !== undefined;
  const closedYesterday = date !== '' && closureOn(closures, addDays(date, -1)) !== undefined;
  for (const [open, close] of closedToday ? [] : (hours[day] ?? [])) {
    const o = minutes(open);
    const c = minutes(close);
    if (c > o ? minute >= o && minute < c : minute >= o) return true;
  }
  for (const [open, close] of closedYesterday ? [] : (hours[yesterday] ?? [])) {
    const c = minutes(close);
    if (c <= minutes(open) && minute < c) return true;
  }
  return false;
}

/**
 * Whether a closure may concern `at` or its local day before: any zone's local date is within a day of the UTC
 * date, so closures more than two days away are ruled out on the UTC date alone (string comparisons).
 */
function closureNear(closures: readonly Closure[], at: Date): boolean {
  if (closures.length === 0) return false;
  const utc = at.toISOString().slice(0, 10);
  const [from, to] = [addDays(utc, -2), addDays(utc, 1)];
  return closures.some((c) => c.to >= from && c.from <= to);
}

/** The closure covering the local date (YYYY-MM-DD), if any. */
export function closureOn(closures: readonly Closure[], date: string): Closure | undefined {
  return closures.find((c) => c.from <= date && date <= c.to);
}

/** The closures not over yet on the local date `today`, by start date (what customers are told about). */
export function upcomingClosures(closures: readonly Closure[], today: string): Closure[] {
  return closures.filter((c) => c.to >= today).sort((a, b) => a.from.localeCompare(b.from));
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A list of closures as stored (the back office's service checks more, with French messages). */
export function isValidClosures(value: unknown): value is Closure[] {
  return (
    Array.isArray(value) &&
    value.every(
      (c) =>
        c &&
        typeof c === 'object' &&
        typeof c.from === 'string' &&
        ISO_DATE.test(c.from) &&
        typeof c.to === 'string' &&
        ISO_DATE.test(c.to) &&
        c.from <= c.to &&
        typeof c.reason === 'string',
    )
  );
}

export function isValidOpeningHours(value: unknown): value is OpeningHours {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.entries(value).every(
    ([day, ranges]) =>
      (WEEKDAYS as readonly string[]).includes(day) &&
      Array.isArray(ranges) &&
      ranges.every(
        (r) => Array.isArray(r) && r.length === 2 && r.every((t) => typeof t === 'string' && HHMM.test(t)),
      ),
  );
}

// The next opening needs calendar dates in the shop's zone (weekday and minutes are not enough to step from day
// to day): asked only for closed shops.
function localParts(at: Date, timeZone: string): { y: number; m: number; d: number; minute: number } {
  const formatter = formatterFor(timeZone, 'date');
  const parts = formatter.formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { y: get('year'), m: get('month'), d: get('day'), minute: get('hour') * 60 + get('minute') };
}

// en-CA formats a date as YYYY-MM-DD; one formatter per time zone (building one costs ~0.1 ms).
const dateFormatters = new Map<string, Intl.DateTimeFormat>();

/** The shop's local calendar date of `at`, as YYYY-MM-DD. */
export function localDate(at: Date, timeZone: string): string {
  let f = dateFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormatters.set(timeZone, f);
  }
  return f.format(at);
}

/** The calendar date `days` after `date` (YYYY-MM-DD). */
export const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Minutes `timeZone` is ahead of UTC at `at` (Paris: 60 in winter, 120 in summer). */
function offsetMinutes(at: Date, timeZone: string): number {
  const { y, m, d, minute } = localParts(at, timeZone);
  const wholeMinute = Math.floor(at.getTime() / 60_000) * 60_000;
  return Math.round((Date.UTC(y, m - 1, d, 0, minute) - wholeMinute) / 60_000);
}

/**
 * The instant the clocks of `timeZone` read `minute` on the local date y-m-d. The offset is read twice because
 * the first guess may fall on the other side of a DST change; a time the spring change skips (02:30) comes out
 * as the clocks read an hour later (03:30).
 */
function zonedInstant(y: number, m: number, d: number, minute: number, timeZone: string): Date {
  const asUtc = Date.UTC(y, m - 1, d, 0, minute);
  const first = asUtc - offsetMinutes(new Date(asUtc), timeZone) * 60_000;
  return new Date(asUtc - offsetMinutes(new Date(first), timeZone) * 60_000);
}

/** The instant the clocks of `timeZone` read `minute` minutes after midnight of the local date (YYYY-MM-DD);
 * `minute` may run past 24 h (a service ending after midnight). */
export function localInstant(date: string, minute: number, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return zonedInstant(y, m, d, minute, timeZone);
}

/** The weekday of a calendar date (YYYY-MM-DD). */
export const weekdayOf = (date: string): Weekday => WEEKDAYS[new Date(`${date}T12:00:00Z`).getUTCDay()];

// How far ahead the next opening is looked for: a week past the longest closure anyone plans (a year).
const HORIZON_DAYS = 366 + 7;

/**
 * The next time the shop opens after `at`: null while it is open, or when no range is left in the horizon (no
 * hours at all, or closed for more than a year). Closed dates are skipped.
 */
export function nextOpening(
  hours: OpeningHours,
  timeZone: string,
  at: Date,
  closures: readonly Closure[] = [],
): Date | null {
  if (isOpenAt(hours, timeZone, at, closures)) return null;
  if (!WEEKDAYS.some((day) => (hours[day] ?? []).length > 0)) return null;
  const today = localParts(at, timeZone);
  for (let k = 0; k <= HORIZON_DAYS; k += 1) {
    const date = new Date(Date.UTC(today.y, today.m - 1, today.d + k));
    if (closures.length > 0 && closureOn(closures, date.toISOString().slice(0, 10))) continue;
    const ranges = hours[WEEKDAYS[date.getUTCDay()]] ?? [];
    const opens = ranges
      .map(([open]) =>
        zonedInstant(
          date.getUTCFullYear(),
          date.getUTCMonth() + 1,
          date.getUTCDate(),
          minutes(open),
          timeZone,
        ),
      )
      .filter((instant) => instant.getTime() > at.getTime())
      .sort((a, b) => a.getTime() - b.getTime());
    if (opens.length > 0) return opens[0];
  }
  return null;
}

/** The ranges of the shop's local day at `at` (what « aujourd'hui » means to its customers): none when closed. */
export function hoursOfDay(
  hours: OpeningHours,
  timeZone: string,
  at: Date,
  closures: readonly Closure[] = [],
): [string, string][] {
  if (closureNear(closures, at) && closureOn(closures, localDate(at, timeZone))) return [];
  return hours[localTime(at, timeZone).day] ?? [];
}
