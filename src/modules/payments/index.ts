// The payments module: online card payment (Stripe), money collected at the shop, refunds, the provider's
// webhook and the expiry of unpaid online orders. It alone writes payments, refunds and
// processed_webhook_events; an order's payment status is changed through the orders module's functions
// (`attachOrders(orders.forPayments)`), inside the same transaction. Online payment is on when a Stripe key is
// configured (always in production; optional elsewhere, where payment on delivery still works and /api/config
// says online payment is off).
import type { Settings } from '../../config/index.js';
import type { Database, Tx } from '../../db/executor.js';
import type { EventBus } from '../../realtime/events.js';
import type { Clock } from '../../shared/clock.js';
import type { EmployeePrincipal } from '../auth/index.js';
import type { OrderNotifier } from '../notifications/index.js';
import type { CollectedPaymentRecord, OrdersForPayments, PaymentHooks } from '../orders/index.js';
import { expireUnpaidOrders, startExpiryJob } from './expiry.job.js';
import { OnlinePayments } from './online-payments.js';
import type { PaymentDeps } from './payment-deps.js';
import { insertCollectedPayment } from './payments.repository.js';
import { correctPaymentMethod, type CorrectionInput } from './corrections.service.js';
import { refundOrder } from './refunds.service.js';
import { createStripeGateway, type PaymentGateway } from './stripe.gateway.js';
import { handleStripeEvent } from './webhook.service.js';

export type { OnlinePayments } from './online-payments.js';
export type { PaymentGateway, PaymentIntentInfo, RefundInfo, StripeEventInfo } from './stripe.gateway.js';
export { cardDeclinedMessage, InvalidSignatureError } from './payment-errors.js';
export { PAYMENT_PROVIDER_LABELS, providerLabel } from './provider-labels.js';

/** The Stripe gateway when its keys are configured, else undefined (online payment off). */
export { paymentsHolder } from './personal-data.js';
export { paymentsRouter, stripeWebhookRouter } from './payments.routes.js';
export function createStripeGatewayFrom(settings: Settings): PaymentGateway | undefined {
  const { apiKey, webhookSecret, apiBase, timeoutMs } = settings.stripe;
  if (!apiKey || !webhookSecret) return undefined;
  return createStripeGateway({ apiKey, webhookSecret, apiBase, timeoutMs });
}

export function createPaymentsService({
  db,
  clock,
  gateway,
  notify,
  journal,
}: {
  db: Database;
  /** Accepted for symmetry with the other services: payments publish through the orders module's functions. */
  bus?: EventBus;
  clock: Clock;
  gateway?: PaymentGateway;
  notify?: OrderNotifier;
  journal: PaymentDeps['journal'];
}) {
  let orders: OrdersForPayments | undefined;
  const deps: PaymentDeps = {
    db,
    clock,
    gateway,
    notify,
    journal,
    orders: () => {
      if (!orders) throw new Error('payments: attachOrders() has not been called');
      return orders;
    },
  };
  const online = gateway ? new OnlinePayments({ ...deps, gateway }) : undefined;
  const hooks: PaymentHooks = {
    online,
    recordCollectedPayment: (tx: Tx, payment: CollectedPaymentRecord) =>
      insertCollectedPayment(tx, payment, clock.now()),
  };

  return {
    /** Online card payment; undefined when no provider is configured (orders are then paid on delivery). */
    online,
    /** What the orders module calls (its `payments` dependency). */
    hooks,
    /** Plugs in the orders module's functions (orders.forPayments), once both services exist. */
    attachOrders(forPayments: OrdersForPayments): void {
      orders = forPayments;
    },
    /** A manager's refund of a paid order (through Stripe for online payments). */
    refund: (employee: EmployeePrincipal, orderId: string, input: { amountCents: number; reason: string }) =>
      refundOrder(deps, employee, orderId, input),
    /** « Corriger le moyen de paiement » of a payment collected at hand-over (manager, with a reason). */
    correctMethod: (employee: EmployeePrincipal, orderId: string, input: CorrectionInput) =>
      correctPaymentMethod(deps, employee, orderId, input),
    /** Verifies Stripe's signature over the raw body (400 invalid_signature), then processes the event once. */
    handleStripeWebhook: async (rawBody: Buffer, signature: string | undefined) => {
      if (!online || !gateway) throw new Error('online payment is not configured');
      return handleStripeEvent({ ...deps, gateway }, online, gateway.verifyWebhook(rawBody, signature));
    },
    /** Cancels the online orders unpaid after `minutes` (each once, across processes); returns how many. */
    expireUnpaidOrders: async (minutes: number) => (online ? expireUnpaidOrders(deps, online, minutes) : 0),
    /** Starts the periodic expiry in this process (only with online payment); returns a stop function. */
    startExpiryJob: (minutes: number, everyMs?: number) =>
      online ? startExpiryJob(deps, online, minutes, everyMs) : undefined,
  };
}

export type PaymentsService = ReturnType<typeof createPaymentsService>;
