// Customer ordering API: place (idempotent), read, list, modify and cancel their own orders.
import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../app.js';
import { ValidationError } from '../../shared/errors.js';
import { route, type HeaderSpec } from '../../shared/openapi.js';
import { text } from '../../shared/validate.js';
import {
  modifyOrderBody,
  orderIdParam,
  orderListResponse,
  orderResponse,
  placedOrderResponse,
  placeOrderBody,
  quoteBody,
  quoteResponse,
} from './orders.schemas.js';

export const idempotencyHeader = {
  'Idempotency-Key': {
    description: 'Clé unique par commande : un renvoi renvoie la même commande',
    required: true,
    schema: z.string().regex(/^[A-Za-z0-9_-]{8,100}$/),
    error: {
      code: 'idempotency_key_required',
      message:
        'En-tête Idempotency-Key manquant ou invalide (8 à 100 caractères : lettres, chiffres, - et _).',
    },
  },
} satisfies Record<string, HeaderSpec>;

const cancelBody = z.object({ reason: text(0, 500).optional() });

export function ordersRouter(ctx: AppContext): Router {
  const router = Router();
  const { orders, payments } = ctx.services;
  const tag = 'Commandes';

  route(
    router,
    {
      method: 'post',
      path: '/orders/quote',
      operationId: 'quoteOrder',
      tag,
      summary:
        'Prix d’un panier (lignes, frais de livraison, TVA, minimum) calculé comme à la commande ; ne réserve rien',
      body: quoteBody,
      responses: { 200: quoteResponse, 404: null, 409: null, 422: null },
    },
    async ({ body }, _req, res) => {
      res.json(await orders.quote(body));
    },
  );

  route(
    router,
    {
      method: 'post',
      path: '/orders',
      operationId: 'placeOrder',
      tag,
      auth: 'customer',
      summary: 'Passer une commande (prix, TVA, frais et stock calculés par le serveur)',
      headers: idempotencyHeader,
      body: placeOrderBody,
      responses: {
        201: placedOrderResponse,
        400: null,
        401: null,
        402: null,
        404: null,
        409: null,
        422: null,
        502: null,
        503: null,
      },
    },
    async ({ body, headers, principal }, _req, res) => {
      const key = headers['Idempotency-Key']!;
      if (body.paymentMethod === 'card_online' && !payments.online) {
        throw new ValidationError(
          'Le paiement en ligne n’est pas disponible : choisissez le paiement à la livraison ou au retrait.',
          { field: 'paymentMethod' },
          'online_payment_unavailable',
        );
      }
      const { customerId } = principal;
      const { order, replayed } = await orders.placeForCustomer({
        customerId,
        pizzeriaId: body.pizzeriaId,
        fulfilment: body.fulfilment,
        address: body.address ?? null,
        addressId: body.addressId,
        items: body.items,
        paymentMethod: body.paymentMethod,
        note: body.note ?? null,
        scheduledFor: body.scheduledFor ?? null,
        idempotencyKey: key,
        requestFingerprint: { customerId, body },
      });
      if (replayed) res.set('Idempotent-Replayed', 'true');
      if (payments.online && order.paymentMethod === 'card_online' && order.status === 'pending_payment') {
        // Also on a replay: the browser may have lost the client secret with the first answer.
        const { clientSecret } = await payments.online.startOnlinePayment(order);
        const publishableKey = ctx.settings.stripe.publishableKey!;
        res.status(201).json({ order, payment: { clientSecret, publishableKey } });
        return;
      }
      res.status(201).json({ order });
    },
  );

  route(
    router,
    {
      method: 'get',
      path: '/orders',
      operationId: 'listMyOrders',
      tag,
      auth: 'customer',
      summary: 'Mes commandes (les plus récentes d’abord)',
      responses: { 200: orderListResponse, 401: null },
    },
    async ({ principal }, _req, res) => {
      res.json({ orders: await orders.listForCustomer(principal.customerId) });
    },
  );

  route(
    router,
    {
      method: 'get',
      path: '/orders/:orderId',
      operationId: 'getMyOrder',
      tag,
      auth: 'customer',
      summary: 'Une de mes commandes (toute autre commande : 404)',
      params: orderIdParam,
      responses: { 200: orderResponse, 401: null, 404: null, 422: null },
    },
    async ({ params, principal }, _req, res) => {
      res.json({ order: await orders.get(principal, params.orderId) });
    },
  );

  route(
    router,
    {
      method: 'patch',
      path: '/orders/:orderId',
      operationId: 'modifyMyOrder',
      tag,
      auth: 'customer',
      summary: 'Modifier les articles avant le début de la préparation (stock réajusté)',
      params: orderIdParam,
      body: modifyOrderBody,
      responses: { 200: orderResponse, 401: null, 404: null, 409: null, 422: null },
    },
    async ({ params, body, principal }, _req, res) => {
      res.json({ order: await orders.modify(principal, params.orderId, body) });
    },
  );

  route(
    router,
    {
      method: 'post',
      path: '/orders/:orderId/cancel',
      operationId: 'cancelMyOrder',
      tag,
      auth: 'customer',
      summary: 'Annuler avant le début de la préparation (stock libéré)',
      params: orderIdParam,
      body: cancelBody,
      responses: { 200: orderResponse, 401: null, 404: null, 409: null, 422: null },
    },
    async ({ params, body, principal }, _req, res) => {
      res.json({ order: await orders.cancel(principal, params.orderId, body.reason) });
    },
  );
  return router;
}
