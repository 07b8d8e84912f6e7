// Payment endpoints: what the site may offer (/api/config), manager refunds, and Stripe's webhook (raw body,
// signature checked before anything else).
import express, { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../app.js';
import { route } from '../../shared/openapi.js';
import { orderIdParam } from '../orders/index.js';
import {
  configResponse,
  correctionBody,
  correctionResponse,
  refundBody,
  refundResponse,
  stripeEventBody,
  webhookResponse,
} from './payments.schemas.js';

export function paymentsRouter(ctx: AppContext): Router {
  const { payments } = ctx.services;
  const router = Router();
  route(
    router,
    {
      method: 'get',
      path: '/config',
      operationId: 'getPaymentConfig',
      tag: 'Paiement',
      summary: 'Moyens de paiement proposés ; clé publiable Stripe quand le paiement en ligne est actif',
      responses: { 200: configResponse },
    },
    (_input, _req, res) => {
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
      operationId: 'refundOrder',
      tag: 'Paiement',
      auth: { staff: 'payments.refund' },
      summary: 'Rembourser tout ou partie d’une commande payée (motif obligatoire)',
      params: orderIdParam,
      body: refundBody,
      responses: { 200: refundResponse, 403: null, 404: null, 409: null, 422: null, 502: null, 503: null },
    },
    async ({ params, body, principal }, _req, res) => {
      // Money collected at the shop is refunded without the provider; online payments need it.
      res.json({ order: await payments.refund(principal, params.orderId, body) });
    },
  );
  route(
    router,
    {
      method: 'post',
      path: '/staff/orders/:orderId/payment-correction',
      operationId: 'correctPaymentMethod',
      tag: 'Paiement',
      auth: { staff: 'payments.correct' },
      summary:
        'Corriger le moyen de paiement enregistré à la remise (espèces, carte au terminal, titres-restaurant ; ' +
        'motif obligatoire) : écritures de correction au journal des ventes et dans le FEC du jour',
      params: orderIdParam,
      body: correctionBody,
      responses: { 200: correctionResponse, 403: null, 404: null, 409: null, 422: null },
    },
    async ({ params, body, principal }, _req, res) => {
      res.json({ order: await payments.correctMethod(principal, params.orderId, body) });
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
      operationId: 'receiveStripeEvent',
      tag: 'Paiement',
      summary:
        'Webhook Stripe (signature Stripe-Signature vérifiée ; chaque événement traité une seule fois)',
      headers: {
        'Stripe-Signature': {
          description: 'Signature de Stripe (t=…,v1=…)',
          required: true,
          schema: z.string().min(1),
          error: { code: 'invalid_signature', message: 'Signature Stripe absente ou invalide.' },
        },
      },
      rawBody: {
        schema: stripeEventBody,
        description:
          'Un événement Stripe tel que Stripe l’envoie ; la signature porte sur les octets exacts du corps, ' +
          'quel que soit son Content-Type. Un corps vide ou sans signature valide : 400 invalid_signature.',
      },
      responses: { 200: webhookResponse, 400: null, 404: null, 500: null, 503: null },
      before: [
        // Without online payment there is no webhook, whatever is sent.
        (_req, res, next) => {
          if (payments.online) return next();
          res
            .status(404)
            .json({ error: { code: 'online_payment_disabled', message: 'Paiement en ligne désactivé.' } });
        },
        // Every body is read as bytes, with or without a Content-Type, so that a missing or empty one is refused
        // as an invalid signature (400) like any other body Stripe did not sign.
        express.raw({ type: () => true, limit: '512kb' }),
      ],
    },
    async ({ headers }, req, res) => {
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const outcome = await payments.handleStripeWebhook(raw, headers['Stripe-Signature']);
      res.json({ received: true, outcome });
    },
  );
  return router;
}
