import { Router } from 'express';
import type { AppContext } from '../../context.js';
import { route } from '../../shared/openapi.js';
import { pizzeriaListSchema } from './pizzerias.schemas.js';

export function pizzeriasRouter({ services }: AppContext): Router {
  const router = Router();
  route(
    router,
    {
      method: 'get',
      path: '/pizzerias',
      operationId: 'listPizzerias',
      tag: 'Pizzerias',
      summary: 'Liste des pizzerias actives, avec horaires, zone et conditions de livraison',
      responses: { 200: pizzeriaListSchema },
    },
    async (_input, _req, res) => {
      res.json({ pizzerias: await services.pizzerias.list() });
    },
  );
  return router;
}
