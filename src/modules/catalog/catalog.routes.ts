import { Router } from 'express';
import type { AppContext } from '../../context.js';
import { route } from '../../shared/openapi.js';
import { parse } from '../../shared/validate.js';
import { pizzeriaRefParam } from '../pizzerias/index.js';
import { menuSchema, recipeMemoResponse } from './catalog.schemas.js';
import { requireStaff } from '../auth/index.js';

export function catalogRouter({ services }: AppContext): Router {
  const router = Router();
  route(
    router,
    {
      method: 'get',
      path: '/pizzerias/:pizzeriaId/menu',
      tag: 'Carte',
      summary: 'Carte d’une pizzeria avec la disponibilité en temps réel de chaque taille et supplément',
      params: pizzeriaRefParam,
      responses: { 200: menuSchema, 404: null, 422: null },
    },
    async (req, res) => {
      const { pizzeriaId } = parse(pizzeriaRefParam, req.params);
      res.json(await services.catalog.menu(pizzeriaId));
    },
  );
  route(
    router,
    {
      method: 'get',
      path: '/staff/recipes',
      tag: 'Carte',
      auth: 'staff',
      summary: 'Mémo recettes des pizzaiolos : ingrédients par taille et étapes',
      responses: { 200: recipeMemoResponse, 403: null },
    },
    requireStaff('recipes.view'),
    async (_req, res) => {
      res.json({ recipes: await services.catalog.recipeMemos() });
    },
  );
  return router;
}
