import { Router } from 'express';
import type { AppContext } from '../../context.js';
import { route } from '../../shared/openapi.js';
import { pizzeriaRefParam } from '../pizzerias/index.js';
import { menuSchema, recipeMemoResponse } from './catalog.schemas.js';
import { rupturesRoutes } from './ruptures.routes.js';

export function catalogRouter({ services }: AppContext): Router {
  const router = Router();
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
