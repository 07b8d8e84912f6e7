// SQL for shops. Returns plain objects.
import type { Executor } from '../../db/executor.js';
import type { OpeningHours } from './opening-hours.js';

export interface PizzeriaRow {
  id: number;
  code: string;
  name: string;
  addressLine: string;
  postcode: string;
  city: string;
  lat: number;
  lng: number;
  phone: string;
  timezone: string;
  openingHours: OpeningHours;
  deliveryRadiusM: number;
  minDeliveryOrderCents: number;
  deliveryFeeCents: number;
  freeDeliveryThresholdCents: number | null;
  prepMinutesPerOrder: number;
  /** Orders for later the kitchen can take per 15-minute slot. */
  slotCapacity: number;
  active: boolean;
}

const COLUMNS = `
  id, code, name, address_line AS "addressLine", postcode, city, lat, lng, phone, timezone,
  opening_hours AS "openingHours", delivery_radius_m AS "deliveryRadiusM",
  min_delivery_order_cents AS "minDeliveryOrderCents", delivery_fee_cents AS "deliveryFeeCents",
  free_delivery_threshold_cents AS "freeDeliveryThresholdCents", prep_minutes_per_order AS "prepMinutesPerOrder",
  slot_capacity AS "slotCapacity", active`;

export async function listActivePizzerias(ex: Executor): Promise<PizzeriaRow[]> {
  return ex.many<PizzeriaRow>(`SELECT ${COLUMNS} FROM pizzerias WHERE active ORDER BY code`);
}

export async function findActivePizzeria(ex: Executor, ref: { id: number } | { code: string }) {
  const [where, bind] = 'id' in ref ? ['id = $1', [ref.id]] : ['code = $1', [ref.code]];
  return ex.one<PizzeriaRow>(`SELECT ${COLUMNS} FROM pizzerias WHERE ${where} AND active`, bind);
}
