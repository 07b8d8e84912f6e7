// The Stripe gateway with the real `stripe` SDK, over HTTP, against the local fake Stripe server.
import { expect } from 'chai';
import { createServer } from 'node:net';
import {
  CardDeclinedError,
  InvalidSignatureError,
  PaymentProviderError,
  PaymentProviderUnavailableError,
} from '../../../src/modules/payments/payment-errors.js';
import { createStripeGateway, type PaymentGateway } from '../../../src/modules/payments/stripe.gateway.js';
import { startFakeStripe, type FakeStripeServer } from '../../fakes/stripe-server.js';

const API_KEY = 'sk_test_ocpizza_gateway_0123456789';
const WEBHOOK_SECRET = 'whsec_ocpizza_gateway_test';

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

function throwing(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('Stripe gateway (real SDK against the fake Stripe server)', function () {
  this.timeout(15_000);
  let fake: FakeStripeServer;
  let gateway: PaymentGateway;
  let n = 0;
  const key = (what: string) => `test-${what}-${++n}`;
  const order = (amountCents: number) => ({
    amountCents,
    orderId: String(1000 + n),
    orderNumber: `P01-${String(n).padStart(4, '0')}`,
    idempotencyKey: key('create'),
  });

  before(async () => {
    fake = await startFakeStripe({ apiKey: API_KEY });
    gateway = createStripeGateway({
      apiKey: API_KEY,
      webhookSecret: WEBHOOK_SECRET,
      apiBase: fake.apiBase,
      timeoutMs: 2_000,
      maxNetworkRetries: 1,
    });
  });
  beforeEach(() => fake.reset());
  after(async () => {
    await fake?.close();
  });

  describe('payment operations', () => {
    it('when a PaymentIntent is created, then Stripe gets EUR, manual capture, the order metadata and the Idempotency-Key', async () => {
      const input = { ...order(2590), customerEmail: 'camille.martin@example.fr' };
      const intent = await gateway.createPaymentIntent(input);

      expect(intent).to.include({
        status: 'requires_payment_method',
        amountCents: 2590,
        amountCapturableCents: 0,
        amountReceivedCents: 0,
        currency: 'eur',
        lastErrorMessage: null,
      });
      expect(intent.id).to.match(/^pi_/);
      expect(intent.clientSecret).to.match(new RegExp(`^${intent.id}_secret_`));
      expect(intent.metadata).to.deep.equal({ order_id: input.orderId, order_number: input.orderNumber });

      expect(fake.requests).to.have.length(1);
      const [request] = fake.requests;
      expect(request).to.include({ method: 'POST', path: '/v1/payment_intents', hasAuthorization: true });
      expect(request.idempotencyKey).to.equal(input.idempotencyKey);
      expect(request.body).to.deep.include({
        amount: '2590',
        currency: 'eur',
        capture_method: 'manual',
        automatic_payment_methods: { enabled: 'true' },
        metadata: { order_id: input.orderId, order_number: input.orderNumber },
        receipt_email: 'camille.martin@example.fr',
      });
      expect(JSON.stringify(fake.requests)).not.to.include(API_KEY);
    });

    it('when the same idempotency key is sent twice, then Stripe keeps one PaymentIntent and answers the same', async () => {
      const input = order(1800);
      const first = await gateway.createPaymentIntent(input);
      const second = await gateway.createPaymentIntent(input);

      expect(second).to.deep.equal(first);
      expect(fake.paymentIntents()).to.have.length(1);
      expect(fake.requests.map((r) => r.replayed)).to.deep.equal([false, true]);
    });

    it('when an idempotency key is reused for another amount, then 502 payment_provider_error and nothing is created', async () => {
      const input = order(1800);
      await gateway.createPaymentIntent(input);
      const error = await rejection(gateway.createPaymentIntent({ ...input, amountCents: 2400 }));

      expect(error).to.be.instanceOf(PaymentProviderError);
      expect(error).to.include({
        status: 502,
        code: 'payment_provider_error',
        providerCode: 'idempotency_error',
      });
      expect(fake.paymentIntents()).to.have.length(1);
    });

    it('when the amount changes before the customer pays, then Stripe gets the new amount with its key', async () => {
      const intent = await gateway.createPaymentIntent(order(2000));
      const updateKey = key('update');
      const updated = await gateway.updateAmount(intent.id, 2650, updateKey);

      expect(updated).to.include({ id: intent.id, amountCents: 2650, status: 'requires_payment_method' });
      const request = fake.requests[1];
      expect(request).to.include({ method: 'POST', path: `/v1/payment_intents/${intent.id}` });
      expect(request.body).to.deep.equal({ amount: '2650' });
      expect(request.idempotencyKey).to.equal(updateKey);
    });

    it('when the amount changes after authorisation, then Stripe refuses it (502, payment_intent_unexpected_state)', async () => {
      const intent = await gateway.createPaymentIntent(order(2000));
      fake.authorize(intent.id);
      const error = await rejection(gateway.updateAmount(intent.id, 2650, key('update')));

      expect(error).to.be.instanceOf(PaymentProviderError);
      expect(error).to.include({ status: 502, providerCode: 'payment_intent_unexpected_state' });
      expect(fake.paymentIntent(intent.id)).to.include({ amount: 2000, amount_capturable: 2000 });
    });

    it('when less than the authorised amount is captured, then the captured amount is received and the rest released', async () => {
      const intent = await gateway.createPaymentIntent(order(3000));
      fake.authorize(intent.id);
      expect(await gateway.retrieve(intent.id)).to.include({
        status: 'requires_capture',
        amountCapturableCents: 3000,
      });
      const captureKey = key('capture');
      const captured = await gateway.capture(intent.id, 2500, captureKey);

      expect(captured).to.include({
        status: 'succeeded',
        amountCents: 3000,
        amountReceivedCents: 2500,
        amountCapturableCents: 0,
      });
      const request = fake.requestsTo('POST', `/v1/payment_intents/${intent.id}/capture`)[0];
      expect(request.body).to.deep.equal({ amount_to_capture: '2500' });
      expect(request.idempotencyKey).to.equal(captureKey);
    });

    it('when more than the authorised amount is captured, then 502 amount_too_large and nothing is taken', async () => {
      const intent = await gateway.createPaymentIntent(order(3000));
      fake.authorize(intent.id);
      const error = await rejection(gateway.capture(intent.id, 3100, key('capture')));

      expect(error).to.include({ status: 502, providerCode: 'amount_too_large' });
      expect(fake.paymentIntent(intent.id)).to.include({ status: 'requires_capture', amount_received: 0 });
    });

    it('when an authorisation is cancelled, then it is void, the same key replays it and another key is refused', async () => {
      const intent = await gateway.createPaymentIntent(order(2200));
      fake.authorize(intent.id);
      const cancelKey = key('cancel');
      const canceled = await gateway.cancel(intent.id, cancelKey, 'requested_by_customer');

      expect(canceled).to.include({ status: 'canceled', amountCapturableCents: 0, amountReceivedCents: 0 });
      const request = fake.requestsTo('POST', `/v1/payment_intents/${intent.id}/cancel`)[0];
      expect(request.body).to.deep.equal({ cancellation_reason: 'requested_by_customer' });
      expect(request.idempotencyKey).to.equal(cancelKey);

      expect(await gateway.cancel(intent.id, cancelKey, 'requested_by_customer')).to.deep.equal(canceled);
      const error = await rejection(gateway.cancel(intent.id, key('cancel')));
      expect(error).to.include({ status: 502, providerCode: 'payment_intent_unexpected_state' });
    });

    it('when a captured payment is refunded in part, then Stripe refunds that amount with the reason in metadata', async () => {
      const intent = await gateway.createPaymentIntent(order(3000));
      fake.authorize(intent.id);
      await gateway.capture(intent.id, 2500, key('capture'));
      const refundKey = key('refund');
      const refund = await gateway.refund({
        paymentIntentId: intent.id,
        amountCents: 1000,
        idempotencyKey: refundKey,
        reason: 'Pizza manquante à la livraison',
        orderId: '42',
      });

      expect(refund).to.include({ status: 'succeeded', amountCents: 1000 });
      expect(refund.id).to.match(/^re_/);
      const request = fake.requestsTo('POST', '/v1/refunds')[0];
      expect(request.idempotencyKey).to.equal(refundKey);
      expect(request.body).to.deep.equal({
        payment_intent: intent.id,
        amount: '1000',
        metadata: { order_id: '42', reason: 'Pizza manquante à la livraison' },
      });
      expect(fake.refundedCents(intent.id)).to.equal(1000);

      const tooMuch = await rejection(
        gateway.refund({ paymentIntentId: intent.id, amountCents: 1600, idempotencyKey: key('refund') }),
      );
      expect(tooMuch).to.include({ status: 502, providerCode: 'amount_too_large' });
      const rest = await gateway.refund({
        paymentIntentId: intent.id,
        amountCents: 1500,
        idempotencyKey: key('refund'),
        reason: 'requested_by_customer',
      });
      expect(rest.amountCents).to.equal(1500);
      expect(fake.requestsTo('POST', '/v1/refunds')[2].body).to.include({ reason: 'requested_by_customer' });
      expect(fake.refundedCents(intent.id)).to.equal(2500);
    });

    it('when the customer’s card is declined, then retrieve shows the reason and the decline code', async () => {
      const intent = await gateway.createPaymentIntent(order(1500));
      fake.decline(intent.id, 'Your card has insufficient funds.', 'insufficient_funds');
      const seen = await gateway.retrieve(intent.id);

      expect(seen).to.include({
        status: 'requires_payment_method',
        lastErrorMessage: 'Your card has insufficient funds.',
        lastErrorCode: 'insufficient_funds',
      });
      expect(fake.requests[1]).to.include({ method: 'GET', idempotencyKey: null });
    });

    it('when a whole flow runs, then every mutating call carried the caller’s idempotency key', async () => {
      const intent = await gateway.createPaymentIntent(order(4000));
      await gateway.updateAmount(intent.id, 3800, key('update'));
      fake.authorize(intent.id);
      await gateway.capture(intent.id, 3800, key('capture'));
      await gateway.refund({ paymentIntentId: intent.id, amountCents: 800, idempotencyKey: key('refund') });
      const other = await gateway.createPaymentIntent(order(1200));
      await gateway.cancel(other.id, key('cancel'), 'abandoned');

      const posts = fake.requests.filter((r) => r.method === 'POST');
      expect(posts).to.have.length(6);
      for (const post of posts)
        expect(post.idempotencyKey).to.match(/^test-(create|update|capture|refund|cancel)-/);
    });
  });

  describe('errors', () => {
    it('when the card is declined, then 402 card_declined with a French message and no provider text', async () => {
      fake.failNext({
        status: 402,
        type: 'card_error',
        code: 'card_declined',
        declineCode: 'insufficient_funds',
        message: 'Your card has insufficient funds.',
      });
      const error = await rejection(gateway.createPaymentIntent(order(2000)));

      expect(error).to.be.instanceOf(CardDeclinedError);
      expect(error).to.include({ status: 402, code: 'card_declined', declineCode: 'insufficient_funds' });
      expect(error.message).to.match(/^Paiement refusé par votre banque/);
      expect(error.message).not.to.include('insufficient funds');
      expect(fake.requests).to.have.length(1);
    });

    it('when a card is reported stolen, then the customer only gets the generic refusal', async () => {
      fake.failNext({ status: 402, type: 'card_error', code: 'card_declined', declineCode: 'stolen_card' });
      const error = await rejection(gateway.createPaymentIntent(order(2000)));

      expect(error.message).to.equal(
        'Paiement refusé par votre banque. Essayez une autre carte ou choisissez le paiement à la livraison.',
      );
    });

    it('when Stripe answers 500, then the SDK retries once with the same key, then 503 payment_provider_unavailable', async () => {
      fake.failNext({ status: 500, type: 'api_error', message: 'Internal error', times: 5 });
      const input = order(2000);
      const error = await rejection(gateway.createPaymentIntent(input));

      expect(error).to.be.instanceOf(PaymentProviderUnavailableError);
      expect(error).to.include({ status: 503, code: 'payment_provider_unavailable', retryAfterSeconds: 10 });
      expect(error.message).to.match(/^Le paiement en ligne est momentanément indisponible/);
      expect(fake.requests.map((r) => r.idempotencyKey)).to.deep.equal([
        input.idempotencyKey,
        input.idempotencyKey,
      ]);
      expect(fake.paymentIntents()).to.have.length(0);
    });

    it('when Stripe fails once with 500, then the SDK’s retry succeeds and one PaymentIntent exists', async () => {
      fake.failNext({ status: 500, type: 'api_error' });
      const intent = await gateway.createPaymentIntent(order(2000));

      expect(intent.status).to.equal('requires_payment_method');
      expect(fake.requests).to.have.length(2);
      expect(fake.paymentIntents()).to.have.length(1);
    });

    it('when no option is given, then the SDK retries once (two attempts in all)', async () => {
      const defaults = createStripeGateway({
        apiKey: API_KEY,
        webhookSecret: WEBHOOK_SECRET,
        apiBase: fake.apiBase,
      });
      fake.failNext({ status: 503, type: 'api_error', times: 5 });
      const error = await rejection(defaults.retrieve('pi_unknown'));

      expect(error).to.include({ status: 503, code: 'payment_provider_unavailable' });
      expect(fake.requests).to.have.length(2);
    });

    it('when every answer is slower than the timeout, then 503 within a bounded time', async () => {
      const impatient = createStripeGateway({
        apiKey: API_KEY,
        webhookSecret: WEBHOOK_SECRET,
        apiBase: fake.apiBase,
        timeoutMs: 300,
        maxNetworkRetries: 1,
      });
      fake.delayNext(5_000, 2);
      const input = order(2000);
      const started = Date.now();
      const error = await rejection(impatient.createPaymentIntent(input));
      const elapsed = Date.now() - started;

      expect(error).to.be.instanceOf(PaymentProviderUnavailableError);
      // Two attempts of 300 ms and the SDK's back-off (0.5 to 1 s) between them.
      expect(elapsed).to.be.below(3_000);
      expect(fake.requests.map((r) => r.idempotencyKey)).to.deep.equal([
        input.idempotencyKey,
        input.idempotencyKey,
      ]);

      // Stripe did the work before the client gave up: the same key returns that one PaymentIntent.
      const again = await impatient.createPaymentIntent(input);
      expect(fake.paymentIntents().map((pi) => pi.id)).to.deep.equal([again.id]);
    });

    it('when only the first answer is too slow, then the SDK’s retry replays it and nothing is created twice', async () => {
      const impatient = createStripeGateway({
        apiKey: API_KEY,
        webhookSecret: WEBHOOK_SECRET,
        apiBase: fake.apiBase,
        timeoutMs: 300,
      });
      fake.delayNext(5_000);
      const intent = await impatient.createPaymentIntent(order(2000));

      expect(fake.paymentIntents().map((pi) => pi.id)).to.deep.equal([intent.id]);
      expect(fake.requests.map((r) => r.replayed)).to.deep.equal([false, true]);
    });

    it('when nothing answers at the API address, then 503 payment_provider_unavailable', async () => {
      const unreachable = createStripeGateway({
        apiKey: API_KEY,
        webhookSecret: WEBHOOK_SECRET,
        apiBase: `http://127.0.0.1:${await closedPort()}`,
        maxNetworkRetries: 0,
      });
      const error = await rejection(unreachable.retrieve('pi_x'));

      expect(error).to.include({ status: 503, code: 'payment_provider_unavailable' });
    });

    it('when the API key is wrong, then 502 payment_provider_error that never repeats the key', async () => {
      const wrongKey = 'sk_test_wrong_key_do_not_echo_4242';
      const misconfigured = createStripeGateway({
        apiKey: wrongKey,
        webhookSecret: WEBHOOK_SECRET,
        apiBase: fake.apiBase,
      });
      const error = await rejection(misconfigured.createPaymentIntent(order(2000)));

      expect(error).to.be.instanceOf(PaymentProviderError);
      expect(error).to.include({ status: 502, code: 'payment_provider_error', providerStatus: 401 });
      expect(error.message).not.to.include('4242');
      expect(JSON.stringify(error)).not.to.include('4242');
      expect(fake.requests).to.have.length(1);
    });

    it('when a PaymentIntent does not exist, then 502 with resource_missing for the caller’s rules', async () => {
      const error = await rejection(gateway.retrieve('pi_does_not_exist'));

      expect(error).to.include({ status: 502, providerCode: 'resource_missing', providerStatus: 404 });
    });

    it('when an amount is not positive integer cents or a key is missing, then nothing is sent', async () => {
      await rejection(gateway.createPaymentIntent(order(19.99)));
      await rejection(gateway.createPaymentIntent({ ...order(2000), idempotencyKey: '' }));
      await rejection(gateway.capture('pi_x', 0, key('capture')));

      expect(fake.requests).to.have.length(0);
    });
  });

  describe('webhooks', () => {
    it('when a payload is signed with the endpoint secret, then the event and its PaymentIntent are read', async () => {
      const intent = await gateway.createPaymentIntent(order(2700));
      const event = fake.authorize(intent.id);
      const { body, header } = fake.signedWebhook(event, WEBHOOK_SECRET);
      const info = gateway.verifyWebhook(Buffer.from(body), header);

      expect(info).to.include({ id: event.id, type: 'payment_intent.amount_capturable_updated' });
      expect(info.created).to.be.a('number');
      expect(info.paymentIntent).to.include({
        id: intent.id,
        status: 'requires_capture',
        amountCents: 2700,
        amountCapturableCents: 2700,
      });
      expect(info.paymentIntent?.metadata).to.deep.equal(intent.metadata);
    });

    it('when a declined payment is signalled, then the event carries the reason', async () => {
      const intent = await gateway.createPaymentIntent(order(2700));
      const event = fake.decline(intent.id, 'Your card was declined.', 'generic_decline');
      const { body, header } = fake.signedWebhook(event, WEBHOOK_SECRET);
      const info = gateway.verifyWebhook(Buffer.from(body), header);

      expect(info.type).to.equal('payment_intent.payment_failed');
      expect(info.paymentIntent).to.include({
        status: 'requires_payment_method',
        lastErrorMessage: 'Your card was declined.',
        lastErrorCode: 'generic_decline',
      });
    });

    it('when an event is not about a PaymentIntent, then it is verified with paymentIntent null', async () => {
      const intent = await gateway.createPaymentIntent(order(2000));
      fake.authorize(intent.id);
      await gateway.capture(intent.id, 2000, key('capture'));
      await gateway.refund({ paymentIntentId: intent.id, amountCents: 500, idempotencyKey: key('refund') });
      const refundEvent = fake.events.find((e) => e.type === 'refund.created')!;
      const { body, header } = fake.signedWebhook(refundEvent, WEBHOOK_SECRET);

      expect(gateway.verifyWebhook(Buffer.from(body), header)).to.include({
        type: 'refund.created',
        paymentIntent: null,
      });
    });

    it('when the payload is forged, the header missing, the secret wrong or the signature stale, then 400 invalid_signature', async () => {
      const intent = await gateway.createPaymentIntent(order(2000));
      const event = fake.authorize(intent.id);
      const { body, header } = fake.signedWebhook(event, WEBHOOK_SECRET);
      const forged = body.replace('"amount_capturable": 2000', '"amount_capturable": 1');
      expect(forged).not.to.equal(body);
      const otherSecret = fake.signedWebhook(event, 'whsec_someone_else');
      const stale = fake.signedWebhook(event, WEBHOOK_SECRET, {
        timestamp: Math.floor(Date.now() / 1000) - 3600,
      });

      for (const [raw, signature] of [
        [forged, header],
        [body, undefined],
        [body, ''],
        [body, 'not a signature'],
        [otherSecret.body, otherSecret.header],
        [stale.body, stale.header],
      ] as const) {
        const error = throwing(() => gateway.verifyWebhook(Buffer.from(raw), signature));
        expect(error).to.be.instanceOf(InvalidSignatureError);
        expect(error).to.include({ status: 400, code: 'invalid_signature' });
      }
    });

    it('when the body was already parsed as JSON, then it is a wiring error, not a bad signature', async () => {
      const intent = await gateway.createPaymentIntent(order(2000));
      const event = fake.authorize(intent.id);
      const { header } = fake.signedWebhook(event, WEBHOOK_SECRET);
      const error = throwing(() => gateway.verifyWebhook(event as unknown as Buffer, header));

      expect(error).to.be.instanceOf(TypeError);
    });
  });
});
