import { Router } from 'express';
import type { AppContext } from '../../context.js';
import { route } from '../../shared/openapi.js';
import { pizzeriaListSchema, pizzeriaRefParam } from './pizzerias.schemas.js';
import { slotsQuery, slotsResponse } from './slots.schemas.js';

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
  route(
    router,
    {
      method: 'get',
      path: '/pizzerias/:pizzeriaId/slots',
      operationId: 'listPizzeriaSlots',
      tag: 'Pizzerias',
      summary:
        'Créneaux de 15 min pour commander pour plus tard (aujourd’hui ou demain), avec les places restantes',
      params: pizzeriaRefParam,
      query: slotsQuery,
      responses: { 200: slotsResponse, 400: null, 404: null, 422: null },
    },
    // Counting what is booked is the orders module's (it owns orders); the hours are this module's (slots.ts).
    async ({ params, query }, _req, res) => {
      res.json(await services.orders.slots({ pizzeria: params.pizzeriaId, ...query }));
    },
  );
  return router;
}
