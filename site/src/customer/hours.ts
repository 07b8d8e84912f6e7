// A shop's hours as customers read them: « Fermée — ouvre aujourd'hui à 18:00 », today's ranges, and the week
// in a small « Horaires » disclosure. The server says when the shop opens (opensAt); the page only words it.
import { h } from '../shared/dom';

export interface ShopHours {
  name: string;
  timezone: string;
  isOpenNow: boolean;
  opensAt: string | null;
  todayHours: [string, string][];
  openingHours: Record<string, [string, string][]>;
}

const WEEK: [string, string][] = [
  ['mon', 'Lundi'],
  ['tue', 'Mardi'],
  ['wed', 'Mercredi'],
  ['thu', 'Jeudi'],
  ['fri', 'Vendredi'],
  ['sat', 'Samedi'],
  ['sun', 'Dimanche'],
];

export const ranges = (list: [string, string][] | undefined) =>
  list?.length ? list.map(([a, b]) => `${a}–${b}`).join(', ') : 'fermée';

/** The local calendar day of `at` in the shop's zone, as a number of days (to tell today from tomorrow). */
function dayNumber(at: Date, timeZone: string): number {
  const [y, m, d] = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
    .format(at)
    .split('-')
    .map(Number);
  return Date.UTC(y, m - 1, d) / 86_400_000;
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
  const day =
    days <= 0
      ? 'aujourd’hui'
      : days === 1
        ? 'demain'
        : new Intl.DateTimeFormat('fr-FR', { timeZone: shop.timezone, weekday: 'long' }).format(at);
  return `ouvre ${day} à ${hour}`;
}

/** « Ouverte » or « Fermée — ouvre demain à 11:30 » (« Fermée pour le moment » without a next opening). */
export function openStatus(shop: ShopHours): string {
  if (shop.isOpenNow) return 'Ouverte';
  const opens = opensLabel(shop);
  return opens ? `Fermée — ${opens}` : 'Fermée pour le moment';
}

/** The week's hours behind a « Horaires » summary (native disclosure: keyboard and screen readers for free). */
export function hoursDisclosure(shop: ShopHours): HTMLElement {
  return h(
    'details.hours',
    h('summary', 'Horaires'),
    h(
      'table',
      { 'aria-label': `Horaires de ${shop.name}` },
      h(
        'tbody',
        WEEK.map(([key, label]) =>
          h('tr', h('th', { scope: 'row' }, label), h('td', ranges(shop.openingHours[key]))),
        ),
      ),
    ),
  );
}
