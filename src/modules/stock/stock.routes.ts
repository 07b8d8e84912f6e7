// Staff stock screens: the shop's stock, low-stock alerts, and the three writes (receipt, waste, count). Shop
// staff act on their own shop only; group-wide roles name the shop (shopScope).
import { Router } from 'express';
import type { AppContext } from '../../app.js';
import { route } from '../../shared/openapi.js';
import { parse } from '../../shared/validate.js';
import { employeeOf, requireStaff } from '../auth/auth.middleware.js';
import { shopScope } from '../staff/scope.js';
import {
  countBody,
  lowStockSchema,
  receiptBody,
  stockLineSchema,
  stockListSchema,
  stockQuery,
  wasteBody,
} from './stock.schemas.js';
import { listStock, lowStock, receiveStock, recordCount, recordWaste } from './stock.service.js';

const TAG = 'Stock';
const READ_ERRORS = { 401: null, 403: null, 404: null, 422: null } as const;
const WRITE_RESPONSES = { 200: stockLineSchema, 401: null, 403: null, 404: null, 409: null, 422: null };

export function stockRouter(ctx: AppContext): Router {
  const { db } = ctx;
  const router = Router();

  route(
    router,
    {
      method: 'get',
      path: '/staff/stock',
      tag: TAG,
      auth: 'staff',
      summary: 'Stock de la pizzeria : en stock, réservé, disponible, seuil d’alerte',
      query: stockQuery,
      responses: { 200: stockListSchema, ...READ_ERRORS },
    },
    requireStaff('stock.view'),
    async (req, res) => {
      const query = parse(stockQuery, req.query);
      const pizzeriaId = shopScope(employeeOf(req), query.pizzeriaId);
      res.json({ pizzeriaId, items: await listStock(db, pizzeriaId) });
    },
  );

  route(
    router,
    {
      method: 'get',
      path: '/staff/stock/low',
      tag: TAG,
      auth: 'staff',
      summary: 'Ingrédients sous leur seuil d’alerte (toutes les pizzerias pour les rôles du groupe)',
      query: stockQuery,
      responses: { 200: lowStockSchema, ...READ_ERRORS },
    },
    requireStaff('stock.view'),
    async (req, res) => {
      const query = parse(stockQuery, req.query);
      const me = employeeOf(req);
      // The group sees every shop's alerts at once; a shop employee only their own shop's.
      const pizzeriaId =
        me.pizzeriaId === null && query.pizzeriaId === undefined
          ? undefined
          : shopScope(me, query.pizzeriaId);
      res.json({ items: await lowStock(db, pizzeriaId) });
    },
  );

  route(
    router,
    {
      method: 'post',
      path: '/staff/stock/receipts',
      tag: TAG,
      auth: 'staff',
      summary: 'Réception d’une livraison fournisseur (le stock augmente)',
      body: receiptBody,
      responses: WRITE_RESPONSES,
    },
    requireStaff('stock.receive'),
    async (req, res) => {
      const { pizzeriaId, ingredientId, quantity, note } = parse(receiptBody, req.body);
      const me = employeeOf(req);
      res.json(
        await receiveStock(db, {
          pizzeriaId: shopScope(me, pizzeriaId),
          ingredientId,
          quantity,
          employeeId: me.employeeId,
          note,
        }),
      );
    },
  );

  route(
    router,
    {
      method: 'post',
      path: '/staff/stock/waste',
      tag: TAG,
      auth: 'staff',
      summary: 'Déclaration d’une perte, avec son motif (jamais sous la quantité réservée)',
      body: wasteBody,
      responses: WRITE_RESPONSES,
    },
    requireStaff('stock.waste'),
    async (req, res) => {
      const { pizzeriaId, ingredientId, quantity, note } = parse(wasteBody, req.body);
      const me = employeeOf(req);
      res.json(
        await recordWaste(db, {
          pizzeriaId: shopScope(me, pizzeriaId),
          ingredientId,
          quantity,
          employeeId: me.employeeId,
          note,
        }),
      );
    },
  );

  route(
    router,
    {
      method: 'post',
      path: '/staff/stock/counts',
      tag: TAG,
      auth: 'staff',
      summary: 'Inventaire : la quantité comptée remplace le stock (ajustement de l’écart)',
      body: countBody,
      responses: WRITE_RESPONSES,
    },
    requireStaff('stock.count'),
    async (req, res) => {
      const { pizzeriaId, ingredientId, countedQuantity, note } = parse(countBody, req.body);
      const me = employeeOf(req);
      res.json(
        await recordCount(db, {
          pizzeriaId: shopScope(me, pizzeriaId),
          ingredientId,
          countedQuantity,
          employeeId: me.employeeId,
          note,
        }),
      );
    },
  );

  return router;
}
