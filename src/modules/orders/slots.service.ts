// Orders for later: the slots a shop offers (its hours are the pizzerias module's, what is booked is ours) and the
// checks placement and the quote make. A slot is the quarter-hour [t, t + 15 min) at whose start the order is
// handed over (at the door, or at the counter); each shop takes `slotCapacity` orders for later per slot,
// deliveries and takeaways together (one kitchen).
import type { Executor, Tx } from '../../db/executor.js';
import { ConflictError, ValidationError } from '../../shared/errors.js';
import { approximateDriveSeconds } from '../delivery/index.js';
import {
  localDate,
  localTime,
  SLOT_MINUTES,
  slotDay,
  slotTimes,
  tomorrowOf,
  type PizzeriaRef,
  type PizzeriaRow,
} from '../pizzerias/index.js';
import type { OrderDeps } from './order-deps.js';
import type { Fulfilment } from './state-machine.js';

const SLOT_MS = SLOT_MINUTES * 60_000;

export interface Slot {
  at: string;
  /** Orders for later the slot can still take (0: full, not to be offered). */
  left: number;
}

/**
 * The drive counted for a delivery slot: the offline estimate of the drive to the edge of the shop's zone, so
 * that a slot offered before the address is known can be served anywhere in the zone.
 */
export const slotDriveSeconds = (shop: PizzeriaRow, fulfilment: Fulfilment) =>
  fulfilment === 'delivery' ? approximateDriveSeconds(shop.deliveryRadiusM) : 0;

/** Non-cancelled orders for later of the shop per slot start in [from, to) (epoch ms → count). */
async function booked(ex: Executor, pizzeriaId: number, from: Date, to: Date): Promise<Map<number, number>> {
  const rows = await ex.many<{ at: Date; n: number }>(
    `SELECT scheduled_for AS at, count(*)::int AS n FROM orders
      WHERE pizzeria_id = $1 AND scheduled_for >= $2 AND scheduled_for < $3 AND scheduled_for IS NOT NULL
        AND status <> 'cancelled'
      GROUP BY scheduled_for`,
    [pizzeriaId, from, to],
  );
  return new Map(rows.map((r) => [new Date(r.at).getTime(), r.n]));
}

async function slotsOf(ex: Executor, shop: PizzeriaRow, fulfilment: Fulfilment, day: string, now: Date) {
  const times = slotTimes(shop, day, now, slotDriveSeconds(shop, fulfilment));
  if (times.length === 0) return [];
  const taken = await booked(ex, shop.id, times[0], new Date(times[times.length - 1].getTime() + SLOT_MS));
  return times.map((t) => ({
    at: t.toISOString(),
    left: Math.max(0, shop.slotCapacity - (taken.get(t.getTime()) ?? 0)),
  }));
}

/** GET /pizzerias/:id/slots: the slots of today (default) or tomorrow, full ones with `left: 0`. */
export async function listSlots(
  deps: Pick<OrderDeps, 'db' | 'clock' | 'pizzerias'>,
  input: { pizzeria: PizzeriaRef; fulfilment: Fulfilment; date?: string },
) {
  return deps.db.read(async (ex) => {
    const shop = await deps.pizzerias.get(ex, input.pizzeria);
    const now = deps.clock.now();
    const day = slotDay(shop, now, input.date);
    return {
      pizzeriaId: shop.id,
      fulfilment: input.fulfilment,
      date: day,
      capacity: shop.slotCapacity,
      slots: await slotsOf(ex, shop, input.fulfilment, day, now),
    };
  });
}

const invalid = (message: string) => new ValidationError(message, { field: 'scheduledFor' }, 'slot_invalid');

export const slotFull = () =>
  new ConflictError('slot_full', 'Ce créneau est complet : choisissez-en un autre.');

/**
 * Checks that `at` is a slot the shop offers for this fulfilment (422 slot_invalid) with room left (409
 * slot_full). Reads without a lock: placement counts again under the slot's lock.
 */
export async function assertSlotOffered(
  ex: Executor,
  shop: PizzeriaRow,
  fulfilment: Fulfilment,
  at: Date,
  now: Date,
): Promise<void> {
  if (at.getTime() % 60_000 !== 0 || localTime(at, shop.timezone).minute % SLOT_MINUTES !== 0) {
    throw invalid('L’heure choisie doit tomber sur un créneau de 15 minutes (19:00, 19:15…).');
  }
  const day = localDate(at, shop.timezone);
  const today = localDate(now, shop.timezone);
  if (day < today) throw invalid('Ce créneau est passé : choisissez-en un autre.');
  if (day > tomorrowOf(shop, now)) {
    throw invalid('Les commandes pour plus tard se passent pour aujourd’hui ou demain seulement.');
  }
  const slots = await slotsOf(ex, shop, fulfilment, day, now);
  const slot = slots.find((s) => s.at === at.toISOString());
  if (!slot) {
    throw invalid(
      `${shop.name} ne propose pas ce créneau (fermée, trop tôt pour préparer la commande, ou passé).`,
    );
  }
  if (slot.left === 0) throw slotFull();
}

/**
 * Inside the placement's transaction, before anything is written: takes the slot's lock (a transaction-level
 * advisory lock per shop and slot, so placements for other slots or shops never wait) and refuses a full slot.
 * Concurrent placements for the slot queue on the lock; each counts what the previous ones committed.
 */
export async function claimSlot(tx: Tx, shop: PizzeriaRow, at: Date): Promise<void> {
  await tx.exec(
    `SELECT pg_advisory_xact_lock(hashtextextended('order-slot:' || $1::text || ':' || $2::text, 0))`,
    [shop.id, at.getTime() / SLOT_MS],
  );
  const taken = await booked(tx, shop.id, at, new Date(at.getTime() + SLOT_MS));
  const n = [...taken.values()].reduce((a, b) => a + b, 0);
  if (n >= shop.slotCapacity) throw slotFull();
}
