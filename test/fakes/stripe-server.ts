// A small Stripe-compatible API for tests: the real `stripe` SDK talks to it over HTTP (STRIPE_API_BASE). It
// keeps PaymentIntents and refunds in memory with Stripe's state rules, answers Stripe-shaped JSON and errors,
// honours Idempotency-Key like Stripe, records every request, and can fail or slow down on demand. Helpers play
// the customer's part (authorise or decline a card) and build signed webhook events.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { stripeTestSignatureHeader } from '../../src/modules/payments/stripe.gateway.js';

export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type FormBody = { [key: string]: FormValue };

export interface RecordedRequest {
  method: string;
  path: string;
  body: FormBody;
  /** Lower-case names; the Authorization value is never kept. */
  headers: Record<string, string>;
  idempotencyKey: string | null;
  hasAuthorization: boolean;
  /** Filled when the answer is sent (0 while a delayed answer waits). */
  status: number;
  /** The stored answer of an earlier request with the same Idempotency-Key was sent again. */
  replayed: boolean;
}

export interface FakePaymentIntent {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_capturable: number;
  amount_received: number;
  currency: string;
  capture_method: string;
  automatic_payment_methods: { enabled: boolean } | null;
  client_secret: string;
  created: number;
  description: string | null;
  metadata: Record<string, string>;
  receipt_email: string | null;
  status: string;
  last_payment_error: Record<string, unknown> | null;
  latest_charge: string | null;
  payment_method: string | null;
  payment_method_types: string[];
  cancellation_reason: string | null;
  canceled_at: number | null;
  livemode: false;
}

export interface FakeRefund {
  id: string;
  object: 'refund';
  amount: number;
  currency: string;
  payment_intent: string;
  charge: string | null;
  status: string;
  reason: string | null;
  metadata: Record<string, string>;
  created: number;
}

export interface FakeStripeEvent {
  id: string;
  object: 'event';
  api_version: string | null;
  created: number;
  livemode: false;
  pending_webhooks: number;
  request: { id: null; idempotency_key: null };
  type: string;
  data: { object: FakePaymentIntent | FakeRefund };
}

export interface InjectedFailure {
  status: number;
  type: string;
  code?: string;
  message?: string;
  declineCode?: string;
  /** How many requests in a row fail (default 1): the SDK's own retries count. */
  times?: number;
}

interface Outcome {
  status: number;
  body: unknown;
}

class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly code: string | undefined,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;
const now = () => Math.floor(Date.now() / 1000);
const clone = <T>(v: T): T => structuredClone(v);
const invalid = (message: string, code?: string, param?: string) =>
  new StripeApiError(400, 'invalid_request_error', code, message, param ? { param } : {});
const UNCONFIRMED = ['requires_payment_method', 'requires_confirmation', 'requires_action'];
const CANCELABLE = [...UNCONFIRMED, 'requires_capture', 'processing'];
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Decodes a form body as the SDK writes it: `metadata[order_id]=…`, `expand[0]=…`, nested objects. */
export function parseStripeForm(text: string): FormBody {
  const root: FormBody = {};
  const decode = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
  for (const pair of text.split('&').filter(Boolean)) {
    const eq = pair.indexOf('=');
    const key = decode(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? '' : decode(pair.slice(eq + 1));
    const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
    const path = match ? [match[1], ...[...match[2].matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1])] : [key];
    if (path.some((p) => UNSAFE_KEYS.has(p))) continue;
    let node = root as Record<string, FormValue>;
    path.forEach((segment, i) => {
      const name = segment === '' ? String(Object.keys(node).length) : segment;
      if (i === path.length - 1) node[name] = value;
      else {
        if (typeof node[name] !== 'object') node[name] = {};
        node = node[name] as Record<string, FormValue>;
      }
    });
  }
  const arrays = (v: FormValue): FormValue => {
    if (typeof v === 'string' || Array.isArray(v)) return v;
    const keys = Object.keys(v);
    const out = Object.fromEntries(keys.map((k) => [k, arrays(v[k])]));
    return keys.length > 0 && keys.every((k, i) => k === String(i)) ? keys.map((k) => out[k]) : out;
  };
  return arrays(root) as FormBody;
}

function integer(body: FormBody, param: string, required: boolean): number | undefined {
  const raw = body[param];
  if (raw === undefined) {
    if (required) throw invalid(`Missing required param: ${param}.`, 'parameter_missing', param);
    return undefined;
  }
  if (typeof raw !== 'string' || !/^\d+$/.test(raw)) {
    throw invalid(`Invalid integer: ${String(raw)}`, 'parameter_invalid_integer', param);
  }
  return Number(raw);
}

function metadataOf(body: FormBody): Record<string, string> | undefined {
  const raw = body.metadata;
  if (raw === undefined) return undefined;
  if (typeof raw !== 'object' || Array.isArray(raw))
    throw invalid('Invalid metadata.', undefined, 'metadata');
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v !== 'string' || v.length > 500 || k.length > 40) {
      throw invalid(`Invalid value for metadata[${k}].`, 'parameter_invalid_string', `metadata[${k}]`);
    }
  }
  return raw as Record<string, string>;
}

function chargeAmount(amount: number, param = 'amount'): number {
  if (amount < 50) throw invalid('Amount must be at least €0.50 eur', 'amount_too_small', param);
  if (amount > 99_999_999)
    throw invalid('Amount must be no more than €999,999.99', 'amount_too_large', param);
  return amount;
}

function oneOf(body: FormBody, param: string, allowed: string[]): string | undefined {
  const v = body[param];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !allowed.includes(v)) {
    throw invalid(
      `Invalid ${param}: must be one of ${allowed.join(', ')}`,
      'parameter_invalid_string',
      param,
    );
  }
  return v;
}

export class FakeStripeServer {
  apiBase = '';
  readonly requests: RecordedRequest[] = [];
  readonly events: FakeStripeEvent[] = [];
  private readonly intents = new Map<string, FakePaymentIntent>();
  private readonly refundList: FakeRefund[] = [];
  private readonly idempotent = new Map<string, { fingerprint: string; outcome: Outcome }>();
  private readonly failures: InjectedFailure[] = [];
  private readonly delays: number[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private apiVersion: string | null = null;
  private readonly server: Server;

  /** `apiKey`: when given, any other key is refused with 401 like Stripe; else any Bearer key is accepted. */
  constructor(private readonly options: { apiKey?: string } = {}) {
    this.server = createServer((req, res) => this.receive(req, res));
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.apiBase = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Forgets everything (intents, refunds, keys, requests, events, pending failures and delays). */
  reset(): void {
    for (const list of [this.requests, this.events, this.refundList, this.failures, this.delays])
      list.length = 0;
    this.intents.clear();
    this.idempotent.clear();
  }

  /** The next request(s) fail with this Stripe error before doing anything (nothing stored for idempotency). */
  failNext(failure: InjectedFailure): void {
    for (let i = 0; i < (failure.times ?? 1); i++) this.failures.push(failure);
  }

  /** Stripe is back: failures still queued by failNext are dropped. */
  recover(): void {
    this.failures.length = 0;
  }

  /** The next request(s) take effect at once but are answered `ms` later (past the client's timeout). */
  delayNext(ms: number, times = 1): void {
    for (let i = 0; i < times; i++) this.delays.push(ms);
  }

  requestsTo(method: string, pathPrefix: string): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && r.path.startsWith(pathPrefix));
  }

  paymentIntent(piId: string): FakePaymentIntent | undefined {
    const pi = this.intents.get(piId);
    return pi && clone(pi);
  }

  paymentIntents(): FakePaymentIntent[] {
    return [...this.intents.values()].map(clone);
  }

  refunds(): FakeRefund[] {
    return this.refundList.map(clone);
  }

  refundedCents(piId: string): number {
    return this.refundList.filter((r) => r.payment_intent === piId).reduce((s, r) => s + r.amount, 0);
  }

  /** The customer confirms and the bank authorises: requires_capture (manual) or succeeded (automatic). */
  authorize(piId: string): FakeStripeEvent {
    const pi = this.customerStep(piId);
    Object.assign(pi, { last_payment_error: null, payment_method: id('pm'), latest_charge: id('ch') });
    if (pi.capture_method === 'manual') {
      Object.assign(pi, { status: 'requires_capture', amount_capturable: pi.amount });
      return this.emit('payment_intent.amount_capturable_updated', pi);
    }
    Object.assign(pi, { status: 'succeeded', amount_received: pi.amount });
    return this.emit('payment_intent.succeeded', pi);
  }

  /** The customer's bank refuses: the intent stays requires_payment_method with last_payment_error. */
  decline(
    piId: string,
    message = 'Your card was declined.',
    declineCode = 'generic_decline',
  ): FakeStripeEvent {
    const pi = this.customerStep(piId);
    const paymentMethod = id('pm');
    Object.assign(pi, {
      status: 'requires_payment_method',
      payment_method: null,
      last_payment_error: {
        type: 'card_error',
        code: 'card_declined',
        decline_code: declineCode,
        message,
        payment_method: { id: paymentMethod, object: 'payment_method', type: 'card' },
      },
    });
    return this.emit('payment_intent.payment_failed', pi);
  }

  /** The authorisation lapses (about 7 days for cards): Stripe cancels the intent itself. */
  expireAuthorization(piId: string): FakeStripeEvent {
    const pi = this.stored(piId);
    if (pi.status !== 'requires_capture') throw new Error(`${piId} is ${pi.status}, not requires_capture`);
    Object.assign(pi, {
      status: 'canceled',
      amount_capturable: 0,
      cancellation_reason: 'automatic',
      canceled_at: now(),
    });
    return this.emit('payment_intent.canceled', pi);
  }

  /** An event of `type` with a snapshot of the intent as it is now (not recorded in `events`). */
  eventFor(type: string, pi: FakePaymentIntent | string): FakeStripeEvent {
    return this.event(type, typeof pi === 'string' ? this.stored(pi) : pi);
  }

  /** The body and Stripe-Signature header Stripe would send, signed with the SDK's own test helper. */
  signedWebhook(
    event: object,
    secret: string,
    options: { timestamp?: number } = {},
  ): { body: string; header: string } {
    const body = JSON.stringify(event, null, 2);
    return { body, header: stripeTestSignatureHeader(body, secret, options.timestamp) };
  }

  private stored(piId: string): FakePaymentIntent {
    const pi = this.intents.get(piId);
    if (!pi) throw new Error(`no PaymentIntent ${piId} in the fake`);
    return pi;
  }

  private customerStep(piId: string): FakePaymentIntent {
    const pi = this.stored(piId);
    if (!UNCONFIRMED.includes(pi.status))
      throw new Error(`${piId} is ${pi.status}: the customer cannot pay it`);
    return pi;
  }

  private event(type: string, object: FakePaymentIntent | FakeRefund): FakeStripeEvent {
    return {
      id: id('evt'),
      object: 'event',
      api_version: this.apiVersion,
      created: now(),
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
      data: { object: clone(object) },
    };
  }

  private emit(type: string, object: FakePaymentIntent | FakeRefund): FakeStripeEvent {
    const event = this.event(type, object);
    this.events.push(event);
    return clone(event);
  }

  private receive(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k, k === 'authorization' ? '[present]' : String(v)]),
      );
      const record: RecordedRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        body: parseStripeForm(Buffer.concat(chunks).toString('utf8')),
        headers,
        idempotencyKey: headers['idempotency-key'] ?? null,
        hasAuthorization: Boolean(req.headers.authorization),
        status: 0,
        replayed: false,
      };
      this.requests.push(record);
      this.apiVersion = headers['stripe-version'] ?? this.apiVersion;
      const outcome = this.answer(record, req.headers.authorization);
      const delay = this.delays.shift();
      const send = () => {
        record.status = outcome.status;
        if (res.destroyed) return;
        res.writeHead(outcome.status, {
          'Content-Type': 'application/json',
          'Request-Id': id('req'),
          ...(record.replayed ? { 'Idempotent-Replayed': 'true' } : {}),
        });
        res.end(JSON.stringify(outcome.body));
      };
      if (delay === undefined) send();
      else {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          send();
        }, delay);
        this.timers.add(timer);
      }
    });
  }

  private answer(record: RecordedRequest, authorization: string | undefined): Outcome {
    const error = (e: StripeApiError): Outcome => ({
      status: e.status,
      body: { error: { type: e.type, ...(e.code ? { code: e.code } : {}), message: e.message, ...e.extra } },
    });
    const key = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
    if (!key)
      return error(
        new StripeApiError(401, 'invalid_request_error', undefined, 'You did not provide an API key.'),
      );
    if (this.options.apiKey && key !== this.options.apiKey) {
      const masked = `${key.slice(0, 8)}${'*'.repeat(8)}${key.slice(-4)}`;
      return error(
        new StripeApiError(401, 'invalid_request_error', undefined, `Invalid API Key provided: ${masked}`),
      );
    }
    const failure = this.failures.shift();
    if (failure) {
      const extra = failure.declineCode ? { decline_code: failure.declineCode } : {};
      const message = failure.message ?? 'Injected failure.';
      return error(new StripeApiError(failure.status, failure.type, failure.code, message, extra));
    }
    const fingerprint = JSON.stringify([record.method, record.path, record.body]);
    const stored =
      record.method === 'POST' && record.idempotencyKey
        ? this.idempotent.get(record.idempotencyKey)
        : undefined;
    if (stored) {
      if (stored.fingerprint !== fingerprint) {
        return error(
          new StripeApiError(
            400,
            'idempotency_error',
            undefined,
            `Keys for idempotent requests can only be used with the same parameters they were first used with. ` +
              `Try using a key other than '${record.idempotencyKey}' if you meant to execute a different request.`,
          ),
        );
      }
      record.replayed = true;
      return stored.outcome;
    }
    let outcome: Outcome;
    try {
      outcome = { status: 200, body: this.route(record) };
    } catch (e) {
      // A bug of the fake itself answers like a Stripe outage rather than crashing the test process.
      outcome = error(
        e instanceof StripeApiError ? e : new StripeApiError(500, 'api_error', undefined, String(e)),
      );
    }
    if (record.method === 'POST' && record.idempotencyKey) {
      this.idempotent.set(record.idempotencyKey, { fingerprint, outcome });
    }
    return outcome;
  }

  private route(r: RecordedRequest): unknown {
    const m = /^\/v1\/payment_intents(?:\/([^/]+)(?:\/(capture|cancel))?)?$/.exec(r.path);
    if (r.method === 'POST' && r.path === '/v1/refunds') return this.createRefund(r.body);
    if (!m)
      throw new StripeApiError(
        404,
        'invalid_request_error',
        undefined,
        `Unrecognized request URL (${r.method}: ${r.path}).`,
      );
    const [, piId, action] = m;
    if (!piId && r.method === 'POST') return this.createIntent(r.body);
    const pi = piId ? this.intents.get(piId) : undefined;
    if (!pi) {
      throw new StripeApiError(
        404,
        'invalid_request_error',
        'resource_missing',
        `No such payment_intent: '${piId}'`,
        {
          param: 'intent',
        },
      );
    }
    if (r.method === 'GET' && !action) return clone(pi);
    if (r.method !== 'POST')
      throw new StripeApiError(404, 'invalid_request_error', undefined, 'Unrecognized request URL.');
    if (action === 'capture') return this.capture(pi, r.body);
    if (action === 'cancel') return this.cancel(pi, r.body);
    return this.update(pi, r.body);
  }

  private createIntent(body: FormBody): FakePaymentIntent {
    const amount = chargeAmount(integer(body, 'amount', true)!);
    if (typeof body.currency !== 'string')
      throw invalid('Missing required param: currency.', 'parameter_missing', 'currency');
    const captureMethod =
      oneOf(body, 'capture_method', ['automatic', 'automatic_async', 'manual']) ?? 'automatic_async';
    const automatic = body.automatic_payment_methods as Record<string, string> | undefined;
    const piId = id('pi');
    const pi: FakePaymentIntent = {
      id: piId,
      object: 'payment_intent',
      amount,
      amount_capturable: 0,
      amount_received: 0,
      currency: body.currency.toLowerCase(),
      capture_method: captureMethod,
      automatic_payment_methods: automatic ? { enabled: automatic.enabled === 'true' } : null,
      client_secret: `${piId}_secret_${randomBytes(12).toString('hex')}`,
      created: now(),
      description: typeof body.description === 'string' ? body.description : null,
      metadata: { ...metadataOf(body) },
      receipt_email: typeof body.receipt_email === 'string' ? body.receipt_email : null,
      status: 'requires_payment_method',
      last_payment_error: null,
      latest_charge: null,
      payment_method: null,
      payment_method_types: ['card'],
      cancellation_reason: null,
      canceled_at: null,
      livemode: false,
    };
    this.intents.set(piId, pi);
    this.emit('payment_intent.created', pi);
    return clone(pi);
  }

  private update(pi: FakePaymentIntent, body: FormBody): FakePaymentIntent {
    const amount = integer(body, 'amount', false);
    if (amount !== undefined) {
      // As Stripe: once authorised (or finished) the amount is fixed; capture less, or cancel and start again.
      if (!UNCONFIRMED.includes(pi.status)) {
        throw invalid(
          `This PaymentIntent's amount could not be updated because it has a status of ${pi.status}. You may ` +
            `only update the amount of a PaymentIntent with one of the following statuses: ${UNCONFIRMED.join(', ')}.`,
          'payment_intent_unexpected_state',
        );
      }
      pi.amount = chargeAmount(amount);
    }
    for (const [k, v] of Object.entries(metadataOf(body) ?? {})) {
      if (v === '') delete pi.metadata[k];
      else pi.metadata[k] = v;
    }
    if (typeof body.description === 'string') pi.description = body.description;
    return clone(pi);
  }

  private capture(pi: FakePaymentIntent, body: FormBody): FakePaymentIntent {
    if (pi.status !== 'requires_capture') {
      throw invalid(
        `This PaymentIntent could not be captured because it has a status of ${pi.status}. Only a PaymentIntent ` +
          `with one of the following statuses may be captured: requires_capture.`,
        'payment_intent_unexpected_state',
      );
    }
    const amount = integer(body, 'amount_to_capture', false) ?? pi.amount_capturable;
    if (amount > pi.amount_capturable) {
      throw invalid(
        'The amount to capture must be less than or equal to the amount capturable.',
        'amount_too_large',
        'amount_to_capture',
      );
    }
    Object.assign(pi, { status: 'succeeded', amount_received: amount, amount_capturable: 0 });
    this.emit('payment_intent.succeeded', pi);
    return clone(pi);
  }

  private cancel(pi: FakePaymentIntent, body: FormBody): FakePaymentIntent {
    const reason = oneOf(body, 'cancellation_reason', [
      'abandoned',
      'duplicate',
      'fraudulent',
      'requested_by_customer',
    ]);
    if (!CANCELABLE.includes(pi.status)) {
      throw invalid(
        `You cannot cancel this PaymentIntent because it has a status of ${pi.status}. Only a PaymentIntent with ` +
          `one of the following statuses may be canceled: ${CANCELABLE.join(', ')}.`,
        'payment_intent_unexpected_state',
      );
    }
    Object.assign(pi, {
      status: 'canceled',
      amount_capturable: 0,
      cancellation_reason: reason ?? null,
      canceled_at: now(),
    });
    this.emit('payment_intent.canceled', pi);
    return clone(pi);
  }

  private createRefund(body: FormBody): FakeRefund {
    const piId = body.payment_intent;
    if (typeof piId !== 'string')
      throw invalid('Missing required param: payment_intent.', 'parameter_missing', 'payment_intent');
    const pi = this.intents.get(piId);
    if (!pi)
      throw new StripeApiError(
        404,
        'invalid_request_error',
        'resource_missing',
        `No such payment_intent: '${piId}'`,
      );
    if (pi.status !== 'succeeded') {
      throw invalid(
        'This PaymentIntent does not have a successful charge to refund.',
        'charge_not_refundable',
      );
    }
    const left = pi.amount_received - this.refundedCents(piId);
    const amount = integer(body, 'amount', false) ?? left;
    if (amount === 0) throw invalid('Invalid positive integer', 'parameter_invalid_integer', 'amount');
    if (left === 0)
      throw invalid(`Charge ${pi.latest_charge} has already been refunded.`, 'charge_already_refunded');
    if (amount > left) {
      throw invalid(
        `Refund amount (€${(amount / 100).toFixed(2)}) is greater than unrefunded amount on charge (€${(left / 100).toFixed(2)})`,
        'amount_too_large',
        'amount',
      );
    }
    const refund: FakeRefund = {
      id: id('re'),
      object: 'refund',
      amount,
      currency: pi.currency,
      payment_intent: piId,
      charge: pi.latest_charge,
      status: 'succeeded',
      reason: oneOf(body, 'reason', ['duplicate', 'fraudulent', 'requested_by_customer']) ?? null,
      metadata: { ...metadataOf(body) },
      created: now(),
    };
    this.refundList.push(refund);
    this.emit('refund.created', refund);
    return clone(refund);
  }
}

/** The app's settings that turn online payment on with the real Stripe SDK pointed at `stripe` (a test key). */
export function stripeSettings(stripe: FakeStripeServer, webhookSecret: string): Record<string, string> {
  return {
    STRIPE_API_KEY: 'sk_test_ocpizza',
    STRIPE_PUBLISHABLE_KEY: 'pk_test_ocpizza',
    STRIPE_WEBHOOK_SECRET: webhookSecret,
    STRIPE_API_BASE: stripe.apiBase,
  };
}

export async function startFakeStripe(options: { apiKey?: string } = {}): Promise<FakeStripeServer> {
  return new FakeStripeServer(options).listen();
}
