// SQL of « Corriger le moyen de paiement »: the correction kept, and the payment's means set to the true one.
import type { Tx } from '../../db/executor.js';
import type { PaidSummary } from './refunds.repository.js';

export type CollectedProvider = Exclude<PaidSummary['provider'], 'stripe'>;

export interface NewCorrection {
  paymentId: number;
  orderId: string;
  from: CollectedProvider;
  to: CollectedProvider;
  amountCents: number;
  reason: string;
  employeeId: number | null;
}

/** Inside the caller's transaction, with the order locked: keeps the correction and moves the payment to the
 * true means. Returns the correction's id. */
export async function insertCorrection(tx: Tx, c: NewCorrection, at: Date): Promise<number> {
  const row = (await tx.one<{ id: number }>(
    `INSERT INTO payment_corrections (payment_id, order_id, from_provider, to_provider, amount_cents, reason,
       employee_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [c.paymentId, c.orderId, c.from, c.to, c.amountCents, c.reason, c.employeeId, at],
  ))!;
  await tx.exec(`UPDATE payments SET provider = $2, updated_at = $3 WHERE id = $1`, [c.paymentId, c.to, at]);
  return row.id;
}
