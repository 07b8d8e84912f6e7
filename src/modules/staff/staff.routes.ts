import { Router } from 'express';
import type { Sequelize } from 'sequelize';
import { NotFoundError } from '../../shared/errors.js';
import { route } from '../../shared/openapi.js';
import { parse } from '../../shared/validate.js';
import { employeeOf, requireEmployee } from '../auth/auth.middleware.js';
import { limitAttempts } from '../auth/login-limits.js';
import { revokeToken } from '../auth/tokens.js';
import { can, PERMISSIONS, type Permission } from './permissions.js';
import { staffLoginBody, staffMeSchema, staffSessionSchema } from './staff.schemas.js';
import { findEmployee, staffLogin } from './staff.service.js';

export function staffRouter(db: Sequelize): Router {
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
      await limitAttempts(db, 'staff-login', req.ip ?? 'unknown', email);
      res.json(await staffLogin(db, email, password));
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
      await revokeToken(db, employeeOf(req).tokenId);
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
      const employee = await findEmployee(db, me.employeeId);
      if (!employee) throw new NotFoundError();
      const permissions = (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(me.role, p));
      res.json({ employee, permissions });
    },
  );
  return router;
}
