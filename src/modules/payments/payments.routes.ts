// Payment endpoints: what the site may offer (/api/config), manager refunds, and Stripe's webhook (raw body,
// signature checked before anything else).
import express, { Router } from 'express';
import type { AppContext } from '../../app.js';
import { route } from '../../shared/openapi.js';
import { parse } from '../../shared/validate.js';
import { employeeOf, requireStaff } from '../auth/index.js';
import { orderIdParam } from '../orders/index.js';
import { configResponse, refundBody, refundResponse, webhookResponse } from './payments.schemas.js';

export function paymentsRouter(ctx: AppContext): Router {
  const { payments } = ctx.services;
  const router = Router();
  route(
    router,
    {
      method: 'get',
      path: '/config',
      tag: 'Paiement',
      summary: 'Moyens de paiement proposés ; clé publiable Stripe quand le paiement en ligne est actif',
      responses: { 200: configResponse },
    },
    (_req, res) => {
      const enabled = Boolean(payments.online);
      res.json({
        onlinePayment: {
          enabled,
          provider: 'stripe',
          publishableKey: enabled ? ctx.settings.stripe.publishableKey : null,
        },
        paymentMethods: [...(enabled ? ['card_online'] : []), 'card_on_delivery', 'cash', 'meal_voucher'],
      });
    },
  );
  route(
    router,
    {
      method: 'post',
      path: '/staff/orders/:orderId/refunds',
      tag: 'Paiement',
      auth: 'staff',
      summary: 'Rembourser tout ou partie d’une commande payée (motif obligatoire)',
      params: orderIdParam,
      body: refundBody,
      responses: { 200: refundResponse, 403: null, 404: null, 409: null, 422: null, 502: null, 503: null },
    },
    requireStaff('payments.refund'),
    async (req, res) => {
      const { orderId } = parse(orderIdParam, req.params);
      const body = parse(refundBody, req.body);
      // Money collected at the shop is refunded without the provider; online payments need it.
      res.json({ order: await payments.refund(employeeOf(req), orderId, body) });
    },
  );
  return router;
}

/** Mounted before the JSON body parser: the signature is computed over the exact bytes Stripe sent. */
export function stripeWebhookRouter(ctx: AppContext): Router {
  const { payments } = ctx.services;
  const router = Router();
  route(
    router,
    {
      method: 'post',
      path: '/payments/stripe/webhook',
      tag: 'Paiement',
      summary:
        'Webhook Stripe (signature Stripe-Signature vérifiée ; chaque événement traité une seule fois)',
      headers: { 'Stripe-Signature': { description: 'Signature de Stripe', required: true } },
      responses: { 200: webhookResponse, 400: null, 404: null, 500: null, 503: null },
    },
    express.raw({ type: '*/*', limit: '512kb' }),
    async (req, res) => {
      if (!payments.online) {
        res
          .status(404)
          .json({ error: { code: 'online_payment_disabled', message: 'Paiement en ligne désactivé.' } });
        return;
      }
      const outcome = await payments.handleStripeWebhook(req.body as Buffer, req.get('Stripe-Signature'));
      res.json({ received: true, outcome });
    },
  );
  return router;
}
