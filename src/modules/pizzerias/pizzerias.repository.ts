// SQL for shops. Returns plain objects.
import type { Executor, Tx } from '../../db/executor.js';
import type { Closure, OpeningHours } from './opening-hours.js';

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
  /** Exceptional closures and holidays (local dates, both ends included). */
  closures: Closure[];
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
  opening_hours AS "openingHours", closures, delivery_radius_m AS "deliveryRadiusM",
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

/** A shop's operational settings as its manager changes them (only the keys present are written). */
export interface SettingsUpdate {
  openingHours?: OpeningHours;
  closures?: Closure[];
  deliveryRadiusM?: number;
  deliveryFeeCents?: number;
  minDeliveryOrderCents?: number;
  freeDeliveryThresholdCents?: number | null;
  prepMinutesPerOrder?: number;
  slotCapacity?: number;
}

const SETTINGS_COLUMNS: Record<keyof SettingsUpdate, string> = {
  openingHours: 'opening_hours',
  closures: 'closures',
  deliveryRadiusM: 'delivery_radius_m',
  deliveryFeeCents: 'delivery_fee_cents',
  minDeliveryOrderCents: 'min_delivery_order_cents',
  freeDeliveryThresholdCents: 'free_delivery_threshold_cents',
  prepMinutesPerOrder: 'prep_minutes_per_order',
  slotCapacity: 'slot_capacity',
};

/** Any shop, active or not (its manager sets it up before it opens). */
export async function findPizzeriaById(ex: Executor, id: number) {
  return ex.one<PizzeriaRow>(`SELECT ${COLUMNS} FROM pizzerias WHERE id = $1`, [id]);
}

export async function updatePizzeriaSettings(
  tx: Tx,
  id: number,
  change: SettingsUpdate,
): Promise<PizzeriaRow | undefined> {
  const keys = (Object.keys(change) as (keyof SettingsUpdate)[]).filter((k) => change[k] !== undefined);
  if (keys.length === 0) return findPizzeriaById(tx, id);
  const json = (k: keyof SettingsUpdate) => k === 'openingHours' || k === 'closures';
  const sets = keys.map((k, i) => `${SETTINGS_COLUMNS[k]} = $${i + 2}${json(k) ? '::jsonb' : ''}`);
  const values = keys.map((k) => (json(k) ? JSON.stringify(change[k]) : change[k]));
  return tx.one<PizzeriaRow>(
    `UPDATE pizzerias SET ${sets.join(', ')}, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, ...values],
  );
}
