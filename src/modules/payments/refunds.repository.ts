// Refunds are written with the order's new payment status in one transaction.
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';

export interface PaidSummary {
  paymentId: number;
  provider: 'stripe' | 'cash' | 'card_terminal' | 'meal_voucher';
  reference: string | null;
  paidCents: number;
  refundedCents: number;
}

/** The order's settled payment (online or collected) with what was already refunded of it. */
export async function paidSummary(db: Sequelize, orderId: string, transaction?: Transaction) {
  const [row] = await db.query<PaidSummary>(
    `SELECT p.id AS "paymentId", p.provider, p.provider_reference AS reference, p.amount_cents AS "paidCents",
            COALESCE((SELECT SUM(r.amount_cents) FROM refunds r WHERE r.payment_id = p.id AND r.status = 'succeeded'), 0)::int
              AS "refundedCents"
       FROM payments p WHERE p.order_id = $1 AND p.status = 'succeeded' ORDER BY p.id DESC LIMIT 1`,
    { type: QueryTypes.SELECT, bind: [orderId], transaction },
  );
  return row;
}

export async function recordRefund(
  db: Sequelize,
  r: {
    orderId: string;
    amountCents: number;
    reason: string;
    providerReference: string | null;
    employeeId: number | null;
  },
): Promise<void> {
  await db.transaction(async (t) => {
    await db.query(`SELECT 1 FROM orders WHERE id = $1 FOR UPDATE`, { bind: [r.orderId], transaction: t });
    const paid = await paidSummary(db, r.orderId, t);
    if (!paid) throw new Error(`no settled payment to refund for order ${r.orderId}`);
    await db.query(
      `INSERT INTO refunds (payment_id, order_id, amount_cents, reason, provider_reference, status, employee_id)
       VALUES ($1, $2, $3, $4, $5, 'succeeded', $6)`,
      {
        bind: [paid.paymentId, r.orderId, r.amountCents, r.reason, r.providerReference, r.employeeId],
        transaction: t,
      },
    );
    const refunded = paid.refundedCents + r.amountCents;
    await db.query(`UPDATE orders SET payment_status = $2, updated_at = now() WHERE id = $1`, {
      bind: [r.orderId, refunded >= paid.paidCents ? 'refunded' : 'partially_refunded'],
      transaction: t,
    });
  });
}
