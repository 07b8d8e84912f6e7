import { z } from 'zod';
import { text } from '../../shared/validate.js';
import { orderSchema } from '../orders/index.js';

export const configResponse = z.object({
  onlinePayment: z.object({
    enabled: z.boolean(),
    provider: z.literal('stripe'),
    publishableKey: z.string().nullable(),
  }),
  paymentMethods: z.array(z.enum(['card_online', 'card_on_delivery', 'cash', 'meal_voucher'])),
});

export const refundBody = z.object({
  amountCents: z.number().int().min(1).max(1_000_000),
  reason: text(3, 500, 'motif obligatoire'),
});

export const correctionBody = z.object({
  method: z
    .enum(['cash', 'card_terminal', 'meal_voucher'])
    .describe('Le moyen par lequel l’argent a réellement été encaissé'),
  reason: text(3, 500, 'motif obligatoire'),
});

/** What Stripe posts to the webhook (the fields the app reads; Stripe sends more). */
export const stripeEventBody = z
  .object({
    id: z.string().describe('evt_…'),
    object: z.literal('event'),
    type: z.string().describe('payment_intent.succeeded, payment_intent.payment_failed, charge.refunded…'),
    created: z.number().int(),
    livemode: z.boolean(),
    data: z.object({ object: z.looseObject({ id: z.string(), object: z.string() }) }),
  })
  .loose();

export const refundResponse = z.object({ order: orderSchema });
export const correctionResponse = z.object({ order: orderSchema });
export const webhookResponse = z.object({
  received: z.literal(true),
  outcome: z.enum(['processed', 'duplicate', 'ignored']),
});
