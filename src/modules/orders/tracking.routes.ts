// Live tracking over Server-Sent Events: a customer follows their order, a kitchen follows its shop. Both
// accept the token as `?access_token=` because EventSource cannot send an Authorization header.
import { Router, type RequestHandler } from 'express';
import type { AppContext } from '../../app.js';
import { ServiceUnavailableError } from '../../shared/errors.js';
import { route } from '../../shared/openapi.js';
import { kitchenEventsQuery, orderEventsParams, orderEventsQuery } from './tracking.schemas.js';
import { streamKitchen, streamOrder } from './tracking.streams.js';

export function trackingRouter(ctx: AppContext): Router {
  const router = Router();

  // A stopping process has just closed its streams; EventSource must reconnect to another one, not here.
  const refuseWhileStopping: RequestHandler = (_req, _res, next) => {
    if (ctx.isShuttingDown?.()) {
      throw new ServiceUnavailableError(
        'shutting_down',
        'Le serveur redémarre : reconnexion dans un instant.',
      );
    }
    next();
  };

  route(
    router,
    {
      method: 'get',
      path: '/orders/:orderId/events',
      operationId: 'followMyOrder',
      tag: 'Suivi en direct',
      auth: 'customer',
      summary:
        'Suivi en direct d’une commande par son client (SSE) : « status » donne l’état actuel, puis chaque ' +
        'changement arrive en « order.status » ou « order.updated » avec les mêmes champs (numéro, statut, ' +
        'heures estimées) ; « status » est renvoyé si des événements ont pu être manqués',
      params: orderEventsParams,
      query: orderEventsQuery,
      stream: true,
      responses: { 200: null, 404: null, 503: null },
      before: [refuseWhileStopping],
    },
    async ({ params, principal }, _req, res) => {
      await streamOrder(ctx, res, params.orderId, principal);
    },
  );

  route(
    router,
    {
      method: 'get',
      path: '/staff/kitchen/events',
      operationId: 'followKitchen',
      tag: 'Suivi en direct',
      auth: { staff: 'kitchen.view' },
      summary:
        'Flux de la cuisine d’une pizzeria (SSE) : « ready » à la connexion, puis chaque commande créée ou ' +
        'modifiée (« order.created », « order.updated », « order.status ») ; « resync » demande de recharger la file',
      query: kitchenEventsQuery,
      stream: true,
      responses: { 200: null, 401: null, 403: null, 404: null, 422: null, 503: null },
      before: [refuseWhileStopping],
    },
    async ({ query, principal }, _req, res) => {
      const shop = await ctx.services.orders.kitchenShop(principal, query.pizzeriaId);
      streamKitchen(ctx, res, shop);
    },
  );

  return router;
}
