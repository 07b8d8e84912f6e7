// Resolves the bearer token (header, or `access_token` in the query for EventSource streams that cannot send
// headers) into `req.principal`. Which caller a route accepts is declared and checked by route() (openapi.ts).
import type { Request, RequestHandler } from 'express';
import type { Principal } from './principal.js';

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
