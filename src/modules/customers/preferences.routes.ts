// The connected customer's choice of e-mails (the account page's checkbox). The customer comes from the token.
import { Router } from 'express';
import type { AppContext } from '../../context.js';
import { route } from '../../shared/openapi.js';
import { notificationPreferencesBody, notificationPreferencesSchema } from './preferences.schemas.js';

const TAG = 'Clients';

export function preferencesRouter({ services }: AppContext): Router {
  const { customers } = services;
  const router = Router();
  route(
    router,
    {
      method: 'get',
      path: '/me/notifications',
      operationId: 'getMyNotifications',
      tag: TAG,
      auth: 'customer',
      summary: 'Les e-mails que le client reçoit : suivi de commande oui ou non, et ceux toujours envoyés',
      responses: { 200: notificationPreferencesSchema, 401: null, 404: null },
    },
    async ({ principal }, _req, res) => {
      res.json(await customers.notificationPreferences(principal.customerId));
    },
  );
  route(
    router,
    {
      method: 'patch',
      path: '/me/notifications',
      operationId: 'updateMyNotifications',
      tag: TAG,
      auth: 'customer',
      summary:
        'Le client active ou coupe les e-mails de suivi de commande (pour les messages écrits à partir de maintenant)',
      body: notificationPreferencesBody,
      responses: { 200: notificationPreferencesSchema, 401: null, 404: null, 422: null },
    },
    async ({ principal, body }, _req, res) => {
      res.json(await customers.setStatusEmails(principal.customerId, body.statusEmails));
    },
  );
  return router;
}
