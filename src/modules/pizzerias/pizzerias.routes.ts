import { Router } from 'express';
import type { Sequelize } from 'sequelize';
import { route } from '../../shared/openapi.js';
import { pizzeriaListSchema } from './pizzerias.schemas.js';
import { listPizzerias } from './pizzerias.service.js';

export function pizzeriasRouter(db: Sequelize): Router {
  const router = Router();
  route(
    router,
    {
      method: 'get',
      path: '/pizzerias',
      tag: 'Pizzerias',
      summary: 'Liste des pizzerias actives, avec horaires, zone et conditions de livraison',
      responses: { 200: pizzeriaListSchema },
    },
    async (_req, res) => {
      res.json({ pizzerias: await listPizzerias(db) });
    },
  );
  return router;
}
