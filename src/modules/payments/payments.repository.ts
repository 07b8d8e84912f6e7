// SQL of payments (online and collected at the shop) and processed provider events. Their created_at and
// updated_at are the services' clock (`at`), not PostgreSQL's now().
import type { Executor, Tx } from '../../db/executor.js';
import type { CollectedPaymentRecord } from '../orders/index.js';

export interface StripePaymentRow {
  id: number;
  orderId: string;
  reference: string;
  amountCents: number;
  status: 'pending' | 'requires_capture' | 'succeeded' | 'failed' | 'canceled';
  /** Set when a preparation start claimed the capture (see OnlinePayments.beforePreparation). */
  captureRequestedAt: Date | null;
}

const COLUMNS = `id, order_id AS "orderId", provider_reference AS reference, amount_cents AS "amountCents", status,
  capture_requested_at AS "captureRequestedAt"`;

export async function stripePaymentOfOrder(ex: Executor, orderId: string) {
  return ex.one<StripePaymentRow>(
    `SELECT ${COLUMNS} FROM payments WHERE order_id = $1 AND provider = 'stripe' ORDER BY id DESC LIMIT 1`,
    [orderId],
  );
}

export async function stripePaymentByReference(ex: Executor, reference: string) {
  return ex.one<StripePaymentRow>(
    `SELECT ${COLUMNS} FROM payments WHERE provider = 'stripe' AND provider_reference = $1`,
    [reference],
  );
}

/** Records the PaymentIntent of an order once (a replayed creation returns the same intent). */
export async function recordStripePayment(
  tx: Tx,
  orderId: string,
  reference: string,
  amountCents: number,
  at: Date,
) {
  await tx.exec(
    `INSERT INTO payments (order_id, provider, provider_reference, amount_cents, status, created_at, updated_at)
     VALUES ($1, 'stripe', $2, $3, 'pending', $4, $4) ON CONFLICT (provider, provider_reference) DO NOTHING`,
    [orderId, reference, amountCents, at],
  );
}

export async function updateStripePayment(
  tx: Tx,
  reference: string,
  fields: { status?: StripePaymentRow['status']; amountCents?: number; failureReason?: string | null },
  at: Date,
) {
  await tx.exec(
    `UPDATE payments SET status = COALESCE($2, status), amount_cents = COALESCE($3, amount_cents),
       failure_reason = CASE WHEN $4::boolean THEN $5 ELSE failure_reason END, updated_at = $6
     WHERE provider = 'stripe' AND provider_reference = $1`,
    [
      reference,
      fields.status ?? null,
      fields.amountCents ?? null,
      fields.failureReason !== undefined,
      fields.failureReason ?? null,
      at,
    ],
  );
}

/** Marks an online payment captured; false when it already was (so that the capture is journalled once,
 * whichever of the preparation start and the webhook records it first: the row lock orders them). */
export async function markCaptured(
  tx: Tx,
  reference: string,
  amountCents: number,
  at: Date,
): Promise<boolean> {
  const changed = await tx.exec(
    `UPDATE payments SET status = 'succeeded', amount_cents = $2, failure_reason = NULL, updated_at = $3
     WHERE provider = 'stripe' AND provider_reference = $1 AND status <> 'succeeded'`,
    [reference, amountCents, at],
  );
  return changed > 0;
}

/** Money collected at the door or the counter (settled at once). */
export async function insertCollectedPayment(tx: Tx, p: CollectedPaymentRecord, at: Date): Promise<void> {
  await tx.exec(
    `INSERT INTO payments (order_id, provider, amount_cents, amount_received_cents, change_cents, status,
       collected_by_employee_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 'succeeded', $6, $7, $7)`,
    [p.orderId, p.method, p.amountCents, p.amountReceivedCents, p.changeCents, p.employeeId, at],
  );
}

/** Claims (or gives back) the capture of an online payment: while claimed, the order cannot be modified. */
export async function setCaptureRequested(tx: Tx, reference: string, requested: boolean, at: Date) {
  await tx.exec(
    `UPDATE payments SET capture_requested_at = CASE WHEN $2::boolean THEN $3::timestamptz END, updated_at = $3
     WHERE provider = 'stripe' AND provider_reference = $1`,
    [reference, requested, at],
  );
}

/** Marks a provider event as processed; false when it already was (the caller then changes nothing). */
export async function claimEvent(tx: Tx, eventId: string, type: string): Promise<boolean> {
  const row = await tx.one(
    `INSERT INTO processed_webhook_events (provider, event_id, event_type) VALUES ('stripe', $1, $2)
     ON CONFLICT (provider, event_id) DO NOTHING RETURNING id`,
    [eventId, type],
  );
  return row !== undefined;
}
