// A manager refunds an order fully or partly, with a reason: through Stripe for online payments, recorded
// for money handed back at the shop. Never more than what was paid and not yet refunded.
//
// Every refund is decided under the order's lock (taken through the orders module's `lock`), and the database
// has the last word (payments.refunded_cents CHECKed against amount_cents, refunds.provider_reference unique:
// see refunds.repository.ts).
// - Money handed back at the shop: checked and recorded in ONE transaction under the lock, so refunds sent at
//   once are taken one after the other and those past what is left are refused.
// - Stripe: the call is network, so no lock is held during it. We chose "check, call, record" over reserving
//   the amount first (a reservation whose answer is lost would need a resolver to release it):
//   1. under the lock, check what is left and derive the idempotency key from the payment's state
//      (refunded so far + amount), then let the lock go;
//   2. call Stripe with that key: requests sent at once for the same amount (a double click) carry the same key,
//      so Stripe makes ONE refund and answers all of them with it; a retry after a lost answer, while the state
//      is unchanged, gets the same refund back instead of a second one;
//   3. under the lock again, record it: the unique reference records it once (the others answer with the
//      order as it now is), and the CHECK refuses anything past the payment (409, logged: Stripe moved money
//      we could not record, to reconcile by hand). Stripe itself never refunds more than it captured, which is
//      the payment's amount_cents, so requests of different amounts at once are refused there (422).
import type { Tx } from '../../db/executor.js';
import {
  ConflictError,
  NotFoundError,
  ServiceUnavailableError,
  ValidationError,
} from '../../shared/errors.js';
import { log } from '../../shared/logger.js';
import type { EmployeePrincipal } from '../auth/index.js';
import type { OrderView } from '../orders/index.js';
import { worksAt } from '../staff/index.js';
import { PaymentProviderError } from './payment-errors.js';
import type { PaymentDeps } from './payment-deps.js';
import {
  insertRefund,
  isOverRefund,
  paidSummary,
  type NewRefund,
  type PaidSummary,
} from './refunds.repository.js';

const EXCEEDS_MESSAGE = 'Le remboursement dépasse ce qui reste payé sur cette commande.';
/** Stripe's refusals of a refund larger than what is left on the charge. */
const STRIPE_EXCEEDS = new Set(['amount_too_large', 'charge_already_refunded']);

/** Locks the order (an order's refunds are decided one at a time), then reads its settled payment. */
async function lockPaidSummary(deps: PaymentDeps, tx: Tx, orderId: string) {
  await deps.orders().lock(tx, orderId);
  return paidSummary(tx, orderId);
}

/**
 * Inside the caller's transaction, with the order locked: records a succeeded refund of the payment and has the
 * orders module set the order's payment status from the payment's new refunded total. False when the
 * provider's refund was already recorded. Throws the database's error on an over-refund (see isOverRefund).
 */
async function insertRefundLocked(deps: PaymentDeps, tx: Tx, paid: PaidSummary, r: NewRefund) {
  const at = deps.clock.now();
  const after = await insertRefund(tx, { ...r, paymentId: paid.paymentId }, at);
  if (!after) return false;
  await deps.orders().setPaymentStatus(tx, r.orderId, {
    paymentStatus: after.refundedCents >= after.paidCents ? 'refunded' : 'partially_refunded',
  });
  await deps.notify?.orderEvent(tx, {
    orderId: r.orderId,
    event: 'refunded',
    version: `refund-${after.id}`,
    payload: {
      amountCents: r.amountCents,
      refundedCents: after.refundedCents,
      paidCents: after.paidCents,
      reason: r.reason,
    },
  });
  // Last: it locks the shop's journal until commit.
  await deps.journal.recordRefund(tx, {
    orderId: r.orderId,
    amountCents: r.amountCents,
    provider: paid.provider,
    employeeId: r.employeeId,
    reference: `refund-${after.id}`,
    at,
  });
  return true;
}

/** Records a refund the provider made, in its own transaction under the order's lock. False when the
 * provider's refund was already recorded. */
export async function recordRefund(deps: PaymentDeps, r: NewRefund): Promise<boolean> {
  return deps.db.transaction(async (tx) => {
    const paid = await lockPaidSummary(deps, tx, r.orderId);
    if (!paid) throw new Error(`no settled payment to refund for order ${r.orderId}`);
    return insertRefundLocked(deps, tx, paid, r);
  });
}

function assertRefundable(paid: PaidSummary | undefined, amountCents: number): asserts paid is PaidSummary {
  if (!paid)
    throw new ValidationError(
      'Cette commande n’a pas été payée : rien à rembourser.',
      undefined,
      'nothing_to_refund',
    );
  const refundable = paid.paidCents - paid.refundedCents;
  if (amountCents > refundable) {
    throw new ValidationError(EXCEEDS_MESSAGE, { refundableCents: refundable }, 'refund_exceeds_paid');
  }
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
  const refund: NewRefund = {
    orderId,
    amountCents: input.amountCents,
    reason: input.reason,
    providerReference: null,
    employeeId: employee.employeeId,
  };
  try {
    const stripePayment = await deps.db.transaction(async (tx) => {
      const paid = await lockPaidSummary(deps, tx, orderId);
      assertRefundable(paid, input.amountCents);
      if (paid.provider === 'stripe') return paid;
      await insertRefundLocked(deps, tx, paid, refund);
      return undefined;
    });
    if (stripePayment) {
      if (!deps.gateway)
        throw new ServiceUnavailableError(
          'payment_provider_unavailable',
          'Le paiement en ligne n’est pas configuré.',
        );
      const made = await deps.gateway
        .refund({
          paymentIntentId: stripePayment.reference!,
          amountCents: input.amountCents,
          // One refund per state of the payment: a retried or doubled request does not refund twice.
          idempotencyKey: `order-${orderId}-refund-${stripePayment.refundedCents}-${input.amountCents}`,
        })
        .catch((error: unknown) => {
          if (error instanceof PaymentProviderError && STRIPE_EXCEEDS.has(error.providerCode ?? '')) {
            throw new ValidationError(EXCEEDS_MESSAGE, undefined, 'refund_exceeds_paid');
          }
          throw error;
        });
      refund.providerReference = made.id;
      await recordRefund(deps, { ...refund, amountCents: made.amountCents }).catch((error: unknown) => {
        if (isOverRefund(error)) {
          log().error(
            { orderId, providerRefund: made.id, amountCents: made.amountCents },
            'Stripe refunded more than the records allow: reconcile by hand',
          );
        }
        throw error;
      });
    }
  } catch (error) {
    if (isOverRefund(error)) throw new ConflictError('refund_exceeds_paid', EXCEEDS_MESSAGE);
    throw error;
  }
  return (await orders.view(orderId))!;
}
