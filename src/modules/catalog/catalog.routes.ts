import { Router } from 'express';
import { isMenuEvent } from '../../realtime/events.js';
import { streamShopEvents } from '../../realtime/shop-stream.js';
import { refuseWhileStopping } from '../../realtime/sse.js';
import type { AppContext } from '../../context.js';
import { route } from '../../shared/openapi.js';
import { pizzeriaRefParam } from '../pizzerias/index.js';
import { menuSchema, recipeMemoResponse } from './catalog.schemas.js';
import { rupturesRoutes } from './ruptures.routes.js';

export function catalogRouter(ctx: AppContext): Router {
  const { services } = ctx;
  const router = Router();
  const notWhileStopping = refuseWhileStopping(ctx.isShuttingDown);
  route(
    router,
    {
      method: 'get',
      path: '/pizzerias/:pizzeriaId/menu',
      operationId: 'getMenu',
      tag: 'Carte',
      summary: 'Carte d’une pizzeria avec la disponibilité en temps réel de chaque taille et supplément',
      params: pizzeriaRefParam,
      responses: { 200: menuSchema, 404: null },
    },
    async ({ params }, _req, res) => {
      // Already JSON text (menu.service.ts): sent as it is, not parsed and serialised again.
      const menu = await services.catalog.menu(params.pizzeriaId);
      res.type('json').send(menu.json);
    },
  );
  route(
    router,
    {
      method: 'get',
      path: '/pizzerias/:pizzeriaId/menu/events',
      operationId: 'followMenu',
      tag: 'Carte',
      summary:
        'Flux de la carte d’une pizzeria (SSE), pour les pages qui l’affichent : « ready » à la connexion, ' +
        '« menu.changed » quand la carte de la pizzeria change (rupture, remise en vente, article retiré ou ' +
        'proposé, prix de la pizzeria : relire la carte), « resync » ' +
        'si des changements ont pu être manqués. Aucune donnée de commande n’y passe.',
      params: pizzeriaRefParam,
      stream: true,
      responses: { 200: null, 404: null, 503: null },
      before: [notWhileStopping],
    },
    async ({ params }, _req, res) => {
      const shop = await services.catalog.shopId(params.pizzeriaId);
      streamShopEvents(ctx.bus, res, shop, isMenuEvent);
    },
  );
  route(
    router,
    {
      method: 'get',
      path: '/staff/recipes',
      operationId: 'getRecipeMemos',
      tag: 'Carte',
      auth: { staff: 'recipes.view' },
      summary: 'Mémo recettes des pizzaiolos : ingrédients par taille et étapes',
      responses: { 200: recipeMemoResponse, 403: null },
    },
    async ({ principal }, _req, res) => {
      res.json({ recipes: await services.catalog.recipeMemos(principal.pizzeriaId) });
    },
  );
  rupturesRoutes(router, services.catalog);
  return router;
}
