// Money collected by a driver at the door or by the counter at hand-over, for orders not paid online.
// Cash gives change; a card terminal takes the exact total; meal vouchers give no change.
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { ValidationError } from '../../shared/errors.js';
import type { OrderHead } from './orders.repository.js';

export interface CollectedPayment {
  method: 'cash' | 'card_terminal' | 'meal_voucher';
  amountReceivedCents: number;
}

export async function recordCollectedPayment(
  db: Sequelize,
  t: Transaction,
  order: OrderHead,
  employeeId: number,
  payment: CollectedPayment | undefined,
): Promise<void> {
  if (order.paymentStatus === 'paid') return;
  if (order.paymentMethod === 'card_online') {
    throw new ValidationError(
      'Le paiement en ligne de cette commande n’est pas confirmé.',
      undefined,
      'payment_not_confirmed',
    );
  }
  if (!payment) {
    throw new ValidationError(
      'Indiquez le paiement encaissé (moyen et montant).',
      { totalCents: order.totalCents },
      'payment_required',
    );
  }
  const { method, amountReceivedCents: received } = payment;
  const exact = method === 'card_terminal';
  if (received < order.totalCents || (exact && received !== order.totalCents)) {
    throw new ValidationError(
      exact
        ? 'Le montant payé par carte doit être le total de la commande.'
        : 'Le montant reçu est inférieur au total.',
      { totalCents: order.totalCents, amountReceivedCents: received },
      'insufficient_payment',
    );
  }
  const change = method === 'cash' ? received - order.totalCents : 0;
  await db.query(
    `INSERT INTO payments (order_id, provider, amount_cents, amount_received_cents, change_cents, status,
       collected_by_employee_id) VALUES ($1, $2, $3, $4, $5, 'succeeded', $6)`,
    {
      type: QueryTypes.INSERT,
      transaction: t,
      bind: [order.id, method, order.totalCents, received, change, employeeId],
    },
  );
  await db.query(`UPDATE orders SET payment_status = 'paid' WHERE id = $1`, {
    transaction: t,
    bind: [order.id],
  });
}
