// Staff side of orders: phone and counter orders, the kitchen queue, the driver's run and each step of an order,
// every endpoint guarded by the permission table and scoped to the employee's shop.
import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../app.js';
import { route } from '../../shared/openapi.js';
import { text } from '../../shared/validate.js';
import { shopScope } from '../staff/index.js';
import { STAFF_STEP_NAMES, STAFF_STEPS } from './staff-steps.js';
import { counterOrderBody, handOverBody, orderIdParam, orderResponse } from './orders.schemas.js';
import { idempotencyHeader } from './orders.routes.js';
import {
  deliveriesResponse,
  kitchenQueueResponse,
  shopQuery,
  takeawayQueueResponse,
} from './staff-orders.schemas.js';

const tag = 'Personnel — commandes';
const cancelBody = z.object({ reason: text(1, 500, 'motif obligatoire') });

export function staffOrdersRouter(ctx: AppContext): Router {
  const router = Router();
  const { orders } = ctx.services;

  route(
    router,
    {
      method: 'post',
      path: '/staff/orders',
      operationId: 'placeCounterOrder',
      tag,
      auth: { staff: 'orders.create_counter' },
      summary: 'Commande prise par téléphone ou au comptoir (mêmes règles que le site)',
      headers: idempotencyHeader,
      body: counterOrderBody,
      responses: { 201: orderResponse, 400: null, 401: null, 403: null, 404: null, 409: null, 422: null },
    },
    async ({ body, headers, principal: employee }, _req, res) => {
      const pizzeriaId = shopScope(employee, body.pizzeriaId);
      const { order, replayed } = await orders.place({
        pizzeriaId,
        channel: body.channel,
        fulfilment: body.fulfilment,
        address: body.address ?? null,
        items: body.items,
        paymentMethod: body.paymentMethod,
        note: body.note ?? null,
        scheduledFor: body.scheduledFor ?? null,
        customer: { id: null, name: body.customerName, phone: body.customerPhone ?? null },
        placedByEmployeeId: employee.employeeId,
        actor: { type: 'employee', employeeId: employee.employeeId },
        idempotencyKey: headers['Idempotency-Key']!,
        requestFingerprint: { employeeId: employee.employeeId, pizzeriaId, body },
      });
      if (replayed) res.set('Idempotent-Replayed', 'true');
      res.status(201).json({ order });
    },
  );

  route(
    router,
    {
      method: 'get',
      path: '/staff/kitchen',
      operationId: 'getKitchenQueue',
      tag,
      auth: { staff: 'kitchen.view' },
      summary:
        'File de la cuisine : commandes reçues et en préparation, plus anciennes d’abord, avec le mémo recette',
      query: shopQuery,
      responses: { 200: kitchenQueueResponse, 401: null, 403: null, 422: null },
    },
    async ({ query, principal }, _req, res) => {
      res.json({ orders: await orders.kitchenQueue(shopScope(principal, query.pizzeriaId)) });
    },
  );

  route(
    router,
    {
      method: 'get',
      path: '/staff/deliveries',
      operationId: 'getDeliveryRun',
      tag,
      auth: { staff: 'deliveries.view' },
      summary:
        'Tournée : livraisons en cours du livreur dans l’ordre de passage, puis celles prêtes à partir, avec liens d’itinéraire',
      query: shopQuery,
      responses: { 200: deliveriesResponse, 401: null, 403: null, 422: null },
    },
    async ({ query, principal: employee }, _req, res) => {
      const pizzeriaId = shopScope(employee, query.pizzeriaId);
      const driverId = employee.role === 'driver' ? employee.employeeId : null;
      res.json(await orders.deliveryRun(pizzeriaId, driverId));
    },
  );

  route(
    router,
    {
      method: 'get',
      path: '/staff/takeaway',
      operationId: 'getTakeawayQueue',
      tag,
      auth: { staff: 'orders.collect' },
      summary:
        'Comptoir : commandes à emporter à remettre (prêtes d’abord, puis les plus anciennes), avec le montant à encaisser',
      query: shopQuery,
      responses: { 200: takeawayQueueResponse, 401: null, 403: null, 422: null },
    },
    async ({ query, principal }, _req, res) => {
      res.json({ orders: await orders.takeawayQueue(shopScope(principal, query.pizzeriaId)) });
    },
  );

  route(
    router,
    {
      method: 'get',
      path: '/staff/orders/:orderId',
      operationId: 'getShopOrder',
      tag,
      auth: { staff: 'orders.view_shop' },
      params: orderIdParam,
      summary:
        'Une commande de la pizzeria ; téléphone et adresse du client selon le poste : le livreur pour les ' +
        'livraisons prêtes et les siennes en cours seulement, ni la cuisine ni le comptable (null)',
      responses: { 200: orderResponse, 401: null, 403: null, 404: null },
    },
    async ({ params, principal }, _req, res) => {
      res.json({ order: await orders.get(principal, params.orderId) });
    },
  );

  const PROVIDER_ERRORS: Record<number, null> = { 502: null, 503: null };
  for (const step of STAFF_STEP_NAMES) {
    const { path, operationId, permission, summary, effects } = STAFF_STEPS[step];
    route(
      router,
      {
        method: 'post',
        path: `/staff/orders/:orderId/${path}`,
        operationId,
        tag,
        auth: { staff: permission },
        params: orderIdParam,
        summary,
        // The hand-over records the money collected; the other steps take no body.
        body: effects.collectsPayment ? handOverBody : undefined,
        responses: {
          200: orderResponse,
          401: null,
          403: null,
          404: null,
          409: null,
          // A step that captures an online payment (the start): Stripe may refuse (502) or be unreachable (503).
          ...(effects.capturesPayment ? PROVIDER_ERRORS : {}),
        },
      },
      async ({ params, body, principal }, _req, res) => {
        res.json({ order: await orders.staffStep(principal, params.orderId, step, body?.payment) });
      },
    );
  }

  route(
    router,
    {
      method: 'post',
      path: '/staff/orders/:orderId/cancel',
      operationId: 'cancelShopOrder',
      tag,
      auth: { staff: 'orders.cancel' },
      params: orderIdParam,
      summary: 'Annuler une commande avant sa préparation (motif obligatoire)',
      body: cancelBody,
      responses: { 200: orderResponse, 401: null, 403: null, 404: null, 409: null },
    },
    async ({ params, body, principal }, _req, res) => {
      res.json({ order: await orders.cancel(principal, params.orderId, body.reason) });
    },
  );
  return router;
}
