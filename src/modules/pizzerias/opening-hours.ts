// Opening hours as stored on a pizzeria: { mon: [["11:30","14:30"],["18:00","23:00"]], ... } in the shop's
// time zone. A range whose closing time is not after its opening time runs past midnight.
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export type OpeningHours = Partial<Record<Weekday, [string, string][]>>;

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

function minutes(hhmm: string): number {
  const m = HHMM.exec(hhmm);
  if (!m) throw new Error(`invalid time "${hhmm}"`);
  return Number(m[1]) * 60 + Number(m[2]);
}

// Building an Intl.DateTimeFormat costs ~0.1 ms (ICU loads the zone's rules); the menu and every placement ask
// for the local time, so one formatter per time zone is kept.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
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

export function isOpenAt(hours: OpeningHours, timeZone: string, at: Date): boolean {
  const { day, minute } = localTime(at, timeZone);
  const today = WEEKDAYS.indexOf(day);
  const yesterday = WEEKDAYS[(today + 6) % 7];
  for (const [open, close] of hours[day] ?? []) {
    const o = minutes(open);
    const c = minutes(close);
    if (c > o ? minute >= o && minute < c : minute >= o) return true;
  }
  for (const [open, close] of hours[yesterday] ?? []) {
    const c = minutes(close);
    if (c <= minutes(open) && minute < c) return true;
  }
  return false;
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
