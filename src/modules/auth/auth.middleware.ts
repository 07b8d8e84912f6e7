// Resolves the bearer token (header, or `access_token` in the query for EventSource streams that cannot send
// headers) and guards routes by kind of caller and by permission.
import type { Request, RequestHandler } from 'express';
import { ForbiddenError, UnauthorizedError } from '../../shared/errors.js';
import { can, type Permission } from '../staff/index.js';
import type { CustomerPrincipal, EmployeePrincipal, Principal } from './principal.js';

function bearer(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  const fromQuery = req.query.access_token;
  if (req.method === 'GET' && req.path.endsWith('/events') && typeof fromQuery === 'string') return fromQuery;
  return undefined;
}

/** What the middleware asks the auth service (src/modules/auth/index.ts). */
export interface TokenResolver {
  resolveToken(token: string): Promise<Principal | undefined>;
}

export function authenticate(auth: TokenResolver): RequestHandler {
  return async (req, _res, next) => {
    const token = bearer(req);
    if (token) req.principal = await auth.resolveToken(token);
    next();
  };
}

const SESSION_EXPIRED = 'Session expirée ou absente : reconnectez-vous.';

export const requireCustomer: RequestHandler = (req, _res, next) => {
  if (req.principal?.kind !== 'customer') throw new UnauthorizedError(SESSION_EXPIRED);
  next();
};

export const requireEmployee: RequestHandler = (req, _res, next) => {
  if (req.principal?.kind !== 'employee') throw new UnauthorizedError(SESSION_EXPIRED);
  next();
};

export function requireStaff(permission: Permission): RequestHandler {
  return (req, _res, next) => {
    const p = req.principal;
    if (p?.kind !== 'employee') throw new UnauthorizedError(SESSION_EXPIRED);
    if (!can(p.role, permission)) throw new ForbiddenError('Votre rôle ne permet pas cette action.');
    next();
  };
}

export const customerOf = (req: Request) => req.principal as CustomerPrincipal;
export const employeeOf = (req: Request) => req.principal as EmployeePrincipal;
