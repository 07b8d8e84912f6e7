// « Corriger le moyen de paiement »: a payment collected at hand-over was recorded with the wrong means (cash
// typed for a card-terminal payment, meal vouchers for cash…). A manager corrects it with a reason, afterwards
// and on any day: the payment then says how the money was really taken (what later refunds are given back on),
// the correction is kept (payment_corrections), the sales journal gets two correction entries (the amount off
// the recorded means, onto the true one) and the FEC books the same transfer between money accounts on the
// correction's day. Nothing already written about a past day changes: its FEC, CSV totals per VAT rate and
// closures stay as they were.
//
// Refused: an online payment (Stripe took it; nothing to correct by hand), an order not handed over yet (its
// payment is collected at hand-over), the same means, and a payment already partly or fully refunded (those
// refunds were given back on the recorded means; correcting it afterwards would split one payment between two
// means). Decided under the order's lock, as refunds are, so a correction and a refund are one after the other.
import { ConflictError, NotFoundError, ValidationError } from '../../shared/errors.js';
import type { EmployeePrincipal } from '../auth/index.js';
import type { OrderView } from '../orders/index.js';
import { worksAt } from '../staff/index.js';
import { insertCorrection, type CollectedProvider } from './corrections.repository.js';
import type { PaymentDeps } from './payment-deps.js';
import { paidSummary } from './refunds.repository.js';

export interface CorrectionInput {
  method: CollectedProvider;
  reason: string;
}

const SETTLED = new Set(['delivered', 'collected']);

export async function correctPaymentMethod(
  deps: PaymentDeps,
  employee: EmployeePrincipal,
  orderId: string,
  input: CorrectionInput,
): Promise<OrderView> {
  const orders = deps.orders();
  await deps.db.transaction(async (tx) => {
    const order = await orders.lock(tx, orderId);
    if (!order || !worksAt(employee, order.pizzeriaId))
      throw new NotFoundError('Commande introuvable.', 'order_not_found');
    if (!SETTLED.has(order.status))
      throw new ConflictError(
        'order_not_settled',
        'La commande n’a pas encore été remise : son paiement s’enregistre à la remise.',
      );
    const paid = await paidSummary(tx, orderId);
    if (!paid)
      throw new ValidationError(
        'Aucun paiement n’est enregistré pour cette commande : rien à corriger.',
        undefined,
        'nothing_to_correct',
      );
    if (paid.provider === 'stripe')
      throw new ValidationError(
        'Un paiement en ligne a été encaissé par Stripe : son moyen de paiement ne se corrige pas.',
        undefined,
        'online_payment_not_correctable',
      );
    if (paid.provider === input.method)
      throw new ValidationError(
        'La commande est déjà enregistrée comme payée par ce moyen.',
        undefined,
        'same_payment_method',
      );
    if (paid.refundedCents > 0)
      throw new ConflictError(
        'payment_already_refunded',
        'Cette commande a déjà été remboursée (en partie ou en totalité) : son moyen de paiement ne peut ' +
          'plus être corrigé.',
      );
    const at = deps.clock.now();
    const correction = {
      paymentId: paid.paymentId,
      orderId,
      from: paid.provider,
      to: input.method,
      amountCents: paid.paidCents,
      reason: input.reason,
      employeeId: employee.employeeId,
    };
    const id = await insertCorrection(tx, correction, at);
    // Last: it locks the shop's journal until commit.
    await deps.journal.recordCorrection(tx, { ...correction, reference: `correction-${id}`, at });
  });
  return (await orders.view(orderId))!;
}
