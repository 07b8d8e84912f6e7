// Shops as the public API shows them.
import type { Sequelize } from 'sequelize';
import { NotFoundError } from '../../shared/errors.js';
import { isOpenAt } from './opening-hours.js';
import { findActivePizzeria, listActivePizzerias, type PizzeriaRow } from './pizzerias.repository.js';

export type PizzeriaRef = { id: number } | { code: string };

export function toPublicPizzeria(row: PizzeriaRow, now = new Date()) {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    address: { line: row.addressLine, postcode: row.postcode, city: row.city },
    location: { lat: row.lat, lng: row.lng },
    phone: row.phone,
    timezone: row.timezone,
    openingHours: row.openingHours,
    isOpenNow: isOpenAt(row.openingHours, row.timezone, now),
    delivery: {
      radiusM: row.deliveryRadiusM,
      minOrderCents: row.minDeliveryOrderCents,
      feeCents: row.deliveryFeeCents,
      freeThresholdCents: row.freeDeliveryThresholdCents,
    },
  };
}

export type PublicPizzeria = ReturnType<typeof toPublicPizzeria>;

export async function listPizzerias(db: Sequelize): Promise<PublicPizzeria[]> {
  const now = new Date();
  return (await listActivePizzerias(db)).map((row) => toPublicPizzeria(row, now));
}

export async function getPizzeria(db: Sequelize, ref: PizzeriaRef): Promise<PizzeriaRow> {
  const row = await findActivePizzeria(db, ref);
  if (!row) throw new NotFoundError('Cette pizzeria n’existe pas.', 'pizzeria_not_found');
  return row;
}
