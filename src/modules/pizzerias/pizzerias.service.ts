// Shops as the public API shows them.
import type { Executor } from '../../db/executor.js';
import { NotFoundError } from '../../shared/errors.js';
import { hoursOfDay, isOpenAt, localDate, nextOpening, upcomingClosures } from './opening-hours.js';
import { findActivePizzeria, listActivePizzerias, type PizzeriaRow } from './pizzerias.repository.js';

export type PizzeriaRef = { id: number } | { code: string };

export function toPublicPizzeria(row: PizzeriaRow, now: Date) {
  const closures = row.closures;
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    address: { line: row.addressLine, postcode: row.postcode, city: row.city },
    location: { lat: row.lat, lng: row.lng },
    phone: row.phone,
    timezone: row.timezone,
    openingHours: row.openingHours,
    // The shop's calendar date is worked out only when there are closures (most shops, most days: none).
    closures: closures.length ? upcomingClosures(closures, localDate(now, row.timezone)) : [],
    isOpenNow: isOpenAt(row.openingHours, row.timezone, now, closures),
    opensAt: nextOpening(row.openingHours, row.timezone, now, closures)?.toISOString() ?? null,
    todayHours: hoursOfDay(row.openingHours, row.timezone, now, closures),
    delivery: {
      radiusM: row.deliveryRadiusM,
      minOrderCents: row.minDeliveryOrderCents,
      feeCents: row.deliveryFeeCents,
      freeThresholdCents: row.freeDeliveryThresholdCents,
    },
  };
}

export type PublicPizzeria = ReturnType<typeof toPublicPizzeria>;

export async function listPizzerias(ex: Executor, now: Date): Promise<PublicPizzeria[]> {
  return (await listActivePizzerias(ex)).map((row) => toPublicPizzeria(row, now));
}

/** The active shop, read with the caller's executor (inside its transaction when there is one). */
export async function getPizzeria(ex: Executor, ref: PizzeriaRef): Promise<PizzeriaRow> {
  const row = await findActivePizzeria(ex, ref);
  if (!row) throw new NotFoundError('Cette pizzeria n’existe pas.', 'pizzeria_not_found');
  return row;
}
