// Staff side of orders: phone and counter orders, the kitchen queue, the driver's run and each step of an order,
// every endpoint guarded by the permission table and scoped to the employee's shop.
import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../app.js';
import { route, type RouteSpec } from '../../shared/openapi.js';
import { parse } from '../../shared/validate.js';
import { employeeOf, requireStaff } from '../auth/index.js';
import { shopScope } from '../staff/index.js';
import { STAFF_STEP_NAMES, STAFF_STEPS } from './staff-steps.js';
import { counterOrderBody, handOverBody, orderIdParam, orderResponse } from './orders.schemas.js';
import { idempotencyHeader, idempotencyKeyOf } from './orders.routes.js';
import {
  deliveriesResponse,
  kitchenQueueResponse,
  shopQuery,
  takeawayQueueResponse,
} from './staff-orders.schemas.js';

const tag = 'Personnel — commandes';
const cancelBody = z.object({ reason: z.string().trim().min(1).max(500) });

export function staffOrdersRouter(ctx: AppContext): Router {
  const router = Router();
  const { orders } = ctx.services;
  const orderRoute = (spec: Omit<RouteSpec, 'tag' | 'auth' | 'params'>) => ({
    ...spec,
    tag,
    auth: 'staff' as const,
    params: orderIdParam,
  });

  route(
    router,
    {
      method: 'post',
      path: '/staff/orders',
      tag,
      auth: 'staff',
      summary: 'Commande prise par téléphone ou au comptoir (mêmes règles que le site)',
      headers: idempotencyHeader,
      body: counterOrderBody,
      responses: { 201: orderResponse, 400: null, 401: null, 403: null, 404: null, 409: null, 422: null },
    },
    requireStaff('orders.create_counter'),
    async (req, res) => {
      const key = idempotencyKeyOf(req);
      const body = parse(counterOrderBody, req.body);
      const employee = employeeOf(req);
      const pizzeriaId = shopScope(employee, body.pizzeriaId);
      const { order, replayed } = await orders.place({
        pizzeriaId,
        channel: body.channel,
        fulfilment: body.fulfilment,
        address: body.address ?? null,
        items: body.items,
        paymentMethod: body.paymentMethod,
        note: body.note ?? null,
        customer: { id: null, name: body.customerName, phone: body.customerPhone ?? null },
        placedByEmployeeId: employee.employeeId,
        actor: { type: 'employee', employeeId: employee.employeeId },
        idempotencyKey: key,
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
      tag,
      auth: 'staff',
      summary:
        'File de la cuisine : commandes reçues et en préparation, plus anciennes d’abord, avec le mémo recette',
      query: shopQuery,
      responses: { 200: kitchenQueueResponse, 401: null, 403: null, 422: null },
    },
    requireStaff('kitchen.view'),
    async (req, res) => {
      const pizzeriaId = shopScope(employeeOf(req), parse(shopQuery, req.query).pizzeriaId);
      res.json({ orders: await orders.kitchenQueue(pizzeriaId) });
    },
  );

  route(
    router,
    {
      method: 'get',
      path: '/staff/deliveries',
      tag,
      auth: 'staff',
      summary:
        'Tournée : livraisons en cours du livreur dans l’ordre de passage, puis celles prêtes à partir, avec liens d’itinéraire',
      query: shopQuery,
      responses: { 200: deliveriesResponse, 401: null, 403: null, 422: null },
    },
    requireStaff('deliveries.view'),
    async (req, res) => {
      const employee = employeeOf(req);
      const pizzeriaId = shopScope(employee, parse(shopQuery, req.query).pizzeriaId);
      const driverId = employee.role === 'driver' ? employee.employeeId : null;
      res.json(await orders.deliveryRun(pizzeriaId, driverId));
    },
  );

  route(
    router,
    {
      method: 'get',
      path: '/staff/takeaway',
      tag,
      auth: 'staff',
      summary:
        'Comptoir : commandes à emporter à remettre (prêtes d’abord, puis les plus anciennes), avec le montant à encaisser',
      query: shopQuery,
      responses: { 200: takeawayQueueResponse, 401: null, 403: null, 422: null },
    },
    requireStaff('orders.collect'),
    async (req, res) => {
      const pizzeriaId = shopScope(employeeOf(req), parse(shopQuery, req.query).pizzeriaId);
      res.json({ orders: await orders.takeawayQueue(pizzeriaId) });
    },
  );

  route(
    router,
    orderRoute({
      method: 'get',
      path: '/staff/orders/:orderId',
      summary: 'Une commande de la pizzeria',
      responses: { 200: orderResponse, 401: null, 403: null, 404: null, 422: null },
    }),
    requireStaff('orders.view_shop'),
    async (req, res) => {
      const { orderId } = parse(orderIdParam, req.params);
      res.json({ order: await orders.get(employeeOf(req), orderId) });
    },
  );

  const PROVIDER_ERRORS: Record<number, null> = { 502: null, 503: null };
  for (const step of STAFF_STEP_NAMES) {
    const { path, permission, summary, effects } = STAFF_STEPS[step];
    const body = effects.collectsPayment ? handOverBody : undefined;
    route(
      router,
      orderRoute({
        method: 'post',
        path: `/staff/orders/:orderId/${path}`,
        summary,
        ...(body ? { body } : {}),
        responses: {
          200: orderResponse,
          401: null,
          403: null,
          404: null,
          409: null,
          422: null,
          // A step that captures an online payment (the start): Stripe may refuse (502) or be unreachable (503).
          ...(effects.capturesPayment ? PROVIDER_ERRORS : {}),
        },
      }),
      requireStaff(permission),
      async (req, res) => {
        const { orderId } = parse(orderIdParam, req.params);
        const payment = body ? parse(body, req.body ?? {}).payment : undefined;
        res.json({ order: await orders.staffStep(employeeOf(req), orderId, step, payment) });
      },
    );
  }

  route(
    router,
    orderRoute({
      method: 'post',
      path: '/staff/orders/:orderId/cancel',
      summary: 'Annuler une commande avant sa préparation (motif obligatoire)',
      body: cancelBody,
      responses: { 200: orderResponse, 401: null, 403: null, 404: null, 409: null, 422: null },
    }),
    requireStaff('orders.cancel'),
    async (req, res) => {
      const { orderId } = parse(orderIdParam, req.params);
      const { reason } = parse(cancelBody, req.body ?? {});
      res.json({ order: await orders.cancel(employeeOf(req), orderId, reason) });
    },
  );
  return router;
}
