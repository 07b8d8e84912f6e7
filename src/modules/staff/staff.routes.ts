import { Router } from 'express';
import type { AppContext } from '../../context.js';
import { NotFoundError } from '../../shared/errors.js';
import { route } from '../../shared/openapi.js';
import { parse } from '../../shared/validate.js';
import { employeeOf, requireEmployee } from '../auth/index.js';
import { can, PERMISSIONS, type Permission } from './permissions.js';
import { staffLoginBody, staffMeSchema, staffSessionSchema } from './staff.schemas.js';

export function staffRouter({ services }: AppContext): Router {
  const router = Router();
  route(
    router,
    {
      method: 'post',
      path: '/staff/login',
      tag: 'Personnel',
      summary: 'Connexion du personnel (jeton portant le rôle et la pizzeria)',
      body: staffLoginBody,
      responses: { 200: staffSessionSchema, 401: null, 422: null, 429: null },
    },
    async (req, res) => {
      const { email, password } = parse(staffLoginBody, req.body);
      await services.auth.limitAttempts('staff-login', req.ip ?? 'unknown', email);
      res.json(await services.staff.login(email, password));
    },
  );
  route(
    router,
    {
      method: 'post',
      path: '/staff/logout',
      tag: 'Personnel',
      auth: 'staff',
      summary: 'Déconnexion : le jeton est révoqué',
      responses: { 204: null, 401: null },
    },
    requireEmployee,
    async (req, res) => {
      await services.auth.revokeToken(employeeOf(req).tokenId);
      res.status(204).end();
    },
  );
  route(
    router,
    {
      method: 'get',
      path: '/staff/me',
      tag: 'Personnel',
      auth: 'staff',
      summary: 'L’employé connecté et ses droits',
      responses: { 200: staffMeSchema, 401: null },
    },
    requireEmployee,
    async (req, res) => {
      const me = employeeOf(req);
      const employee = await services.staff.findEmployee(me.employeeId);
      if (!employee) throw new NotFoundError();
      const permissions = (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(me.role, p));
      res.json({ employee, permissions });
    },
  );
  return router;
}
