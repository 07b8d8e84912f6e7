// Customer accounts and sign-in (the addresses have their own file). Tokens are bearer tokens: see auth/tokens.ts.
import { Router } from 'express';
import type { AppContext } from '../../context.js';
import { NotFoundError } from '../../shared/errors.js';
import { route } from '../../shared/openapi.js';
import { RESET_DONE_MESSAGE, RESET_REQUESTED_MESSAGE } from '../auth/index.js';
import { addressesRouter } from './addresses.routes.js';
import {
  loginBody,
  meSchema,
  registerBody,
  resetAnswerSchema,
  resetConfirmBody,
  resetRequestBody,
  sessionSchema,
  updateMeBody,
} from './customers.schemas.js';
import { preferencesRouter } from './preferences.routes.js';

const TAG = 'Clients';

export function customersRouter(ctx: AppContext): Router {
  const { auth, customers } = ctx.services;
  const router = Router();
  route(
    router,
    {
      method: 'post',
      path: '/customers',
      operationId: 'registerCustomer',
      tag: TAG,
      summary: 'Création d’un compte client (connecté aussitôt : la réponse porte un jeton)',
      body: registerBody,
      responses: { 201: sessionSchema, 409: null, 422: null, 429: null },
    },
    async ({ body }, req, res) => {
      res.status(201).json(await customers.register(body, req.ip ?? 'unknown'));
    },
  );
  route(
    router,
    {
      method: 'post',
      path: '/auth/login',
      operationId: 'loginCustomer',
      tag: TAG,
      summary: 'Connexion d’un client',
      body: loginBody,
      responses: { 200: sessionSchema, 401: null, 422: null, 429: null },
    },
    async ({ body: { email, password } }, req, res) => {
      res.json(
        await auth.limitLogin('customer-login', req.ip ?? 'unknown', email, () =>
          customers.login(email, password),
        ),
      );
    },
  );
  route(
    router,
    {
      method: 'post',
      path: '/auth/logout',
      operationId: 'logoutCustomer',
      tag: TAG,
      auth: 'customer',
      summary: 'Déconnexion : le jeton est révoqué',
      responses: { 204: null, 401: null },
    },
    async ({ principal }, _req, res) => {
      await auth.revokeToken(principal.tokenId);
      res.status(204).end();
    },
  );
  route(
    router,
    {
      method: 'post',
      path: '/auth/password-reset',
      operationId: 'requestCustomerPasswordReset',
      tag: TAG,
      summary:
        'Mot de passe oublié : un lien valable 1 heure est envoyé par e-mail si un compte existe pour cette ' +
        'adresse (la réponse est la même sinon)',
      body: resetRequestBody,
      responses: { 202: resetAnswerSchema, 422: null, 429: null },
    },
    async ({ body }, req, res) => {
      await customers.requestPasswordReset(body.email, req.ip ?? 'unknown');
      res.status(202).json({ message: RESET_REQUESTED_MESSAGE });
    },
  );
  route(
    router,
    {
      method: 'post',
      path: '/auth/password-reset/confirm',
      operationId: 'confirmCustomerPasswordReset',
      tag: TAG,
      summary:
        'Nouveau mot de passe depuis le lien reçu (410 reset_token_invalid : lien déjà utilisé, expiré ou ' +
        'inconnu) ; toutes les sessions du compte sont fermées',
      body: resetConfirmBody,
      responses: { 200: resetAnswerSchema, 410: null, 422: null },
    },
    async ({ body }, _req, res) => {
      await customers.resetPassword(body.token, body.password);
      res.json({ message: RESET_DONE_MESSAGE });
    },
  );
  route(
    router,
    {
      method: 'get',
      path: '/me',
      operationId: 'getMe',
      tag: TAG,
      auth: 'customer',
      summary: 'Le client connecté',
      responses: { 200: meSchema, 401: null, 404: null },
    },
    async ({ principal }, _req, res) => {
      const customer = await customers.findCustomer(principal.customerId);
      if (!customer) throw new NotFoundError('Ce compte n’existe plus.', 'customer_not_found');
      res.json({ customer });
    },
  );
  route(
    router,
    {
      method: 'patch',
      path: '/me',
      operationId: 'updateMe',
      tag: TAG,
      auth: 'customer',
      summary: 'Le client connecté change son téléphone (demandé à la commande quand le compte n’en a pas)',
      body: updateMeBody,
      responses: { 200: meSchema, 401: null, 404: null, 422: null },
    },
    async ({ principal, body }, _req, res) => {
      res.json({ customer: await customers.changePhone(principal.customerId, body.phone) });
    },
  );
  router.use(addressesRouter(ctx));
  router.use(preferencesRouter(ctx));
  return router;
}
