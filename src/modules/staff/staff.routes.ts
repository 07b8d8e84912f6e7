import { Router } from 'express';
import type { AppContext } from '../../context.js';
import { NotFoundError } from '../../shared/errors.js';
import { route } from '../../shared/openapi.js';
import { can, PERMISSIONS, type Permission } from '../../shared/permissions.js';
import { RESET_DONE_MESSAGE, RESET_REQUESTED_MESSAGE } from '../auth/index.js';
import { resetAnswerSchema, resetConfirmBody, resetRequestBody } from '../customers/index.js';
import { staffLoginBody, staffMeSchema, staffSessionSchema } from './staff.schemas.js';

export function staffRouter({ services }: AppContext): Router {
  const router = Router();
  route(
    router,
    {
      method: 'post',
      path: '/staff/login',
      operationId: 'loginStaff',
      tag: 'Personnel',
      summary: 'Connexion du personnel (jeton portant le rôle et la pizzeria)',
      body: staffLoginBody,
      responses: { 200: staffSessionSchema, 401: null, 422: null, 429: null },
    },
    async ({ body: { email, password } }, req, res) => {
      res.json(
        await services.auth.limitLogin('staff-login', req.ip ?? 'unknown', email, () =>
          services.staff.login(email, password),
        ),
      );
    },
  );
  route(
    router,
    {
      method: 'post',
      path: '/staff/password-reset',
      operationId: 'requestStaffPasswordReset',
      tag: 'Personnel',
      summary:
        'Mot de passe oublié (personnel) : un lien valable 1 heure est envoyé par e-mail si un employé actif a ' +
        'cette adresse (la réponse est la même sinon)',
      body: resetRequestBody,
      responses: { 202: resetAnswerSchema, 422: null, 429: null },
    },
    async ({ body }, req, res) => {
      await services.staff.requestPasswordReset(body.email, req.ip ?? 'unknown');
      res.status(202).json({ message: RESET_REQUESTED_MESSAGE });
    },
  );
  route(
    router,
    {
      method: 'post',
      path: '/staff/password-reset/confirm',
      operationId: 'confirmStaffPasswordReset',
      tag: 'Personnel',
      summary:
        'Nouveau mot de passe depuis le lien reçu (410 reset_token_invalid : lien déjà utilisé, expiré ou ' +
        'inconnu) ; toutes les sessions de l’employé sont fermées, back-office compris',
      body: resetConfirmBody,
      responses: { 200: resetAnswerSchema, 410: null, 422: null },
    },
    async ({ body }, _req, res) => {
      await services.staff.resetPassword(body.token, body.password);
      res.json({ message: RESET_DONE_MESSAGE });
    },
  );
  route(
    router,
    {
      method: 'post',
      path: '/staff/logout',
      operationId: 'logoutStaff',
      tag: 'Personnel',
      auth: 'employee',
      summary: 'Déconnexion : le jeton est révoqué',
      responses: { 204: null, 401: null },
    },
    async ({ principal }, _req, res) => {
      await services.auth.revokeToken(principal.tokenId);
      res.status(204).end();
    },
  );
  route(
    router,
    {
      method: 'get',
      path: '/staff/me',
      operationId: 'getStaffMe',
      tag: 'Personnel',
      auth: 'employee',
      summary: 'L’employé connecté et ses droits',
      responses: { 200: staffMeSchema, 401: null },
    },
    async ({ principal: me }, _req, res) => {
      const employee = await services.staff.findEmployee(me.employeeId);
      if (!employee) throw new NotFoundError();
      const permissions = (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(me.role, p));
      res.json({ employee, permissions });
    },
  );
  return router;
}
