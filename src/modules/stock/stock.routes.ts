// Staff stock screens: the shop's stock, low-stock alerts, the forecast, and the three writes (receipt, waste, count). Shop
// staff act on their own shop only; group-wide roles name the shop (shopScope).
import { Router } from 'express';
import type { z } from 'zod';
import type { AppContext } from '../../app.js';
import { route } from '../../shared/openapi.js';
import { shopScope } from '../staff/index.js';
import {
  countBody,
  forecastSchema,
  lowStockSchema,
  receiptBody,
  stockLineSchema,
  stockListSchema,
  stockQuery,
  wasteBody,
} from './stock.schemas.js';

const TAG = 'Stock';
const READ_ERRORS = { 401: null, 403: null, 404: null, 422: null } as const;
const WRITE_RESPONSES = { 200: stockLineSchema, 401: null, 403: null, 404: null, 409: null, 422: null };

export function stockRouter(ctx: AppContext): Router {
  const { stock } = ctx.services;
  const router = Router();

  route(
    router,
    {
      method: 'get',
      path: '/staff/stock',
      operationId: 'getShopStock',
      tag: TAG,
      auth: { staff: 'stock.view' },
      summary: 'Stock de la pizzeria : en stock, réservé, disponible, seuil d’alerte',
      query: stockQuery,
      responses: { 200: stockListSchema, ...READ_ERRORS },
    },
    async ({ query, principal }, _req, res) => {
      const pizzeriaId = shopScope(principal, query.pizzeriaId);
      res.json({ pizzeriaId, items: await stock.list(pizzeriaId) });
    },
  );

  route(
    router,
    {
      method: 'get',
      path: '/staff/stock/low',
      operationId: 'getLowStock',
      tag: TAG,
      auth: { staff: 'stock.view' },
      summary: 'Ingrédients sous leur seuil d’alerte (toutes les pizzerias pour les rôles du groupe)',
      query: stockQuery,
      responses: { 200: lowStockSchema, ...READ_ERRORS },
    },
    async ({ query, principal: me }, _req, res) => {
      // The group sees every shop's alerts at once; a shop employee only their own shop's.
      const pizzeriaId =
        me.pizzeriaId === null && query.pizzeriaId === undefined
          ? undefined
          : shopScope(me, query.pizzeriaId);
      res.json({ items: await stock.low(pizzeriaId) });
    },
  );

  route(
    router,
    {
      method: 'get',
      path: '/staff/stock/forecast',
      operationId: 'getStockForecast',
      tag: TAG,
      auth: { staff: 'stock.forecast' },
      summary:
        'Prévision de consommation sur 14 jours par ingrédient : jours de stock restants, date de rupture ' +
        'prévue, historique des 8 dernières semaines (toutes les pizzerias actives pour les rôles du groupe ' +
        'sans pizzeriaId)',
      query: stockQuery,
      responses: { 200: forecastSchema, ...READ_ERRORS },
    },
    async ({ query, principal: me }, _req, res) => {
      // As for the alerts: the group sees every active shop unless it names one; shop staff their own only.
      const pizzeriaId =
        me.pizzeriaId === null && query.pizzeriaId === undefined
          ? undefined
          : shopScope(me, query.pizzeriaId);
      res.json({ shops: await stock.forecast(pizzeriaId) });
    },
  );

  // The three writes differ only by path, permission and service: the shop and the employee come from the caller.
  const writes = [
    {
      path: '/staff/stock/receipts',
      operationId: 'receiveStock',
      permission: 'stock.receive',
      summary: 'Réception d’une livraison fournisseur (le stock augmente)',
      body: receiptBody,
      run: stock.receive,
    },
    {
      path: '/staff/stock/waste',
      operationId: 'recordWaste',
      permission: 'stock.waste',
      summary: 'Déclaration d’une perte, avec son motif (jamais sous la quantité réservée)',
      body: wasteBody,
      run: stock.waste,
    },
    {
      path: '/staff/stock/counts',
      operationId: 'recordStockCount',
      permission: 'stock.count',
      summary: 'Inventaire : la quantité comptée remplace le stock (ajustement de l’écart)',
      body: countBody,
      run: stock.count,
    },
  ] as const;
  for (const w of writes) {
    route(
      router,
      {
        method: 'post',
        path: w.path,
        operationId: w.operationId,
        tag: TAG,
        auth: { staff: w.permission },
        summary: w.summary,
        body: w.body as z.ZodType<Record<string, unknown> & { pizzeriaId?: number }>,
        responses: WRITE_RESPONSES,
      },
      async ({ body, principal: me }, _req, res) => {
        const { pizzeriaId, ...input } = body;
        const command = { ...input, pizzeriaId: shopScope(me, pizzeriaId), employeeId: me.employeeId };
        res.json(await (w.run as (c: typeof command) => Promise<unknown>)(command));
      },
    );
  }

  return router;
}
