// Stripe gateway: the only module importing `stripe`. Everything else sees the PaymentGateway interface, plain
// objects in integer cents, and typed errors (payment-errors.ts). Every mutating call carries the caller's
// idempotency key, so a retry (ours, or the SDK's own after a timeout) never charges twice.
import Stripe from 'stripe';
import {
  CardDeclinedError,
  InvalidSignatureError,
  PaymentProviderError,
  PaymentProviderUnavailableError,
} from './payment-errors.js';

export interface PaymentIntentInfo {
  id: string;
  /** Stripe's status: requires_payment_method, requires_action, processing, requires_capture, succeeded, canceled… */
  status: string;
  amountCents: number;
  /** Authorised and not yet captured (manual capture): what `capture` may still take. */
  amountCapturableCents: number;
  amountReceivedCents: number;
  /** For the customer's browser (Stripe.js) only; never log it. */
  clientSecret: string | null;
  metadata: Record<string, string>;
  /** Stripe's own (English) message of the last failed attempt; show `cardDeclinedMessage(lastErrorCode)`. */
  lastErrorMessage: string | null;
  /** Decline code (e.g. insufficient_funds) or error code of the last failed attempt. */
  lastErrorCode: string | null;
  currency: string;
}

export interface StripeEventInfo {
  id: string;
  type: string;
  /** Unix seconds. */
  created: number;
  /** The PaymentIntent as it was when the event happened (payment_intent.* events), else null. */
  paymentIntent: PaymentIntentInfo | null;
}

export interface RefundInfo {
  id: string;
  /** pending, requires_action, succeeded, failed or canceled. */
  status: string;
  amountCents: number;
}

export type CancellationReason = 'abandoned' | 'requested_by_customer' | 'duplicate' | 'fraudulent';

export interface PaymentGateway {
  /** EUR, manual capture (authorise now, capture later), automatic payment methods, order id/number in metadata. */
  createPaymentIntent(i: {
    amountCents: number;
    orderId: string;
    orderNumber: string;
    idempotencyKey: string;
    customerEmail?: string;
  }): Promise<PaymentIntentInfo>;
  /** Stripe allows it only before authorisation (requires_payment_method / requires_confirmation / requires_action). */
  updateAmount(id: string, amountCents: number, idempotencyKey: string): Promise<PaymentIntentInfo>;
  /** Captures at most the authorised amount; the rest of the authorisation is released. */
  capture(id: string, amountToCaptureCents: number, idempotencyKey: string): Promise<PaymentIntentInfo>;
  cancel(id: string, idempotencyKey: string, reason?: CancellationReason): Promise<PaymentIntentInfo>;
  /** `reason`: free text kept in the refund's metadata (and passed as Stripe's reason when it is one of its values). */
  refund(i: {
    paymentIntentId: string;
    amountCents: number;
    idempotencyKey: string;
    reason?: string;
    orderId?: string;
  }): Promise<RefundInfo>;
  retrieve(id: string): Promise<PaymentIntentInfo>;
  /** Checks the Stripe-Signature header against the raw body; throws InvalidSignatureError (400). */
  verifyWebhook(rawBody: Buffer, signatureHeader: string | undefined): StripeEventInfo;
}

export interface StripeGatewayOptions {
  apiKey: string;
  webhookSecret: string;
  /** Origin of a Stripe-compatible server (tests); null/undefined: Stripe itself. */
  apiBase?: string | null;
  /** Per attempt; default 8000. */
  timeoutMs?: number;
  /** The SDK's own retries on connection errors, timeouts, 409 and 5xx (with the same idempotency key); 0–2, default 1. */
  maxNetworkRetries?: number;
}

const DEFAULT_TIMEOUT_MS = 8_000;
const DEFAULT_MAX_NETWORK_RETRIES = 1;
const STRIPE_REFUND_REASONS = new Set(['duplicate', 'fraudulent', 'requested_by_customer']);
const METADATA_VALUE_MAX = 500;

function endpoint(
  apiBase: string | null | undefined,
): Pick<Stripe.StripeConfig, 'host' | 'port' | 'protocol'> {
  if (!apiBase) return {};
  const url = new URL(apiBase);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error('createStripeGateway: apiBase must be an http(s) origin');
  }
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return {
    protocol,
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : protocol === 'http' ? 80 : 443,
  };
}

function integerIn(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`createStripeGateway: ${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}

function checkAmount(amountCents: number): number {
  if (!Number.isInteger(amountCents) || amountCents <= 0) {
    throw new RangeError('payment amounts are positive integer cents');
  }
  return amountCents;
}

function checkKey(idempotencyKey: string): string {
  if (typeof idempotencyKey !== 'string' || idempotencyKey.length === 0 || idempotencyKey.length > 255) {
    throw new RangeError('an idempotency key of 1 to 255 characters is required for every Stripe change');
  }
  return idempotencyKey;
}

function toPaymentIntentInfo(pi: Stripe.PaymentIntent): PaymentIntentInfo {
  const lastError = pi.last_payment_error;
  return {
    id: pi.id,
    status: pi.status,
    amountCents: pi.amount,
    amountCapturableCents: pi.amount_capturable ?? 0,
    amountReceivedCents: pi.amount_received ?? 0,
    clientSecret: pi.client_secret ?? null,
    metadata: { ...(pi.metadata ?? {}) },
    lastErrorMessage: lastError?.message ?? null,
    lastErrorCode: lastError?.decline_code ?? lastError?.code ?? null,
    currency: pi.currency,
  };
}

/** Stripe's errors become typed errors carrying no provider message, key or card detail. */
function toPaymentError(error: unknown): unknown {
  if (!(error instanceof Stripe.errors.StripeError)) return error;
  const requestId = error.requestId ?? null;
  if (error instanceof Stripe.errors.StripeCardError) {
    return new CardDeclinedError(error.decline_code ?? error.code ?? null);
  }
  if (
    error instanceof Stripe.errors.StripeConnectionError ||
    error instanceof Stripe.errors.StripeAPIError ||
    error instanceof Stripe.errors.StripeRateLimitError ||
    (error.statusCode !== undefined && error.statusCode >= 500)
  ) {
    return new PaymentProviderUnavailableError(requestId);
  }
  return new PaymentProviderError(error.code ?? error.rawType ?? null, error.statusCode ?? null, requestId);
}

async function call<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    throw toPaymentError(error);
  }
}

function toEventInfo(event: unknown): StripeEventInfo {
  const e = event as { id?: unknown; type?: unknown; created?: unknown; data?: { object?: unknown } };
  if (typeof e?.id !== 'string' || typeof e.type !== 'string' || typeof e.created !== 'number') {
    throw new InvalidSignatureError('signed payload is not a Stripe event');
  }
  const object = e.data?.object as { object?: unknown } | undefined;
  const paymentIntent =
    e.type.startsWith('payment_intent.') && object?.object === 'payment_intent'
      ? toPaymentIntentInfo(object as Stripe.PaymentIntent)
      : null;
  return { id: e.id, type: e.type, created: e.created, paymentIntent };
}

export function createStripeGateway(opts: StripeGatewayOptions): PaymentGateway {
  if (!opts.apiKey) throw new Error('createStripeGateway: apiKey is required');
  if (!opts.webhookSecret) throw new Error('createStripeGateway: webhookSecret is required');
  const webhookSecret = opts.webhookSecret;
  const stripe = new Stripe(opts.apiKey, {
    ...endpoint(opts.apiBase),
    timeout: integerIn('timeoutMs', opts.timeoutMs ?? DEFAULT_TIMEOUT_MS, 1, 60_000),
    maxNetworkRetries: integerIn(
      'maxNetworkRetries',
      opts.maxNetworkRetries ?? DEFAULT_MAX_NETWORK_RETRIES,
      0,
      2,
    ),
    telemetry: false,
  });

  return {
    async createPaymentIntent(i) {
      const params: Stripe.PaymentIntentCreateParams = {
        amount: checkAmount(i.amountCents),
        currency: 'eur',
        capture_method: 'manual',
        automatic_payment_methods: { enabled: true },
        description: `OC Pizza, commande ${i.orderNumber}`,
        metadata: { order_id: i.orderId, order_number: i.orderNumber },
      };
      if (i.customerEmail) params.receipt_email = i.customerEmail;
      const pi = await call(() =>
        stripe.paymentIntents.create(params, { idempotencyKey: checkKey(i.idempotencyKey) }),
      );
      return toPaymentIntentInfo(pi);
    },

    async updateAmount(id, amountCents, idempotencyKey) {
      const pi = await call(() =>
        stripe.paymentIntents.update(
          id,
          { amount: checkAmount(amountCents) },
          { idempotencyKey: checkKey(idempotencyKey) },
        ),
      );
      return toPaymentIntentInfo(pi);
    },

    async capture(id, amountToCaptureCents, idempotencyKey) {
      const pi = await call(() =>
        stripe.paymentIntents.capture(
          id,
          { amount_to_capture: checkAmount(amountToCaptureCents) },
          { idempotencyKey: checkKey(idempotencyKey) },
        ),
      );
      return toPaymentIntentInfo(pi);
    },

    async cancel(id, idempotencyKey, reason) {
      const params: Stripe.PaymentIntentCancelParams = reason ? { cancellation_reason: reason } : {};
      const pi = await call(() =>
        stripe.paymentIntents.cancel(id, params, { idempotencyKey: checkKey(idempotencyKey) }),
      );
      return toPaymentIntentInfo(pi);
    },

    async refund(i) {
      const params: Stripe.RefundCreateParams = {
        payment_intent: i.paymentIntentId,
        amount: checkAmount(i.amountCents),
      };
      const metadata: Record<string, string> = {};
      if (i.orderId) metadata.order_id = i.orderId;
      if (i.reason) {
        metadata.reason = i.reason.slice(0, METADATA_VALUE_MAX);
        if (STRIPE_REFUND_REASONS.has(i.reason)) params.reason = i.reason as Stripe.RefundCreateParams.Reason;
      }
      if (Object.keys(metadata).length > 0) params.metadata = metadata;
      const refund = await call(() =>
        stripe.refunds.create(params, { idempotencyKey: checkKey(i.idempotencyKey) }),
      );
      return { id: refund.id, status: refund.status ?? 'pending', amountCents: refund.amount };
    },

    async retrieve(id) {
      return toPaymentIntentInfo(await call(() => stripe.paymentIntents.retrieve(id)));
    },

    verifyWebhook(rawBody, signatureHeader) {
      // A parsed body cannot be verified: that is a wiring bug (JSON parser before the route), not a bad request.
      if (!Buffer.isBuffer(rawBody))
        throw new TypeError('verifyWebhook needs the raw request body (a Buffer)');
      if (!signatureHeader) throw new InvalidSignatureError('no Stripe-Signature header');
      let event: unknown;
      try {
        event = stripe.webhooks.constructEvent(rawBody, signatureHeader, webhookSecret);
      } catch (error) {
        throw new InvalidSignatureError(error instanceof Error ? error.message : 'signature check failed');
      }
      return toEventInfo(event);
    },
  };
}

/**
 * The SDK's own test-signature helper (Stripe-Signature header for `payload` signed with `secret`), exposed here
 * so that test fakes sign webhooks with the real SDK while this file stays the only one importing `stripe`.
 */
export function stripeTestSignatureHeader(payload: string, secret: string, timestamp?: number): string {
  return Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });
}
