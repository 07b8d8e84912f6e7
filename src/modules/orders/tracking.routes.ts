// Live tracking over Server-Sent Events: a customer follows their order; a shop's kitchen, drivers and counter
// follow its orders. All accept the token as `?access_token=` because EventSource cannot send an Authorization
// header.
import { Router } from 'express';
import type { AppContext } from '../../app.js';
import { refuseWhileStopping } from '../../realtime/sse.js';
import { route } from '../../shared/openapi.js';
import type { Permission } from '../../shared/permissions.js';
import type { Fulfilment } from './state-machine.js';
import { orderEventsParams, orderEventsQuery, shopEventsQuery } from './tracking.schemas.js';
import { streamOrder, streamShop } from './tracking.streams.js';

export function trackingRouter(ctx: AppContext): Router {
  const router = Router();

  const notWhileStopping = refuseWhileStopping(ctx.isShuttingDown);

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
      before: [notWhileStopping],
    },
    async ({ params, principal }, _req, res) => {
      await streamOrder(ctx, res, params.orderId, principal);
    },
  );

  // A shop's staff streams: the same frames (« ready » at connection, then each order created or changed, in
  // « order.created », « order.updated », « order.status », and « resync » to reload the list), each with the
  // permission of the list it keeps live, within the employee's shop.
  const shopStreams: {
    path: string;
    operationId: string;
    permission: Permission;
    fulfilment: Fulfilment | null;
    summary: string;
  }[] = [
    {
      path: '/staff/kitchen/events',
      operationId: 'followKitchen',
      permission: 'kitchen.view',
      fulfilment: null,
      summary: 'Flux de la cuisine d’une pizzeria (SSE) : toutes ses commandes',
    },
    {
      path: '/staff/deliveries/events',
      operationId: 'followDeliveries',
      permission: 'deliveries.view',
      fulfilment: 'delivery',
      summary:
        'Flux des livraisons d’une pizzeria (SSE), pour l’écran du livreur : ses commandes en livraison',
    },
    {
      path: '/staff/takeaway/events',
      operationId: 'followTakeaway',
      permission: 'orders.collect',
      fulfilment: 'takeaway',
      summary: 'Flux des commandes à emporter d’une pizzeria (SSE), pour la liste « À remettre » du comptoir',
    },
  ];
  for (const stream of shopStreams) {
    route(
      router,
      {
        method: 'get',
        path: stream.path,
        operationId: stream.operationId,
        tag: 'Suivi en direct',
        auth: { staff: stream.permission },
        summary:
          `${stream.summary} ; « ready » à la connexion, puis chaque commande créée ou modifiée ` +
          '(« order.created », « order.updated », « order.status ») ; « resync » demande de recharger la liste',
        query: shopEventsQuery,
        stream: true,
        responses: { 200: null, 401: null, 403: null, 404: null, 422: null, 503: null },
        before: [notWhileStopping],
      },
      async ({ query, principal }, _req, res) => {
        const shop = await ctx.services.orders.followedShop(principal, query.pizzeriaId);
        streamShop(ctx, res, shop, stream.fulfilment);
      },
    );
  }

  return router;
}
