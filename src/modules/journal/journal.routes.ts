// Staff routes of the sales journal: the manager's « Clôturer la journée », the closures with their totals, and
// the public keys that verify their signatures. A shop's staff act on their own shop only; the group roles name
// the shop (shopScope).
import { Router } from 'express';
import type { AppContext } from '../../context.js';
import { route } from '../../shared/openapi.js';
import { shopScope } from '../staff/index.js';
import {
  closeDayBody,
  closureListSchema,
  closureSchema,
  closuresQuery,
  keysSchema,
} from './journal.schemas.js';

const TAG = 'Journal des ventes';

export function journalRouter(ctx: AppContext): Router {
  const router = Router();
  const journal = () => ctx.services.journal;

  route(
    router,
    {
      method: 'post',
      path: '/staff/journal/closures',
      operationId: 'closeBusinessDay',
      tag: TAG,
      auth: { staff: 'journal.close' },
      summary:
        'Clôturer la journée : clôture signée de la journée en cours de la pizzeria, avec toutes les écritures ' +
        'enregistrées jusqu’ici (les suivantes iront à la journée suivante) ; une fois par journée (409 closure_exists)',
      body: closeDayBody,
      responses: { 201: closureSchema, 404: null, 409: null },
    },
    async ({ body, principal: me }, req, res) => {
      const pizzeriaId = shopScope(me, body.pizzeriaId);
      const closure = await journal().closeBusinessDay(pizzeriaId, me.employeeId);
      req.log.info({ pizzeriaId, period: closure.period, seq: closure.seq }, 'business day closed on demand');
      res.status(201).json(closure);
    },
  );

  route(
    router,
    {
      method: 'get',
      path: '/staff/journal/closures',
      operationId: 'listClosures',
      tag: TAG,
      auth: { staff: 'journal.view' },
      summary:
        'Clôtures (journées, mois, exercices) d’une pizzeria dans l’ordre de leur chaîne, avec leurs totaux par ' +
        'taux de TVA, moyen de paiement et type d’écriture, et le grand total perpétuel',
      query: closuresQuery,
      responses: { 200: closureListSchema, 404: null },
    },
    async ({ query, principal: me }, _req, res) => {
      const pizzeriaId = shopScope(me, query.pizzeriaId);
      const closures = await journal().listClosures({ ...query, pizzeriaId });
      res.json({ pizzeriaId, closures });
    },
  );

  route(
    router,
    {
      method: 'get',
      path: '/staff/journal/keys',
      operationId: 'getJournalKeys',
      tag: TAG,
      auth: { staff: 'journal.view' },
      summary: 'Clés publiques Ed25519 (PEM) qui vérifient les signatures des clôtures, et la clé en cours',
      responses: { 200: keysSchema },
    },
    async (_input, _req, res) => {
      const keys = await journal().publishedKeys();
      res.json({ currentKeyId: journal().signingKey.keyId, keys });
    },
  );

  return router;
}
