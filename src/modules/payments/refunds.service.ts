// A manager refunds an order fully or partly, with a reason: through Stripe for online payments, recorded
// for money handed back at the shop. Never more than what was paid and not yet refunded.
import type { Sequelize } from 'sequelize';
import { NotFoundError, ServiceUnavailableError, ValidationError } from '../../shared/errors.js';
import type { EmployeePrincipal } from '../auth/principal.js';
import { findOrderHead } from '../orders/orders.repository.js';
import { orderView, type OrderView } from '../orders/orders.view.js';
import { worksAt } from '../staff/scope.js';
import type { PaymentGateway } from './stripe.gateway.js';
import { paidSummary, recordRefund } from './refunds.repository.js';

export async function refundOrder(
  deps: { db: Sequelize; gateway?: PaymentGateway },
  employee: EmployeePrincipal,
  orderId: string,
  input: { amountCents: number; reason: string },
): Promise<OrderView> {
  const order = await findOrderHead(deps.db, orderId);
  if (!order || !worksAt(employee, order.pizzeriaId))
    throw new NotFoundError('Commande introuvable.', 'order_not_found');
  const paid = await paidSummary(deps.db, orderId);
  if (!paid)
    throw new ValidationError(
      'Cette commande n’a pas été payée : rien à rembourser.',
      undefined,
      'nothing_to_refund',
    );
  const refundable = paid.paidCents - paid.refundedCents;
  if (input.amountCents > refundable) {
    throw new ValidationError(
      'Le remboursement dépasse ce qui reste payé sur cette commande.',
      { refundableCents: refundable },
      'refund_exceeds_paid',
    );
  }
  let providerReference: string | null = null;
  if (paid.provider === 'stripe') {
    if (!deps.gateway)
      throw new ServiceUnavailableError(
        'payment_provider_unavailable',
        'Le paiement en ligne n’est pas configuré.',
      );
    const refund = await deps.gateway.refund({
      paymentIntentId: paid.reference!,
      amountCents: input.amountCents,
      // One refund per state of the payment: a retried request does not refund twice.
      idempotencyKey: `order-${orderId}-refund-${paid.refundedCents}-${input.amountCents}`,
    });
    providerReference = refund.id;
  }
  await recordRefund(deps.db, {
    orderId,
    amountCents: input.amountCents,
    reason: input.reason,
    providerReference,
    employeeId: employee.employeeId,
  });
  return (await orderView(deps.db, orderId))!;
}
