// Money collected by a driver at the door or by the counter at hand-over, for orders not paid online.
// Cash gives change; a card terminal takes the exact total; meal vouchers give no change.
import type { Tx } from '../../db/executor.js';
import { ValidationError } from '../../shared/errors.js';
import type { OrderDeps } from './order-deps.js';
import { markPaid, type OrderHead } from './orders.repository.js';

export interface CollectedPayment {
  method: 'cash' | 'card_terminal' | 'meal_voucher';
  amountReceivedCents: number;
}

/** Inside the hand-over's transaction (order row locked): the payment is recorded by the payments module. */
export async function recordCollectedPayment(
  deps: Pick<OrderDeps, 'payments'>,
  tx: Tx,
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
  if (!deps.payments) throw new Error('the payments module is required to record a collected payment');
  await deps.payments.recordCollectedPayment(tx, {
    orderId: order.id,
    method,
    amountCents: order.totalCents,
    amountReceivedCents: received,
    changeCents: change,
    employeeId,
  });
  await markPaid(tx, order.id);
}
