// A manager refunds an order fully or partly, with a reason: through Stripe for online payments, recorded
// for money handed back at the shop. Never more than what was paid and not yet refunded.
import { NotFoundError, ServiceUnavailableError, ValidationError } from '../../shared/errors.js';
import type { EmployeePrincipal } from '../auth/index.js';
import type { OrderView } from '../orders/index.js';
import { worksAt } from '../staff/index.js';
import type { PaymentDeps } from './payment-deps.js';
import { insertRefund, paidSummary } from './refunds.repository.js';

/** Writes a refund with the order's new payment status in one transaction (the order row locked first). */
export async function recordRefund(
  deps: PaymentDeps,
  r: {
    orderId: string;
    amountCents: number;
    reason: string;
    providerReference: string | null;
    employeeId: number | null;
  },
): Promise<void> {
  const orders = deps.orders();
  await deps.db.transaction(async (tx) => {
    await orders.lock(tx, r.orderId);
    const paid = await paidSummary(tx, r.orderId);
    if (!paid) throw new Error(`no settled payment to refund for order ${r.orderId}`);
    await insertRefund(tx, { ...r, paymentId: paid.paymentId }, deps.clock.now());
    const refunded = paid.refundedCents + r.amountCents;
    await orders.setPaymentStatus(tx, r.orderId, {
      paymentStatus: refunded >= paid.paidCents ? 'refunded' : 'partially_refunded',
    });
  });
}

export async function refundOrder(
  deps: PaymentDeps,
  employee: EmployeePrincipal,
  orderId: string,
  input: { amountCents: number; reason: string },
): Promise<OrderView> {
  const orders = deps.orders();
  const order = await orders.head(orderId);
  if (!order || !worksAt(employee, order.pizzeriaId))
    throw new NotFoundError('Commande introuvable.', 'order_not_found');
  const paid = await deps.db.read((ex) => paidSummary(ex, orderId));
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
  await recordRefund(deps, {
    orderId,
    amountCents: input.amountCents,
    reason: input.reason,
    providerReference,
    employeeId: employee.employeeId,
  });
  return (await orders.view(orderId))!;
}
