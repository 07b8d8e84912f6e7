// SQL of refunds. The order's new payment status is written by the orders module, in the same transaction.
// The database keeps payments.refunded_cents (a trigger on refunds) and refuses it above amount_cents (CHECK
// payments_refunded_within_amount): whatever the code does, a payment is never refunded beyond what it took.
import { isCheckViolation, type Executor, type Tx } from '../../db/executor.js';

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
            p.refunded_cents AS "refundedCents"
       FROM payments p WHERE p.order_id = $1 AND p.status = 'succeeded' ORDER BY p.id DESC LIMIT 1`,
    [orderId],
  );
}

/** The database refused a refund beyond what was paid (the CHECK on payments.refunded_cents). */
export function isOverRefund(error: unknown): boolean {
  return isCheckViolation(error, 'payments_refunded_within_amount');
}

export interface NewRefund {
  orderId: string;
  amountCents: number;
  reason: string;
  providerReference: string | null;
  employeeId: number | null;
}

/**
 * Inside the caller's transaction, with the order locked: records a succeeded refund of the payment and returns
 * the payment's amounts after it (its refunded total kept by the trigger). Undefined when the provider's refund
 * was already recorded (a concurrent identical request got the same refund from the provider). Throws the
 * database's error on an over-refund (see isOverRefund).
 */
export async function insertRefund(
  tx: Tx,
  r: NewRefund & { paymentId: number },
  at: Date,
): Promise<{ id: number; paidCents: number; refundedCents: number } | undefined> {
  const inserted = await tx.one<{ id: number }>(
    `INSERT INTO refunds (payment_id, order_id, amount_cents, reason, provider_reference, status, employee_id,
       created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, 'succeeded', $6, $7, $7)
     ON CONFLICT (provider_reference) DO NOTHING RETURNING id`,
    [r.paymentId, r.orderId, r.amountCents, r.reason, r.providerReference, r.employeeId, at],
  );
  if (!inserted) return undefined;
  const after = (await tx.one<{ paidCents: number; refundedCents: number }>(
    `SELECT amount_cents AS "paidCents", refunded_cents AS "refundedCents" FROM payments WHERE id = $1`,
    [r.paymentId],
  ))!;
  return { id: inserted.id, ...after };
}
