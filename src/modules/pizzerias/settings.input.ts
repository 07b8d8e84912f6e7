// A shop's operational settings as staff type them in the back office (« Réglages de la pizzeria »), read into
// what is stored: weekly hours and closures checked with French messages, the delivery radius in metres (« 3 km »,
// « 2,5 km », « 2500 m »), amounts in integer cents (« 2,50 € », comma or dot), minutes and counts as integers.
// Every problem found is reported at once (one 422 listing them), never a 500.
import { ValidationError } from '../../shared/errors.js';
import { eurosInput, parseEuros } from '../../shared/money.js';
import { WEEK_FR } from '../../shared/weekdays.js';
import { WEEKDAYS, type Closure, type OpeningHours, type Weekday } from './opening-hours.js';
import type { SettingsUpdate } from './pizzerias.repository.js';

export const DAY_NAMES = Object.fromEntries(WEEK_FR) as Record<Weekday, string>;

/** What a manager may change; identity fields (code, name, address, position, active) are the group admin's. */
export const SETTINGS_FIELDS = [
  'openingHours',
  'closures',
  'deliveryRadius',
  'deliveryFee',
  'minOrder',
  'freeThreshold',
  'prepMinutes',
  'slotCapacity',
] as const;
export type SettingsField = (typeof SETTINGS_FIELDS)[number];

/** What a manager's form asks to change: the repository's update, keys absent when untouched. */
export type ShopSettingsChange = SettingsUpdate;

interface Problem {
  field: SettingsField | string;
  message: string;
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
/** A range may end after midnight (a late service), up to this time of the next morning. */
const LATEST_PAST_MIDNIGHT = '06:00';
const MAX_RANGES_PER_DAY = 4;
/** 00:00–00:00 is the whole day (round the clock), the only range of its day. */
const ALL_DAY = '00:00';
const MAX_CLOSURES = 60;
const MAX_CLOSURE_DAYS = 366;

/** « 24/12/2026 » as people write it. */
export const frenchDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** JSON text (what a form posts) or the value itself (what a caller in code passes). */
function jsonValue(raw: unknown, field: string, problems: Problem[]): unknown {
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw);
  } catch {
    problems.push({ field, message: 'Valeur illisible : rechargez la page et recommencez.' });
    return undefined;
  }
}

/** « 11:30 », « 9:30 », « 11h30 », « 11 h » as HH:MM; anything else is left as it is (and refused). */
function readTime(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  const m = /^(\d{1,2})\s*[:hH]\s*(\d{2})?$/.exec(raw.trim());
  return m ? `${m[1].padStart(2, '0')}:${m[2] ?? '00'}` : raw.trim();
}

function readHours(raw: unknown, problems: Problem[]): OpeningHours | undefined {
  const value = jsonValue(raw, 'openingHours', problems);
  if (value === undefined) return undefined;
  const fail = (message: string) => problems.push({ field: 'openingHours', message });
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    fail('Horaires illisibles : une liste de plages par jour de la semaine est attendue.');
    return undefined;
  }
  const hours: OpeningHours = {};
  for (const [day, ranges] of Object.entries(value)) {
    if (!(WEEKDAYS as readonly string[]).includes(day)) {
      fail(`Jour inconnu « ${day} ».`);
      continue;
    }
    const name = DAY_NAMES[day as Weekday];
    if (!Array.isArray(ranges) || ranges.length > MAX_RANGES_PER_DAY) {
      fail(`${name} : ${MAX_RANGES_PER_DAY} plages au plus.`);
      continue;
    }
    const good: [string, string][] = [];
    for (const range of ranges as unknown[]) {
      const [open, close] = (Array.isArray(range) ? (range as unknown[]) : []).map(readTime);
      if (typeof open !== 'string' || typeof close !== 'string' || !HHMM.test(open) || !HHMM.test(close)) {
        fail(
          `${name} : indiquez l’ouverture et la fermeture en heures et minutes (par exemple 11:30 et 14:30).`,
        );
      } else if (open === close && open !== ALL_DAY) {
        fail(`${name} : la fermeture (${close}) doit être après l’ouverture (${open}).`);
      } else if (close < open && close > LATEST_PAST_MIDNIGHT) {
        fail(
          `${name} : la fermeture (${close}) doit être après l’ouverture (${open}) — ou après minuit, ` +
            `au plus tard à ${LATEST_PAST_MIDNIGHT}.`,
        );
      } else good.push([open, close]);
    }
    good.sort(([a], [b]) => a.localeCompare(b));
    if (good.length > 1 && good.some(([o, c]) => o === ALL_DAY && c === ALL_DAY)) {
      fail(`${name} : 00:00–00:00 (toute la journée) est la seule plage de sa journée.`);
    }
    for (let i = 1; i < good.length; i += 1) {
      const [prevOpen, prevClose] = good[i - 1];
      const pastMidnight = prevClose < prevOpen;
      if (pastMidnight || toMinutes(good[i][0]) < toMinutes(prevClose)) {
        fail(
          `${name} : les plages ${prevOpen}–${prevClose} et ${good[i][0]}–${good[i][1]} se chevauchent` +
            (pastMidnight ? ' (seule la dernière plage du jour peut finir après minuit).' : '.'),
        );
      }
    }
    if (good.length > 0) hours[day as Weekday] = good;
  }
  // A service past midnight must be over before the next day's first opening.
  for (const [i, day] of WEEKDAYS.entries()) {
    const last = hours[day]?.at(-1);
    const next = WEEKDAYS[(i + 1) % 7];
    const first = hours[next]?.[0];
    if (last && first && last[1] < last[0] && first[0] < last[1]) {
      fail(
        `${DAY_NAMES[day]} : la plage ${last[0]}–${last[1]} finit après l’ouverture de ${DAY_NAMES[next].toLowerCase()} (${first[0]}).`,
      );
    }
  }
  return hours;
}

/** YYYY-MM-DD (what a date input posts) or DD/MM/YYYY (what people type); null when not a real date. */
function readDate(text: unknown): string | null {
  if (typeof text !== 'string') return null;
  const t = text.trim();
  const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  const iso = fr ? `${fr[3]}-${fr[2].padStart(2, '0')}-${fr[1].padStart(2, '0')}` : t;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return null;
  const date = new Date(`${iso}T12:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : null;
}

function readClosures(raw: unknown, today: string, problems: Problem[]): Closure[] | undefined {
  const value = jsonValue(raw, 'closures', problems);
  if (value === undefined) return undefined;
  const fail = (message: string) => problems.push({ field: 'closures', message });
  if (!Array.isArray(value) || value.length > MAX_CLOSURES) {
    fail(`Fermetures illisibles : une liste de ${MAX_CLOSURES} fermetures au plus est attendue.`);
    return undefined;
  }
  const closures: Closure[] = [];
  for (const item of value as unknown[]) {
    const entry = (item && typeof item === 'object' ? item : {}) as Record<string, unknown>;
    const from = readDate(entry.from);
    const toText = typeof entry.to === 'string' ? entry.to.trim() : '';
    const to = toText === '' ? from : readDate(toText);
    const reason = typeof entry.reason === 'string' ? entry.reason.trim() : '';
    if (!from) {
      fail('Fermeture : indiquez le premier jour fermé (JJ/MM/AAAA).');
      continue;
    }
    const label = `Fermeture du ${frenchDate(from)}`;
    if (!to) fail(`${label} : le dernier jour fermé n’est pas une date (JJ/MM/AAAA).`);
    else if (to < from) fail(`${label} : le dernier jour (${frenchDate(to)}) est avant le premier.`);
    else if ((Date.parse(to) - Date.parse(from)) / 86_400_000 >= MAX_CLOSURE_DAYS)
      fail(`${label} : ${MAX_CLOSURE_DAYS} jours au plus.`);
    else if (reason === '' || reason.length > 120)
      fail(`${label} : indiquez le motif (par exemple « Fermeture annuelle »), 120 caractères au plus.`);
    // A closure already over is dropped: customers are never told about it again.
    else if (to >= today) closures.push({ from, to, reason });
  }
  return closures.sort((a, b) => a.from.localeCompare(b.from));
}

const text = (raw: unknown) =>
  (typeof raw === 'string' ? raw : raw === undefined || raw === null ? '' : String(raw))
    // Thousands separators: « 2 500 m » (space, no-break space, narrow no-break space).
    .replace(/(\d)[\s\u00a0\u202f](?=\d{3}\b)/g, '$1')
    .trim();

/** « 3 km », « 2,5 km », « 2500 m », « 2500 » (metres) → metres; null when unreadable. */
export function parseRadius(raw: unknown): number | null {
  const m = /^(\d{1,6}(?:[.,]\d{1,3})?)\s*(km|m)?$/i.exec(text(raw));
  if (!m) return null;
  const n = Number(m[1].replace(',', '.'));
  const metres = m[2]?.toLowerCase() === 'km' ? Math.round(n * 1000) : n;
  return Number.isInteger(metres) ? metres : null;
}

/** 3000 → « 3 km », 2500 → « 2,5 km », 750 → « 750 m »: how the form shows a radius. */
export function formatRadius(metres: number): string {
  if (metres < 1000 || metres % 100 !== 0) return `${metres} m`;
  return `${String(metres / 1000).replace('.', ',')} km`;
}

/** 250 → « 2,50 »: how the form shows an amount (the € sign sits beside the input); empty for none. */
export const formatEurosInput = (cents: number | null) => (cents === null ? '' : eurosInput(cents));

function readInteger(raw: unknown, min: number, max: number): number | null {
  const t = text(raw);
  if (!/^\d{1,6}$/.test(t)) return null;
  const n = Number(t);
  return n >= min && n <= max ? n : null;
}

const EUROS_HINT = 'un montant en euros est attendu, par exemple 2,50 (virgule ou point)';

/**
 * Reads the posted settings: only the fields given are changed; any other field is refused (identity fields
 * are the group admin's). `today` is the shop's local date (closures already over are dropped).
 */
export function readSettings(payload: Record<string, unknown>, today: string): ShopSettingsChange {
  const problems: Problem[] = [];
  const foreign = Object.keys(payload).filter((k) => !(SETTINGS_FIELDS as readonly string[]).includes(k));
  if (foreign.length > 0) {
    throw new ValidationError(
      `Ces champs ne se modifient pas ici : ${foreign.join(', ')}. Le code, le nom, l’adresse, la position et ` +
        'l’activité de la pizzeria relèvent de l’administrateur du groupe.',
      { fields: foreign },
      'settings_field_not_editable',
    );
  }
  const has = (field: SettingsField) => field in payload;
  const change: ShopSettingsChange = {};
  if (has('openingHours')) change.openingHours = readHours(payload.openingHours, problems);
  if (has('closures')) change.closures = readClosures(payload.closures, today, problems);
  if (has('deliveryRadius')) {
    const m = parseRadius(payload.deliveryRadius);
    if (m === null || m < 100 || m > 50_000) {
      problems.push({
        field: 'deliveryRadius',
        message:
          'Rayon de livraison : écrivez par exemple « 3 km », « 2,5 km » ou « 2500 m » (entre 100 m et 50 km).',
      });
    } else change.deliveryRadiusM = m;
  }
  const euros = (field: SettingsField, label: string, optional = false) => {
    const raw = text(payload[field]);
    if (optional && raw === '') return null;
    const cents = parseEuros(raw);
    if (cents === null) problems.push({ field, message: `${label} : ${EUROS_HINT}.` });
    return cents ?? undefined;
  };
  if (has('deliveryFee')) change.deliveryFeeCents = euros('deliveryFee', 'Frais de livraison') ?? undefined;
  if (has('minOrder'))
    change.minDeliveryOrderCents = euros('minOrder', 'Minimum de commande en livraison') ?? undefined;
  if (has('freeThreshold'))
    change.freeDeliveryThresholdCents = euros('freeThreshold', 'Livraison offerte dès', true);
  if (has('prepMinutes')) {
    const n = readInteger(payload.prepMinutes, 1, 240);
    if (n === null)
      problems.push({
        field: 'prepMinutes',
        message: 'Temps de préparation : un nombre entier de minutes entre 1 et 240 est attendu.',
      });
    else change.prepMinutesPerOrder = n;
  }
  if (has('slotCapacity')) {
    const n = readInteger(payload.slotCapacity, 0, 200);
    if (n === null)
      problems.push({
        field: 'slotCapacity',
        message:
          'Commandes pour plus tard par créneau : un nombre entier entre 0 (aucune) et 200 est attendu.',
      });
    else change.slotCapacity = n;
  }
  if (problems.length > 0) {
    throw new ValidationError(
      problems.map((p) => p.message).join(' '),
      problems.map((p) => ({ ...p })),
      'invalid_shop_settings',
    );
  }
  return change;
}
