// Staff API of purchasing: the suppliers a shop may order from, its purchase orders (draft, send, cancel,
// receive) and their documents (PDF, CSV). Managers act on their own shop, the group admin on every shop, the
// accountant reads; another shop's order answers 404.
import { Router } from 'express';
import type { AppContext } from '../../context.js';
import { route } from '../../shared/openapi.js';
import { purchaseOrderCsv, purchaseOrderFileName, purchaseOrderPdf } from './purchasing.documents.js';
import {
  createDraftBody,
  documentQuery,
  purchaseOrderIdParams,
  purchaseOrderListSchema,
  purchaseOrderSchema,
  purchaseOrdersQuery,
  receptionBody,
  receptionResultSchema,
  suppliersQuery,
  suppliersSchema,
  suggestionsSchema,
  foodCostQuery,
  foodCostSchema,
  updateDraftBody,
} from './purchasing.schemas.js';

const TAG = 'Achats';
const READ = { 401: null, 403: null, 404: null, 422: null } as const;
const WRITE = { 401: null, 403: null, 404: null, 409: null, 422: null } as const;

export function purchasingRouter(ctx: AppContext): Router {
  const { purchasing } = ctx.services;
  const router = Router();

  route(
    router,
    {
      method: 'get',
      path: '/staff/suppliers',
      operationId: 'listShopSuppliers',
      tag: TAG,
      auth: { staff: 'purchasing.view' },
      summary: 'Fournisseurs actifs de la pizzeria (du groupe et les siens), avec leurs colis et prix HT',
      query: suppliersQuery,
      responses: { 200: suppliersSchema, ...READ },
    },
    async ({ query, principal }, _req, res) => {
      res.json(await purchasing.suppliers(principal, query.pizzeriaId));
    },
  );

  route(
    router,
    {
      method: 'get',
      path: '/staff/purchasing/suggestions',
      operationId: 'reorderSuggestions',
      tag: TAG,
      auth: { staff: 'purchasing.manage' },
      summary:
        'Commandes suggérées par fournisseur : de quoi couvrir la consommation prévue jusqu’à la livraison ' +
        'suivante plus une sécurité, en colis entiers, minimum du fournisseur atteint',
      query: suppliersQuery,
      responses: { 200: suggestionsSchema, ...READ },
    },
    async ({ query, principal }, _req, res) => {
      res.json(await purchasing.suggestions(principal, query.pizzeriaId));
    },
  );

  route(
    router,
    {
      method: 'get',
      path: '/staff/purchasing/food-cost',
      operationId: 'foodCost',
      tag: TAG,
      auth: { staff: 'purchasing.view' },
      summary:
        'Coût matière HT de la pizzeria : par taille de produit (recette × dernier prix d’achat) et par jour ' +
        '(produits vendus), à côté du chiffre d’affaires HT',
      query: foodCostQuery,
      responses: { 200: foodCostSchema, ...READ },
    },
    async ({ query, principal }, _req, res) => {
      res.json(await purchasing.foodCost(principal, query.pizzeriaId, { from: query.from, to: query.to }));
    },
  );

  route(
    router,
    {
      method: 'get',
      path: '/staff/purchase-orders',
      operationId: 'listPurchaseOrders',
      tag: TAG,
      auth: { staff: 'purchasing.view' },
      summary: 'Bons de commande fournisseurs, les plus récents d’abord (ceux de sa pizzeria)',
      query: purchaseOrdersQuery,
      responses: { 200: purchaseOrderListSchema, ...READ },
    },
    async ({ query, principal }, _req, res) => {
      res.json({ items: await purchasing.list(principal, query) });
    },
  );

  route(
    router,
    {
      method: 'post',
      path: '/staff/purchase-orders',
      operationId: 'createPurchaseOrder',
      tag: TAG,
      auth: { staff: 'purchasing.manage' },
      summary: 'Nouveau bon de commande en brouillon (numéro BC-<pizzeria>-0001, conditions du fournisseur)',
      body: createDraftBody,
      responses: { 201: purchaseOrderSchema, ...WRITE },
    },
    async ({ body, principal }, _req, res) => {
      res.status(201).json(await purchasing.createDraft(principal, body));
    },
  );

  route(
    router,
    {
      method: 'get',
      path: '/staff/purchase-orders/:id',
      operationId: 'getPurchaseOrder',
      tag: TAG,
      auth: { staff: 'purchasing.view' },
      summary: 'Un bon de commande : lignes, réceptions et écarts (manquant, excédent, refus et motifs)',
      params: purchaseOrderIdParams,
      responses: { 200: purchaseOrderSchema, ...READ },
    },
    async ({ params, principal }, _req, res) => {
      res.json(await purchasing.get(principal, params.id));
    },
  );

  route(
    router,
    {
      method: 'patch',
      path: '/staff/purchase-orders/:id',
      operationId: 'updatePurchaseOrder',
      tag: TAG,
      auth: { staff: 'purchasing.manage' },
      summary:
        'Modifier un brouillon : colis des lignes, lignes ajoutées ou retirées, jour de livraison, remarque',
      params: purchaseOrderIdParams,
      body: updateDraftBody,
      responses: { 200: purchaseOrderSchema, ...WRITE },
    },
    async ({ params, body, principal }, _req, res) => {
      res.json(await purchasing.updateDraft(principal, params.id, body));
    },
  );

  route(
    router,
    {
      method: 'post',
      path: '/staff/purchase-orders/:id/send',
      operationId: 'sendPurchaseOrder',
      tag: TAG,
      auth: { staff: 'purchasing.manage' },
      summary: 'Envoyer le brouillon au fournisseur (e-mail avec le bon en PDF et en CSV)',
      params: purchaseOrderIdParams,
      responses: { 200: purchaseOrderSchema, ...WRITE },
    },
    async ({ params, principal }, _req, res) => {
      res.json(await purchasing.send(principal, params.id));
    },
  );

  route(
    router,
    {
      method: 'post',
      path: '/staff/purchase-orders/:id/cancel',
      operationId: 'cancelPurchaseOrder',
      tag: TAG,
      auth: { staff: 'purchasing.manage' },
      summary: 'Annuler un brouillon, ou un bon envoyé dont rien n’a été reçu',
      params: purchaseOrderIdParams,
      responses: { 200: purchaseOrderSchema, ...WRITE },
    },
    async ({ params, principal }, _req, res) => {
      res.json(await purchasing.cancel(principal, params.id));
    },
  );

  route(
    router,
    {
      method: 'post',
      path: '/staff/purchase-orders/:id/receptions',
      operationId: 'receivePurchaseOrder',
      tag: TAG,
      auth: { staff: 'purchasing.manage' },
      summary:
        'Réception d’une livraison : quantités reçues (entrées en stock) et refusées avec motif, réception finale',
      params: purchaseOrderIdParams,
      body: receptionBody,
      responses: { 201: receptionResultSchema, ...WRITE },
    },
    async ({ params, body, principal }, _req, res) => {
      res.status(201).json(await purchasing.receive(principal, params.id, body));
    },
  );

  route(
    router,
    {
      method: 'get',
      path: '/staff/purchase-orders/:id/document',
      operationId: 'getPurchaseOrderDocument',
      tag: TAG,
      auth: { staff: 'purchasing.view' },
      summary: 'Le bon de commande en PDF, ou en CSV pour Excel (UTF-8 avec BOM, « ; », virgule décimale)',
      params: purchaseOrderIdParams,
      query: documentQuery,
      // `200: null`: the body is a file (application/pdf or text/csv), not JSON.
      responses: { 200: null, ...READ },
    },
    async ({ params, query, principal }, _req, res) => {
      const data = await purchasing.documentData(principal, params.id);
      const name = purchaseOrderFileName(data, query.format);
      res.set('Content-Disposition', `attachment; filename="${name}"`);
      if (query.format === 'pdf') res.type('application/pdf').send(await purchaseOrderPdf(data));
      else res.type('text/csv; charset=utf-8').send(purchaseOrderCsv(data));
    },
  );

  return router;
}
