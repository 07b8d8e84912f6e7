// What an order holds about a person, and the one way it is erased: the customer's erasure (all their orders)
// and the retention job (finished orders past their period) both call eraseOrdersPersonalData. The order keeps
// its number, shop, channel, lines, amounts, VAT and payment status (accounting keeps them, and the orders CSV,
// the FEC and the sales journal never held the person); its name, phone, delivery address, coordinates and
// notes go, the status history's notes too (staff write free text there).
import type { Tx } from '../../db/executor.js';
import { FINAL_STATUSES } from './state-machine.js';

/** What an erased order shows in place of the name (the column is required for phone and counter orders). */
export const ERASED_CUSTOMER_NAME = 'Anonyme';

/** The order columns that hold personal data (the export lists them; the erasure empties them). */
export const ORDER_PERSONAL_COLUMNS = [
  'customer_name',
  'customer_phone',
  'delivery_line1',
  'delivery_line2',
  'delivery_postcode',
  'delivery_city',
  'delivery_instructions',
  'delivery_lat',
  'delivery_lng',
  'note',
] as const;

/**
 * Erases the personal data of the given orders (those not yet erased); returns the orders and status events
 * touched. Orders still in progress are left alone: the caller decides (the customer's erasure refuses them,
 * the retention job only picks finished orders).
 */
export async function eraseOrdersPersonalData(
  tx: Tx,
  orderIds: readonly string[],
  now: Date,
): Promise<{ orders: number; order_status_events: number }> {
  if (orderIds.length === 0) return { orders: 0, order_status_events: 0 };
  const erased = await tx.many<{ id: string }>(
    `UPDATE orders
        SET customer_name = $3, customer_phone = NULL,
            delivery_line1 = NULL, delivery_line2 = NULL, delivery_postcode = NULL, delivery_city = NULL,
            delivery_instructions = NULL, delivery_lat = NULL, delivery_lng = NULL, note = NULL,
            personal_data_erased_at = $2
      WHERE id = ANY($1::uuid[]) AND personal_data_erased_at IS NULL AND status = ANY($4::order_status[])
      RETURNING id`,
    [orderIds, now, ERASED_CUSTOMER_NAME, FINAL_STATUSES],
  );
  if (erased.length === 0) return { orders: 0, order_status_events: 0 };
  const events = await tx.exec(
    `UPDATE order_status_events SET note = NULL WHERE order_id = ANY($1::uuid[]) AND note IS NOT NULL`,
    [erased.map((o) => o.id)],
  );
  return { orders: erased.length, order_status_events: events };
}

/**
 * The retention job's batch: up to `limit` finished orders last changed before `before` whose personal data is
 * still there, erased by the one function above. Walks the partial index orders_personal_data_pending_idx from
 * its oldest entry: once the old orders are done, the first entry read is already too recent (steady state: one
 * index probe). Rows another transaction holds are skipped (the next run takes them).
 */
export async function eraseFinishedOrdersBefore(
  tx: Tx,
  before: Date,
  limit: number,
  now: Date,
): Promise<{ orders: number; order_status_events: number }> {
  const due = await tx.many<{ id: string }>(
    `SELECT id FROM orders
      WHERE personal_data_erased_at IS NULL AND updated_at < $1 AND status = ANY($3::order_status[])
      ORDER BY updated_at
      LIMIT $2
      FOR UPDATE SKIP LOCKED`,
    [before, limit, FINAL_STATUSES],
  );
  return eraseOrdersPersonalData(
    tx,
    due.map((o) => o.id),
    now,
  );
}
