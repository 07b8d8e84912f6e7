import { Router } from 'express';
import type { Sequelize } from 'sequelize';
import { route } from '../../shared/openapi.js';
import { parse } from '../../shared/validate.js';
import { pizzeriaRefParam } from '../pizzerias/pizzerias.schemas.js';
import { menuSchema } from './catalog.schemas.js';
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
  return router;
}
