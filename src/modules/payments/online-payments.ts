// Online card payment, chosen so that the money taken always equals the final total of the order:
// - placement: a PaymentIntent with MANUAL capture for the order total; the customer authorises it in the
//   browser (Payment Element); the webhook turns the order from pending_payment to received;
// - modification before preparation: refused while the payment is in progress; once authorised, a lower
//   total is fine (only the final total is captured) and a higher one is refused (the card was not
//   authorised for it: cancel and order again);
// - preparation start: the final total is captured (then and only then is money taken);
// - cancellation or expiry: the authorisation is voided first; anything captured (a late webhook) is refunded.
// Provider calls never happen while the order or stock rows are locked.
import type { Tx } from '../../db/executor.js';
import { ConflictError } from '../../shared/errors.js';
import { log } from '../../shared/logger.js';
import type { OnlinePaymentHooks, OrderHead, OrdersForPayments, OrderView } from '../orders/index.js';
import type { OnlinePaymentDeps } from './payment-deps.js';
import { PaymentProviderError, PaymentProviderUnavailableError } from './payment-errors.js';
import {
  markCaptured,
  recordStripePayment,
  setCaptureRequested,
  stripePaymentOfOrder,
  updateStripePayment,
} from './payments.repository.js';
import { recordRefund } from './refunds.service.js';

/** Stripe refused a capture or a void because the other one happened first. */
const isUnexpectedState = (error: unknown) =>
  error instanceof PaymentProviderError && error.providerCode === 'payment_intent_unexpected_state';

const VOIDABLE = [
  'requires_payment_method',
  'requires_confirmation',
  'requires_action',
  'requires_capture',
  'processing',
];

export class OnlinePayments implements OnlinePaymentHooks {
  constructor(private readonly deps: OnlinePaymentDeps) {}

  private get orders(): OrdersForPayments {
    return this.deps.orders();
  }

  async startOnlinePayment(order: OrderView): Promise<{ clientSecret: string }> {
    const { db, gateway } = this.deps;
    const existing = await db.read((ex) => stripePaymentOfOrder(ex, order.id));
    if (existing) return { clientSecret: (await gateway.retrieve(existing.reference)).clientSecret! };
    const head = (await this.orders.head(order.id))!;
    try {
      const intent = await gateway.createPaymentIntent({
        amountCents: order.totalCents,
        orderId: order.id,
        orderNumber: order.number,
        idempotencyKey: `order-${order.id}-v${head.version}-create`,
      });
      await db.transaction((tx) =>
        recordStripePayment(tx, order.id, intent.id, intent.amountCents, this.deps.clock.now()),
      );
      return { clientSecret: intent.clientSecret! };
    } catch (error) {
      // Nothing half done: no payment at the provider → the order is cancelled, its stock released, and its
      // idempotency key freed so that the customer can simply try again.
      await this.orders.systemCancel(order.id, 'Paiement en ligne indisponible à la commande');
      await db.transaction((tx) => this.orders.clearIdempotencyKey(tx, order.id));
      throw error;
    }
  }

  async checkModification(tx: Tx, order: OrderHead, newTotalCents: number): Promise<void> {
    if (order.paymentMethod !== 'card_online') return;
    if (order.status === 'pending_payment') {
      throw new ConflictError(
        'payment_in_progress',
        'Votre paiement est en cours : finalisez-le avant de modifier la commande, ou annulez-la.',
      );
    }
    const payment = await stripePaymentOfOrder(tx, order.id);
    // The preparation is starting: its capture is claimed or done, and a change now would not be what is taken.
    if (order.paymentStatus === 'paid' || payment?.captureRequestedAt) {
      throw new ConflictError(
        'order_locked',
        'La préparation de votre commande commence : elle ne peut plus être modifiée.',
        { status: order.status },
      );
    }
    if (order.paymentStatus !== 'authorized') return;
    if (payment && newTotalCents > payment.amountCents) {
      throw new ConflictError(
        'payment_reauthorization_required',
        'Votre carte a été autorisée pour un montant inférieur : annulez cette commande et commandez à nouveau.',
        { authorizedCents: payment.amountCents, newTotalCents },
      );
    }
  }

  async beforePreparation(order: OrderHead): Promise<void> {
    if (order.paymentMethod !== 'card_online' || order.paymentStatus === 'paid') return;
    const { db, gateway, clock } = this.deps;
    // The capture is claimed under the order's lock (orders' `lock`, in this transaction) before Stripe is
    // called: from then on a modification is refused (checkModification), so the total read here is the one
    // the order keeps, and it is captured.
    const claim = await db.transaction(async (tx) => {
      const locked = await this.orders.lock(tx, order.id);
      // Gone (the step answers 404) or captured meanwhile by another start.
      if (!locked || locked.paymentStatus === 'paid') return undefined;
      const payment = await stripePaymentOfOrder(tx, order.id);
      if (locked.paymentStatus !== 'authorized' || !payment) {
        throw new ConflictError(
          'payment_not_confirmed',
          'Le paiement en ligne de cette commande n’est pas confirmé.',
        );
      }
      await setCaptureRequested(tx, payment.reference, true, clock.now());
      return { reference: payment.reference, totalCents: locked.totalCents, version: locked.version };
    });
    if (!claim) return;
    let intent;
    try {
      intent = await gateway.capture(
        claim.reference,
        claim.totalCents,
        `order-${order.id}-v${claim.version}-capture`,
      );
    } catch (error) {
      // Nothing was captured: the claim is given back. When the outcome is unknown (Stripe unreachable) it is
      // kept, so that the order stays as it is until a retried start captures it with the same key.
      if (!(error instanceof PaymentProviderUnavailableError)) {
        await db.transaction((tx) => setCaptureRequested(tx, claim.reference, false, clock.now()));
      }
      // Voided meanwhile (a cancellation reached Stripe first): the order cannot be prepared.
      if (isUnexpectedState(error)) {
        throw new ConflictError(
          'payment_not_confirmed',
          'Le paiement en ligne de cette commande a été annulé : elle ne peut pas être préparée.',
        );
      }
      throw error;
    }
    await db.transaction(async (tx) => {
      const captured = await markCaptured(tx, claim.reference, intent.amountReceivedCents, clock.now());
      await this.orders.setPaymentStatus(tx, order.id, { paymentStatus: 'paid' });
      if (captured) {
        await this.deps.journal.recordCapture(tx, {
          orderId: order.id,
          amountCents: intent.amountReceivedCents,
          reference: claim.reference,
        });
      }
    });
  }

  async beforeCancellation(order: OrderHead): Promise<void> {
    const { db, gateway } = this.deps;
    const payment = await db.read((ex) => stripePaymentOfOrder(ex, order.id));
    if (!payment) return;
    // Stripe decides between a cancellation and a preparation starting at the same moment: whichever of the
    // void and the capture reaches it first wins, and the other is refused there. Once captured, the order is
    // being prepared: refuse to cancel it rather than cancel an order whose money was taken.
    const preparing = () =>
      new ConflictError(
        'order_locked',
        'La préparation de la commande a commencé : elle ne peut plus être annulée.',
        { status: 'preparing' },
      );
    const intent = await gateway.retrieve(payment.reference);
    if (intent.status === 'succeeded') throw preparing();
    if (!VOIDABLE.includes(intent.status)) return;
    try {
      await gateway.cancel(payment.reference, `order-${order.id}-void`);
    } catch (error) {
      if (isUnexpectedState(error)) throw preparing(); // captured between our read and our void
      throw error;
    }
    await db.transaction((tx) =>
      updateStripePayment(tx, payment.reference, { status: 'canceled' }, this.deps.clock.now()),
    );
  }

  /** Voids the authorisation of a cancelled order, or refunds what was captured. */
  async settleCancelled(orderId: string, reference: string): Promise<void> {
    const { db, gateway } = this.deps;
    const intent = await gateway.retrieve(reference);
    if (VOIDABLE.includes(intent.status)) {
      await gateway.cancel(reference, `order-${orderId}-void`);
      await db.transaction(async (tx) => {
        await updateStripePayment(tx, reference, { status: 'canceled' }, this.deps.clock.now());
        await this.orders.setPaymentStatus(tx, orderId, { paymentStatus: 'voided' });
      });
    } else if (intent.status === 'succeeded' && intent.amountReceivedCents > 0) {
      const refund = await gateway.refund({
        paymentIntentId: reference,
        amountCents: intent.amountReceivedCents,
        idempotencyKey: `order-${orderId}-cancel-refund`,
        reason: 'requested_by_customer',
      });
      await recordRefund(this.deps, {
        orderId,
        amountCents: refund.amountCents,
        reason: 'Commande annulée après encaissement',
        providerReference: refund.id,
        employeeId: null,
      });
    }
    log().info({ orderId, intentStatus: intent.status }, 'online payment of a cancelled order settled');
  }
}
