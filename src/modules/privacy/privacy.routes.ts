// « Mon compte » : the signed-in customer downloads their personal data, or closes their account (the password
// asked again). Thin: the privacy service does the work (index.ts).
import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { route } from '../../shared/openapi.js';

const TAG = 'Clients';

const exportSchema = z.object({
  format: z.literal('ocpizza-donnees-personnelles/1'),
  generatedAt: z.string().describe('Date et heure de production du document (ISO 8601)'),
  customerId: z.number().int(),
  data: z
    .record(z.string(), z.record(z.string(), z.unknown()))
    .describe(
      'Par module : le compte, les adresses, les commandes, les paiements, les connexions, les e-mails…',
    ),
});

export const eraseMeBody = z.object({
  password: z.string().min(1).max(200).describe('Le mot de passe du compte, demandé à nouveau'),
});

/** The download's name: « ocpizza-mes-donnees-2026-12-05.json » (the day in UTC of the request). */
export const exportFileName = (at: Date) => `ocpizza-mes-donnees-${at.toISOString().slice(0, 10)}.json`;

export function privacyRouter({ services }: AppContext): Router {
  const { privacy } = services;
  const router = Router();
  route(
    router,
    {
      method: 'get',
      path: '/me/export',
      operationId: 'exportMyData',
      tag: TAG,
      auth: 'customer',
      summary:
        'Le client télécharge toutes les données personnelles que nous gardons sur lui (JSON en pièce jointe) : ' +
        'compte, adresses, commandes, paiements sans donnée de carte, préférences, historique de connexion',
      responses: { 200: exportSchema, 401: null, 404: null },
    },
    async ({ principal }, _req, res) => {
      const document = await privacy.exportCustomer(principal.customerId);
      res.set(
        'Content-Disposition',
        `attachment; filename="${exportFileName(new Date(document.generatedAt))}"`,
      );
      res.json(document);
    },
  );
  route(
    router,
    {
      method: 'delete',
      path: '/me',
      operationId: 'deleteMe',
      tag: TAG,
      auth: 'customer',
      summary:
        'Le client supprime son compte (mot de passe redemandé) : le compte est fermé aussitôt, ses données ' +
        'personnelles effacées ; les montants des commandes restent pour la comptabilité (409 order_in_progress ' +
        'tant qu’une commande est en cours, 422 password_incorrect)',
      body: eraseMeBody,
      responses: { 204: null, 401: null, 404: null, 409: null, 422: null },
    },
    async ({ principal, body }, _req, res) => {
      await privacy.eraseAccount(principal.customerId, body.password);
      res.status(204).end();
    },
  );
  return router;
}
