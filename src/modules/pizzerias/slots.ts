// The times at which a shop can hand over an order for later: every quarter-hour of the shop's local day whose
// preparation starts no earlier than now and while the shop is open, and whose order is ready while it is open.
// Pure time arithmetic on the shop's hours; counting what is already booked is the orders module's business.
import { BadRequestError } from '../../shared/errors.js';
import { addDays, isOpenAt, localDate, type Closure, type OpeningHours } from './opening-hours.js';

export const SLOT_MINUTES = 15;
const SLOT_MS = SLOT_MINUTES * 60_000;

export interface SlotShop {
  openingHours: OpeningHours;
  /** Exceptional closures: their dates have no slot. */
  closures?: readonly Closure[];
  timezone: string;
  prepMinutesPerOrder: number;
}

/** The shop's local date of tomorrow (YYYY-MM-DD): the last day orders for later are taken for. */
export const tomorrowOf = (shop: SlotShop, now: Date) => addDays(localDate(now, shop.timezone), 1);

/** Which local day the slots are asked for: today (default) or tomorrow; any other day is a 400. */
export function slotDay(shop: SlotShop, now: Date, date?: string): string {
  const today = localDate(now, shop.timezone);
  const day = date ?? today;
  if (day !== today && day !== addDays(today, 1)) {
    throw new BadRequestError(
      'slot_date_out_of_range',
      'Les commandes pour plus tard se passent pour aujourd’hui ou demain seulement.',
      { field: 'date', today, tomorrow: addDays(today, 1) },
    );
  }
  return day;
}

/**
 * The quarter-hours of the shop's local `day` (YYYY-MM-DD) at which an order can be handed over (delivered at
 * the door, or collected at the counter): its preparation, `prepMinutesPerOrder` + `driveSeconds` before, starts
 * no earlier than `now` and while the shop is open, and it is ready (`driveSeconds` before) while the shop is open.
 */
export function slotTimes(shop: SlotShop, day: string, now: Date, driveSeconds: number): Date[] {
  const driveMs = driveSeconds * 1000;
  const leadMs = shop.prepMinutesPerOrder * 60_000 + driveMs;
  // Every UTC quarter-hour that can fall on the local day (time zones are at most 14 hours away from UTC, and
  // their offsets are whole quarter-hours, so local quarter-hours are UTC ones).
  const from = Date.parse(`${day}T00:00:00Z`) - 14 * 3_600_000;
  const to = Date.parse(`${day}T00:00:00Z`) + 38 * 3_600_000;
  const slots: Date[] = [];
  for (
    let t = Math.max(from, Math.ceil((now.getTime() + leadMs) / SLOT_MS) * SLOT_MS);
    t < to;
    t += SLOT_MS
  ) {
    const at = new Date(t);
    if (localDate(at, shop.timezone) !== day) continue;
    const start = new Date(t - leadMs);
    const ready = new Date(t - driveMs);
    if (
      isOpenAt(shop.openingHours, shop.timezone, start, shop.closures ?? []) &&
      isOpenAt(shop.openingHours, shop.timezone, ready, shop.closures ?? [])
    ) {
      slots.push(at);
    }
  }
  return slots;
}
