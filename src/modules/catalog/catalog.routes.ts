import { Router } from 'express';
import type { Sequelize } from 'sequelize';
import { route } from '../../shared/openapi.js';
import { parse } from '../../shared/validate.js';
import { pizzeriaRefParam } from '../pizzerias/pizzerias.schemas.js';
import { menuSchema, recipeMemoResponse } from './catalog.schemas.js';
import { recipeMemos } from './recipe-memo.js';
import { requireStaff } from '../auth/auth.middleware.js';
import { getMenu } from './menu.service.js';

export function catalogRouter(db: Sequelize): Router {
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
      res.json(await getMenu(db, pizzeriaId));
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
      res.json({ recipes: await recipeMemos(db) });
    },
  );
  return router;
}
