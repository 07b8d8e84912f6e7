// A shop's hours as customers read them: « Fermée — ouvre aujourd'hui à 18:00 », today's ranges, and the week
// in a small « Horaires » disclosure with the exceptional closures. The server says when the shop opens
// (opensAt, after any closure); the page only words it.
import { h } from '../shared/dom';
import { closureOn, localDate, type Closure } from '../../../src/modules/pizzerias/opening-hours';
import { WEEK_FR } from '../../../src/shared/weekdays';

export type { Closure };

export interface ShopHours {
  name: string;
  timezone: string;
  isOpenNow: boolean;
  opensAt: string | null;
  todayHours: [string, string][];
  openingHours: Record<string, [string, string][]>;
  /** Closures not over yet (the API lists them; older pages may lack them). */
  closures?: Closure[];
}

export const ranges = (list: [string, string][] | undefined) =>
  list?.length ? list.map(([a, b]) => `${a}–${b}`).join(', ') : 'fermée';

/** The local calendar day of `at` in the shop's zone, as a number of days (to tell today from tomorrow). */
function dayNumber(at: Date, timeZone: string): number {
  return Date.parse(`${localDate(at, timeZone)}T00:00:00Z`) / 86_400_000;
}

const longDate = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'UTC',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
});
const dayOf = (iso: string) => longDate.format(new Date(`${iso}T12:00:00Z`));

/** « le mardi 8 décembre » or « du mardi 8 décembre au mercredi 9 décembre ». */
export const closureSpan = (c: Closure) =>
  c.from === c.to ? `le ${dayOf(c.from)}` : `du ${dayOf(c.from)} au ${dayOf(c.to)}`;

/** The closure the shop is in today (its local date), if any. */
export function closureToday(shop: ShopHours): Closure | undefined {
  return closureOn(shop.closures ?? [], localDate(new Date(), shop.timezone));
}

/** « ouvre aujourd'hui à 18:00 », « ouvre demain à 11:30 », « ouvre lundi à 11:30 », or null when never. */
export function opensLabel(shop: ShopHours): string | null {
  if (!shop.opensAt) return null;
  const at = new Date(shop.opensAt);
  const hour = new Intl.DateTimeFormat('fr-FR', {
    timeZone: shop.timezone,
    hour: '2-digit',
    minute: '2-digit',
  }).format(at);
  const days = dayNumber(at, shop.timezone) - dayNumber(new Date(), shop.timezone);
  // Beyond a week (after a long closure) the weekday alone would be ambiguous: the date is given.
  const day =
    days <= 0
      ? 'aujourd’hui'
      : days === 1
        ? 'demain'
        : days < 7
          ? new Intl.DateTimeFormat('fr-FR', { timeZone: shop.timezone, weekday: 'long' }).format(at)
          : `le ${new Intl.DateTimeFormat('fr-FR', { timeZone: shop.timezone, weekday: 'long', day: 'numeric', month: 'long' }).format(at)}`;
  return `ouvre ${day} à ${hour}`;
}

/**
 * « Ouverte », « Fermée — ouvre demain à 11:30 », « Fermée (Fermeture annuelle) — ouvre jeudi à 11:30 » during
 * a closure (« Fermée pour le moment » without a next opening).
 */
export function openStatus(shop: ShopHours): string {
  if (shop.isOpenNow) return 'Ouverte';
  const closure = closureToday(shop);
  const closed = closure ? `Fermée (${closure.reason})` : 'Fermée';
  const opens = opensLabel(shop);
  return opens ? `${closed} — ${opens}` : `${closed} pour le moment`;
}

/** « Fermeture exceptionnelle du mardi 8 décembre au mercredi 9 décembre : Fermeture annuelle », one per line. */
function closureList(shop: ShopHours): HTMLElement | null {
  const closures = shop.closures ?? [];
  if (closures.length === 0) return null;
  return h(
    'div.closures',
    { 'data-testid': 'closures' },
    h('p', h('strong', 'Fermetures exceptionnelles')),
    h(
      'ul',
      closures.map((c) => h('li', `${closureSpan(c).replace(/^./, (x) => x.toUpperCase())} : ${c.reason}`)),
    ),
  );
}

/** The week's hours behind a « Horaires » summary (native disclosure: keyboard and screen readers for free). */
export function hoursDisclosure(shop: ShopHours): HTMLElement {
  return h(
    'details.hours',
    // Open when a closure is coming: customers should not have to look for it.
    shop.closures?.length ? { open: true } : {},
    h('summary', 'Horaires'),
    h(
      'table',
      { 'aria-label': `Horaires de ${shop.name}` },
      h(
        'tbody',
        WEEK_FR.map(([key, label]) =>
          h('tr', h('th', { scope: 'row' }, label), h('td', ranges(shop.openingHours[key]))),
        ),
      ),
    ),
    closureList(shop),
  );
}
