import { Router } from 'express';
import type { AppContext } from '../../context.js';
import { NotFoundError } from '../../shared/errors.js';
import { route } from '../../shared/openapi.js';
import { can, PERMISSIONS, type Permission } from '../../shared/permissions.js';
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
