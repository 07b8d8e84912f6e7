// Customer ordering API: place (idempotent), read, list, modify and cancel their own orders.
import { Router, type Request } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../app.js';
import { BadRequestError, ValidationError } from '../../shared/errors.js';
import { route } from '../../shared/openapi.js';
import { parse } from '../../shared/validate.js';
import { customerOf, requireCustomer } from '../auth/index.js';
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

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,100}$/;

export function idempotencyKeyOf(req: Request): string {
  const key = req.get('Idempotency-Key');
  if (!key || !IDEMPOTENCY_KEY.test(key)) {
    throw new BadRequestError(
      'idempotency_key_required',
      'En-tête Idempotency-Key manquant ou invalide (8 à 100 caractères : lettres, chiffres, - et _).',
    );
  }
  return key;
}

export const idempotencyHeader = {
  'Idempotency-Key': {
    description: 'Clé unique par commande : un renvoi renvoie la même commande',
    required: true,
  },
};

const cancelBody = z.object({ reason: z.string().trim().max(500).optional() });

export function ordersRouter(ctx: AppContext): Router {
  const router = Router();
  const { orders, payments } = ctx.services;
  const tag = 'Commandes';

  route(
    router,
    {
      method: 'post',
      path: '/orders/quote',
      tag,
      summary:
        'Prix d’un panier (lignes, frais de livraison, TVA, minimum) calculé comme à la commande ; ne réserve rien',
      body: quoteBody,
      responses: { 200: quoteResponse, 404: null, 422: null },
    },
    async (req, res) => {
      res.json(await orders.quote(parse(quoteBody, req.body)));
    },
  );

  route(
    router,
    {
      method: 'post',
      path: '/orders',
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
    requireCustomer,
    async (req, res) => {
      const key = idempotencyKeyOf(req);
      const body = parse(placeOrderBody, req.body);
      if (body.paymentMethod === 'card_online' && !payments.online) {
        throw new ValidationError(
          'Le paiement en ligne n’est pas disponible : choisissez le paiement à la livraison ou au retrait.',
          { field: 'paymentMethod' },
          'online_payment_unavailable',
        );
      }
      const { customerId } = customerOf(req);
      const { order, replayed } = await orders.placeForCustomer({
        customerId,
        pizzeriaId: body.pizzeriaId,
        fulfilment: body.fulfilment,
        address: body.address ?? null,
        addressId: body.addressId,
        items: body.items,
        paymentMethod: body.paymentMethod,
        note: body.note ?? null,
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
      tag,
      auth: 'customer',
      summary: 'Mes commandes (les plus récentes d’abord)',
      responses: { 200: orderListResponse, 401: null },
    },
    requireCustomer,
    async (req, res) => {
      res.json({ orders: await orders.listForCustomer(customerOf(req).customerId) });
    },
  );

  route(
    router,
    {
      method: 'get',
      path: '/orders/:orderId',
      tag,
      auth: 'customer',
      summary: 'Une de mes commandes (toute autre commande : 404)',
      params: orderIdParam,
      responses: { 200: orderResponse, 401: null, 404: null, 422: null },
    },
    requireCustomer,
    async (req, res) => {
      const { orderId } = parse(orderIdParam, req.params);
      res.json({ order: await orders.get(customerOf(req), orderId) });
    },
  );

  route(
    router,
    {
      method: 'patch',
      path: '/orders/:orderId',
      tag,
      auth: 'customer',
      summary: 'Modifier les articles avant le début de la préparation (stock réajusté)',
      params: orderIdParam,
      body: modifyOrderBody,
      responses: { 200: orderResponse, 401: null, 404: null, 409: null, 422: null },
    },
    requireCustomer,
    async (req, res) => {
      const { orderId } = parse(orderIdParam, req.params);
      const body = parse(modifyOrderBody, req.body);
      res.json({ order: await orders.modify(customerOf(req), orderId, body) });
    },
  );

  route(
    router,
    {
      method: 'post',
      path: '/orders/:orderId/cancel',
      tag,
      auth: 'customer',
      summary: 'Annuler avant le début de la préparation (stock libéré)',
      params: orderIdParam,
      body: cancelBody,
      responses: { 200: orderResponse, 401: null, 404: null, 409: null, 422: null },
    },
    requireCustomer,
    async (req, res) => {
      const { orderId } = parse(orderIdParam, req.params);
      const { reason } = parse(cancelBody, req.body ?? {});
      res.json({ order: await orders.cancel(customerOf(req), orderId, reason) });
    },
  );
  return router;
}
