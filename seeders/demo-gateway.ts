// The demo's payment provider: there is no Stripe in the demo data. This in-process gateway implements the
// PaymentGateway interface of the payments module (as src/modules/payments/stripe.gateway.ts does for Stripe), so
// that the demo orders paid online go through the product's own functions: placement starts the payment
// (createPaymentIntent), the customer pays (`customerPays`: authorised at once, no 3-D Secure, no decline), and the
// confirmation reaches the payments service as Stripe's signed webhook would (`services.payments
// .handleStripeWebhook`), which reads the PaymentIntent back with `retrieve`. Capture, cancellation and refunds
// settle at once. Ids: pi_demo_…, re_demo_…, evt_demo_…. Nothing here is used by the application itself.
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import {
  InvalidSignatureError,
  type PaymentGateway,
  type PaymentIntentInfo,
  type RefundInfo,
  type StripeEventInfo,
} from '../src/modules/payments/index.js';

/** A signed webhook delivery, as the payments service's webhook route receives it. */
export interface DemoWebhook {
  rawBody: Buffer;
  signature: string;
}

export interface DemoGateway extends PaymentGateway {
  /**
   * The customer authorises the payment in their browser (Stripe.js, with the client secret placement gave);
   * returns the webhook the provider then sends.
   */
  customerPays(clientSecret: string): DemoWebhook;
}

const VOIDABLE = ['requires_payment_method', 'requires_confirmation', 'requires_action', 'requires_capture'];

/** A new demo gateway; its intents live as long as it does (one seeding run). */
export function createDemoGateway(): DemoGateway {
  const secret = randomBytes(32);
  const intents = new Map<string, PaymentIntentInfo>();
  const refunds = new Map<string, RefundInfo>();
  const sign = (payload: string) => createHmac('sha256', secret).update(payload).digest('hex');

  const intent = (id: string): PaymentIntentInfo => {
    const found = intents.get(id);
    if (!found) throw new Error(`demo gateway: no such PaymentIntent ${id}`);
    return found;
  };
  const change = (id: string, fields: Partial<PaymentIntentInfo>): PaymentIntentInfo => {
    const next = { ...intent(id), ...fields };
    intents.set(id, next);
    return { ...next };
  };
  const positive = (amountCents: number) => {
    if (!Number.isInteger(amountCents) || amountCents <= 0)
      throw new RangeError('payment amounts are positive integer cents');
    return amountCents;
  };

  return {
    async createPaymentIntent(i) {
      // One intent per idempotency key, as at Stripe: a retried creation returns the same intent.
      const id = `pi_demo_${createHmac('sha256', 'pi').update(i.idempotencyKey).digest('hex').slice(0, 24)}`;
      if (!intents.has(id)) {
        intents.set(id, {
          id,
          status: 'requires_payment_method',
          amountCents: positive(i.amountCents),
          amountCapturableCents: 0,
          amountReceivedCents: 0,
          clientSecret: `${id}_secret_demo`,
          metadata: { order_id: i.orderId, order_number: i.orderNumber },
          lastErrorMessage: null,
          lastErrorCode: null,
          currency: 'eur',
        });
      }
      return { ...intent(id) };
    },

    async updateAmount(id, amountCents) {
      if (intent(id).status !== 'requires_payment_method')
        throw new Error(`demo gateway: ${id} is no longer editable`);
      return change(id, { amountCents: positive(amountCents) });
    },

    async capture(id, amountToCaptureCents) {
      const current = intent(id);
      if (current.status === 'succeeded') return { ...current };
      if (current.status !== 'requires_capture') throw new Error(`demo gateway: ${id} is not authorised`);
      const captured = Math.min(positive(amountToCaptureCents), current.amountCapturableCents);
      return change(id, { status: 'succeeded', amountReceivedCents: captured, amountCapturableCents: 0 });
    },

    async cancel(id) {
      const current = intent(id);
      if (current.status === 'canceled') return { ...current };
      if (!VOIDABLE.includes(current.status)) throw new Error(`demo gateway: ${id} cannot be cancelled`);
      return change(id, { status: 'canceled', amountCapturableCents: 0 });
    },

    async refund(i) {
      const id = `re_demo_${createHmac('sha256', 're').update(i.idempotencyKey).digest('hex').slice(0, 24)}`;
      if (!refunds.has(id)) {
        const paid = intent(i.paymentIntentId).amountReceivedCents;
        if (positive(i.amountCents) > paid) throw new Error(`demo gateway: refund above what was paid`);
        refunds.set(id, { id, status: 'succeeded', amountCents: i.amountCents });
      }
      return { ...refunds.get(id)! };
    },

    async retrieve(id) {
      return { ...intent(id) };
    },

    customerPays(clientSecret) {
      const id = clientSecret.split('_secret_')[0];
      const authorised = change(id, {
        status: 'requires_capture',
        amountCapturableCents: intent(id).amountCents,
      });
      const event = {
        id: `evt_demo_${randomUUID().replaceAll('-', '')}`,
        object: 'event',
        type: 'payment_intent.amount_capturable_updated',
        created: Math.floor(Date.now() / 1000),
        data: { object: { object: 'payment_intent', ...authorised } },
      };
      const rawBody = Buffer.from(JSON.stringify(event));
      return { rawBody, signature: sign(rawBody.toString('utf8')) };
    },

    verifyWebhook(rawBody, signatureHeader): StripeEventInfo {
      if (!signatureHeader) throw new InvalidSignatureError('no signature');
      const expected = Buffer.from(sign(rawBody.toString('utf8')));
      const given = Buffer.from(signatureHeader);
      if (expected.length !== given.length || !timingSafeEqual(expected, given))
        throw new InvalidSignatureError('signature mismatch');
      const event = JSON.parse(rawBody.toString('utf8')) as {
        id: string;
        type: string;
        created: number;
        data: { object: PaymentIntentInfo & { object: string } };
      };
      const { object: _object, ...paymentIntent } = event.data.object;
      return { id: event.id, type: event.type, created: event.created, paymentIntent };
    },
  };
}
