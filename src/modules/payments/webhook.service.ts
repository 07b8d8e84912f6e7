// Stripe webhooks: each event is processed once (its id is stored in the same transaction as its effect), and
// the order converges on the PaymentIntent's CURRENT state read from Stripe, so that duplicates, retries and
// events arriving out of order all end in the same place.
import { log } from '../../shared/logger.js';
import type { OnlinePayments } from './online-payments.js';
import type { OnlinePaymentDeps } from './payment-deps.js';
import {
  claimEvent,
  markCaptured,
  stripePaymentByReference,
  updateStripePayment,
} from './payments.repository.js';
import { cardDeclinedMessage } from './payment-errors.js';
import type { StripeEventInfo } from './stripe.gateway.js';

export async function handleStripeEvent(
  deps: OnlinePaymentDeps,
  payments: OnlinePayments,
  event: StripeEventInfo,
): Promise<'processed' | 'duplicate' | 'ignored'> {
  const { db, gateway, clock } = deps;
  const orders = deps.orders();
  const reference = event.paymentIntent?.id;
  const payment = reference ? await db.read((ex) => stripePaymentByReference(ex, reference)) : undefined;
  if (!payment) {
    // Not one of ours (or not about a payment): remember it so that a retry is not processed again.
    const claimed = await db.transaction((tx) => claimEvent(tx, event.id, event.type));
    return claimed ? 'ignored' : 'duplicate';
  }
  const intent = await gateway.retrieve(payment.reference);
  let settleAfter = false;
  const outcome = await db.transaction(async (tx) => {
    if (!(await claimEvent(tx, event.id, event.type))) return 'duplicate' as const;
    const order = (await orders.lock(tx, payment.orderId))!;
    const system = { type: 'system' as const };
    const at = clock.now();
    switch (intent.status) {
      case 'requires_capture':
      case 'succeeded': {
        const captured = intent.status === 'succeeded';
        // Captured now for the first time (the preparation start may have recorded it already): journalled last.
        const newlyCaptured =
          captured && (await markCaptured(tx, payment.reference, intent.amountReceivedCents, at));
        if (!captured) {
          await updateStripePayment(
            tx,
            payment.reference,
            { status: 'requires_capture', amountCents: intent.amountCapturableCents, failureReason: null },
            at,
          );
        }
        if (order.status === 'pending_payment') {
          await orders.setPaymentStatus(tx, order.id, {
            paymentStatus: captured ? 'paid' : 'authorized',
            failureReason: null,
          });
          await orders.changeStatus(
            tx,
            { ...order, paymentStatus: captured ? 'paid' : 'authorized' },
            'received',
            system,
            {},
            'Paiement en ligne confirmé',
          );
        } else if (order.status === 'cancelled') {
          settleAfter = true; // authorised or paid too late: give the money back
        } else if (captured) {
          await orders.setPaymentStatus(tx, order.id, { paymentStatus: 'paid' });
        }
        if (newlyCaptured) {
          const capture = { orderId: order.id, reference: payment.reference };
          await deps.journal.recordCapture(tx, { ...capture, amountCents: intent.amountReceivedCents });
          // Money taken for an order cancelled meanwhile: recorded as owed back (the refund follows).
          if (order.status === 'cancelled')
            await deps.journal.recordCancellation(tx, { ...capture, employeeId: null });
        }
        break;
      }
      case 'canceled':
        await updateStripePayment(tx, payment.reference, { status: 'canceled' }, at);
        await orders.cancelLockedBySystem(tx, order, 'Paiement annulé chez Stripe');
        if (order.paymentStatus !== 'refunded' && order.paymentStatus !== 'partially_refunded') {
          await orders.setPaymentStatus(tx, order.id, { paymentStatus: 'voided' });
        }
        break;
      default:
        if ((intent.lastErrorCode || intent.lastErrorMessage) && order.status === 'pending_payment') {
          // The customer reads the reason: a French sentence chosen by decline code, never Stripe's text.
          const reason = cardDeclinedMessage(intent.lastErrorCode);
          await updateStripePayment(tx, payment.reference, { status: 'failed', failureReason: reason }, at);
          await orders.setPaymentStatus(tx, order.id, { paymentStatus: 'failed', failureReason: reason });
          // One message per failed attempt: the event id is Stripe's, processed once.
          await deps.notify?.orderEvent(tx, {
            orderId: order.id,
            event: 'payment_failed',
            version: event.id,
            payload: { reason },
          });
        }
    }
    return 'processed' as const;
  });
  if (settleAfter) await payments.settleCancelled(payment.orderId, payment.reference);
  log().info({ eventId: event.id, type: event.type, intentStatus: intent.status, outcome }, 'stripe event');
  return outcome;
}
