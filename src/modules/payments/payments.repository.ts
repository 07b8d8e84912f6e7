// SQL of online payments, refunds and processed provider events.
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';

export interface StripePaymentRow {
  id: number;
  orderId: string;
  reference: string;
  amountCents: number;
  status: 'pending' | 'requires_capture' | 'succeeded' | 'failed' | 'canceled';
}

const COLUMNS = `id, order_id AS "orderId", provider_reference AS reference, amount_cents AS "amountCents", status`;

export async function stripePaymentOfOrder(db: Sequelize, orderId: string, transaction?: Transaction) {
  const [row] = await db.query<StripePaymentRow>(
    `SELECT ${COLUMNS} FROM payments WHERE order_id = $1 AND provider = 'stripe' ORDER BY id DESC LIMIT 1`,
    { type: QueryTypes.SELECT, bind: [orderId], transaction },
  );
  return row;
}

export async function stripePaymentByReference(db: Sequelize, reference: string, transaction?: Transaction) {
  const [row] = await db.query<StripePaymentRow>(
    `SELECT ${COLUMNS} FROM payments WHERE provider = 'stripe' AND provider_reference = $1`,
    { type: QueryTypes.SELECT, bind: [reference], transaction },
  );
  return row;
}

/** Records the PaymentIntent of an order once (a replayed creation returns the same intent). */
export async function recordStripePayment(
  db: Sequelize,
  orderId: string,
  reference: string,
  amountCents: number,
) {
  await db.query(
    `INSERT INTO payments (order_id, provider, provider_reference, amount_cents, status)
     VALUES ($1, 'stripe', $2, $3, 'pending') ON CONFLICT (provider, provider_reference) DO NOTHING`,
    { bind: [orderId, reference, amountCents] },
  );
}

export async function updateStripePayment(
  db: Sequelize,
  reference: string,
  fields: { status?: StripePaymentRow['status']; amountCents?: number; failureReason?: string | null },
  transaction?: Transaction,
) {
  await db.query(
    `UPDATE payments SET status = COALESCE($2, status), amount_cents = COALESCE($3, amount_cents),
       failure_reason = CASE WHEN $4::boolean THEN $5 ELSE failure_reason END, updated_at = now()
     WHERE provider = 'stripe' AND provider_reference = $1`,
    {
      bind: [
        reference,
        fields.status ?? null,
        fields.amountCents ?? null,
        fields.failureReason !== undefined,
        fields.failureReason ?? null,
      ],
      transaction,
    },
  );
}

/** Marks a provider event as processed; false when it already was (the caller then changes nothing). */
export async function claimEvent(
  db: Sequelize,
  t: Transaction,
  eventId: string,
  type: string,
): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO processed_webhook_events (provider, event_id, event_type) VALUES ('stripe', $1, $2)
     ON CONFLICT (provider, event_id) DO NOTHING RETURNING id`,
    { type: QueryTypes.SELECT, bind: [eventId, type], transaction: t },
  );
  return rows.length > 0;
}

export async function setOrderPayment(
  db: Sequelize,
  t: Transaction,
  orderId: string,
  fields: { paymentStatus?: string; failureReason?: string | null },
) {
  await db.query(
    `UPDATE orders SET payment_status = COALESCE($2::order_payment_status, payment_status),
       payment_failure_reason = CASE WHEN $3::boolean THEN $4 ELSE payment_failure_reason END, updated_at = now()
     WHERE id = $1`,
    {
      bind: [
        orderId,
        fields.paymentStatus ?? null,
        fields.failureReason !== undefined,
        fields.failureReason ?? null,
      ],
      transaction: t,
    },
  );
}

export async function clearIdempotencyKey(db: Sequelize, orderId: string) {
  await db.query(`UPDATE orders SET idempotency_key = NULL WHERE id = $1`, { bind: [orderId] });
}

/** Unpaid online orders older than `minutes`, locked for this process only (other processes skip them). */
export async function lockExpiredUnpaid(db: Sequelize, t: Transaction, minutes: number, limit: number) {
  const rows = await db.query<{ id: string }>(
    `SELECT id FROM orders WHERE status = 'pending_payment' AND created_at < now() - make_interval(mins => $1)
     ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
    { type: QueryTypes.SELECT, bind: [minutes, limit], transaction: t },
  );
  return rows.map((r) => r.id);
}
