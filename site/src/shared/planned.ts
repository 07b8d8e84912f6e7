// How every page writes the planned time of an order for later (customer tracking, staff screens).
import { time } from './dom';

const DAY = new Intl.DateTimeFormat('fr-FR', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  timeZone: 'Europe/Paris',
});
const parisDate = (d: Date) => d.toLocaleDateString('fr-CA', { timeZone: 'Europe/Paris' });

/** « Prévue pour 19:30 » (today), else « Prévue pour le mardi 8 décembre à 12:30 ». */
export function planned(iso: string): string {
  const at = new Date(iso);
  return parisDate(at) === parisDate(new Date())
    ? `Prévue pour ${time(iso)}`
    : `Prévue pour le ${DAY.format(at)} à ${time(iso)}`;
}
