// Back-office sign-in and sessions. Staff log in with their e-mail and bcrypt password (active employees only,
// the same brute-force limits as the staff API, which count failures only); only roles with `admin.access` get
// in: drivers and counter staff are refused with their own French message, once their password is verified. Sessions live in
// PostgreSQL (admin_sessions, shared by every process) and hold the employee's id, role and shop, which are
// re-read from the database on every request: a deactivated employee or a changed role or shop takes
// effect at once, not when the 8-hour session ends.
import type { RequestHandler } from 'express';
import session, { type SessionOptions } from 'express-session';
import connectPgSimple from 'connect-pg-simple';
import { QueryTypes, type Sequelize } from 'sequelize';
import type { AuthenticationContext } from '@adminjs/express';
import type { Logger } from 'pino';
import type { Settings } from '../src/config/index.js';
import { verifyPassword } from '../src/modules/auth/index.js';
import { can, type Role } from '../src/modules/staff/index.js';
import { TooManyRequestsError } from '../src/shared/errors.js';
import type { StaffAdmin } from './access.js';
import type { AdminContext } from './deps.js';

declare module 'express-session' {
  interface SessionData {
    adminUser?: StaffAdmin;
  }
}

export const SESSION_COOKIE = 'ocpizza.gestion';
export const SESSION_MAX_AGE_MS = 8 * 60 * 60 * 1000;

interface EmployeeRow {
  id: number;
  email: string;
  firstName: string;
  lastName: string;
  role: Role;
  pizzeriaId: number | null;
  passwordHash?: string;
}

const COLUMNS = `e.id, e.email, e.first_name AS "firstName", e.last_name AS "lastName", e.role,
  e.pizzeria_id AS "pizzeriaId", p.code AS "shopCode"`;
const FROM = 'FROM employees e LEFT JOIN pizzerias p ON p.id = e.pizzeria_id';

const ROLE_TITLES: Record<Role, string> = {
  admin: 'Administrateur du groupe',
  manager: 'Responsable',
  pizzaiolo: 'Pizzaïolo',
  driver: 'Livreur',
  counter: 'Accueil',
  accountant: 'Comptable',
};

function toStaffAdmin(row: EmployeeRow & { shopCode?: string | null }): StaffAdmin {
  return {
    id: String(row.id),
    employeeId: row.id,
    email: row.email,
    title: `${row.firstName} ${row.lastName} · ${ROLE_TITLES[row.role]}${row.shopCode ? ` ${row.shopCode}` : ''}`,
    role: row.role,
    pizzeriaId: row.pizzeriaId,
  };
}

/**
 * The `authenticate` of @adminjs/express. Its thrown messages are translation keys of admin/locale.ts (the
 * login page shows their French text); they contain no quote because the page embeds them in a JS string.
 */
export function authenticateStaff({ sequelize: db, services }: AdminContext) {
  return async (email: string, password: string, context?: AuthenticationContext): Promise<StaffAdmin> => {
    const normalized = String(email ?? '')
      .trim()
      .toLowerCase();
    // Only a wrong e-mail or password counts against the limits (shared with the staff API's login).
    let row: EmployeeRow & { shopCode: string | null };
    try {
      row = await services.auth.limitLogin(
        'staff-login',
        context?.req.ip ?? 'unknown',
        normalized,
        async () => {
          const [found] = await db.query<EmployeeRow & { shopCode: string | null; passwordHash: string }>(
            `SELECT ${COLUMNS}, e.password_hash AS "passwordHash" ${FROM} WHERE e.email = $1 AND e.active`,
            { type: QueryTypes.SELECT, bind: [normalized] },
          );
          if (!(await verifyPassword(found?.passwordHash, String(password ?? ''))))
            throw new Error('invalidCredentials');
          return found;
        },
      );
    } catch (error) {
      if (error instanceof TooManyRequestsError) throw new Error('tooManyRequests');
      throw error;
    }
    if (!can(row.role, 'admin.access')) throw new Error('roleNotAllowed');
    // A new session id at login: a session id planted before login is worth nothing after it.
    const req = context?.req;
    if (req?.session)
      await new Promise<void>((resolve, reject) =>
        req.session.regenerate((e) => (e ? reject(e) : resolve())),
      );
    return toStaffAdmin(row);
  };
}

/** connect-pg-simple through the app's Sequelize pool (its `pgPromise` interface): no second pool to size. */
export function sessionOptions(db: Sequelize, settings: Settings, logger: Logger): SessionOptions {
  const PgStore = connectPgSimple(session);
  const store = new PgStore({
    tableName: 'admin_sessions',
    createTableIfMissing: false,
    pgPromise: {
      any: (query: string, params: unknown[]) => db.query(query, { type: QueryTypes.SELECT, bind: params }),
    },
    errorLog: (...args: unknown[]) => logger.error({ args: args.map(String) }, 'admin session store'),
  });
  return {
    store,
    name: SESSION_COOKIE,
    secret: settings.secretKey,
    resave: false,
    saveUninitialized: false,
    // Each request pushes the end of the session 8 hours further: an idle session ends, a working one does not.
    rolling: true,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: settings.isProduction,
      maxAge: SESSION_MAX_AGE_MS,
      path: settings.adminPath,
    },
  };
}

/** Re-reads the signed-in employee on each request: gone, inactive or no longer allowed → back to login. */
export function refreshStaff(db: Sequelize, loginPath: string): RequestHandler {
  return async (req, res, next) => {
    const current = req.session?.adminUser;
    if (!current || req.path.startsWith('/frontend/assets/')) return next();
    try {
      const [row] = await db.query<EmployeeRow & { shopCode: string | null }>(
        `SELECT ${COLUMNS} ${FROM} WHERE e.id = $1 AND e.active`,
        {
          type: QueryTypes.SELECT,
          bind: [current.employeeId],
        },
      );
      if (!row || !can(row.role, 'admin.access')) {
        req.session.destroy(() => res.redirect(loginPath));
        return;
      }
      const fresh = toStaffAdmin(row);
      if (JSON.stringify(fresh) !== JSON.stringify(current)) req.session.adminUser = fresh;
      next();
    } catch (error) {
      next(error);
    }
  };
}
