// Stripe webhooks: each event is processed once (its id is stored in the same transaction as its effect), and
// the order converges on the PaymentIntent's CURRENT state read from Stripe, so that duplicates, retries and
// events arriving out of order all end in the same place.
import { log } from '../../shared/logger.js';
import { cancelLockedBySystem, changeStatus } from '../orders/lifecycle.service.js';
import { lockOrder } from '../orders/orders.repository.js';
import type { OnlinePayments, PaymentDeps } from './online-payments.js';
import {
  claimEvent,
  setOrderPayment,
  stripePaymentByReference,
  updateStripePayment,
} from './payments.repository.js';
import { cardDeclinedMessage } from './payment-errors.js';
import type { StripeEventInfo } from './stripe.gateway.js';

export async function handleStripeEvent(
  deps: PaymentDeps,
  payments: OnlinePayments,
  event: StripeEventInfo,
): Promise<'processed' | 'duplicate' | 'ignored'> {
  const { db, gateway } = deps;
  const reference = event.paymentIntent?.id;
  const payment = reference ? await stripePaymentByReference(db, reference) : undefined;
  if (!payment) {
    // Not one of ours (or not about a payment): remember it so that a retry is not processed again.
    const claimed = await db.transaction((t) => claimEvent(db, t, event.id, event.type));
    return claimed ? 'ignored' : 'duplicate';
  }
  const intent = await gateway.retrieve(payment.reference);
  let settleAfter = false;
  const outcome = await db.transaction(async (t) => {
    if (!(await claimEvent(db, t, event.id, event.type))) return 'duplicate' as const;
    const order = await lockOrder(db, t, payment.orderId);
    const system = { type: 'system' as const };
    switch (intent.status) {
      case 'requires_capture':
      case 'succeeded': {
        const captured = intent.status === 'succeeded';
        await updateStripePayment(
          db,
          payment.reference,
          {
            status: captured ? 'succeeded' : 'requires_capture',
            amountCents: captured ? intent.amountReceivedCents : intent.amountCapturableCents,
            failureReason: null,
          },
          t,
        );
        if (order.status === 'pending_payment') {
          await setOrderPayment(db, t, order.id, {
            paymentStatus: captured ? 'paid' : 'authorized',
            failureReason: null,
          });
          await changeStatus(
            { db, bus: deps.bus },
            t,
            { ...order, paymentStatus: captured ? 'paid' : 'authorized' },
            'received',
            system,
            {},
            'Paiement en ligne confirmé',
          );
        } else if (order.status === 'cancelled') {
          settleAfter = true; // authorised or paid too late: give the money back
        } else if (captured) {
          await setOrderPayment(db, t, order.id, { paymentStatus: 'paid' });
        }
        break;
      }
      case 'canceled':
        await updateStripePayment(db, payment.reference, { status: 'canceled' }, t);
        await cancelLockedBySystem({ db, bus: deps.bus }, t, order, 'Paiement annulé chez Stripe');
        if (order.paymentStatus !== 'refunded' && order.paymentStatus !== 'partially_refunded') {
          await setOrderPayment(db, t, order.id, { paymentStatus: 'voided' });
        }
        break;
      default:
        if ((intent.lastErrorCode || intent.lastErrorMessage) && order.status === 'pending_payment') {
          // The customer reads the reason: a French sentence chosen by decline code, never Stripe's text.
          const reason = cardDeclinedMessage(intent.lastErrorCode);
          await updateStripePayment(db, payment.reference, { status: 'failed', failureReason: reason }, t);
          await setOrderPayment(db, t, order.id, { paymentStatus: 'failed', failureReason: reason });
        }
    }
    return 'processed' as const;
  });
  if (settleAfter) await payments.settleCancelled(payment.orderId, payment.reference);
  log().info({ eventId: event.id, type: event.type, intentStatus: intent.status, outcome }, 'stripe event');
  return outcome;
}
