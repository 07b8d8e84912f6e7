// SQL of refunds. The order's new payment status is written by the orders module, in the same transaction.
import type { Executor, Tx } from '../../db/executor.js';

export interface PaidSummary {
  paymentId: number;
  provider: 'stripe' | 'cash' | 'card_terminal' | 'meal_voucher';
  reference: string | null;
  paidCents: number;
  refundedCents: number;
}

/** The order's settled payment (online or collected) with what was already refunded of it. */
export async function paidSummary(ex: Executor, orderId: string) {
  return ex.one<PaidSummary>(
    `SELECT p.id AS "paymentId", p.provider, p.provider_reference AS reference, p.amount_cents AS "paidCents",
            COALESCE((SELECT SUM(r.amount_cents) FROM refunds r WHERE r.payment_id = p.id AND r.status = 'succeeded'), 0)::int
              AS "refundedCents"
       FROM payments p WHERE p.order_id = $1 AND p.status = 'succeeded' ORDER BY p.id DESC LIMIT 1`,
    [orderId],
  );
}

export async function insertRefund(
  tx: Tx,
  r: {
    paymentId: number;
    orderId: string;
    amountCents: number;
    reason: string;
    providerReference: string | null;
    employeeId: number | null;
  },
  at: Date,
): Promise<void> {
  await tx.exec(
    `INSERT INTO refunds (payment_id, order_id, amount_cents, reason, provider_reference, status, employee_id,
       created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, 'succeeded', $6, $7, $7)`,
    [r.paymentId, r.orderId, r.amountCents, r.reason, r.providerReference, r.employeeId, at],
  );
}
