// The auth module: bearer tokens (issued, resolved, revoked), the login and registration rate limits, password
// hashing, password reset (tokens, flow and e-mail; the account modules plug in their accounts), and the
// middleware that reads the caller from the token (route() checks what each route requires).
// It alone writes auth_tokens and password_reset_tokens.
import type { Settings } from '../../config/index.js';
import type { Database, Tx } from '../../db/executor.js';
import type { Clock } from '../../shared/clock.js';
import { limitAttempts, limitLogin, type LimitedAction, type LoginAction } from './login-limits.js';
import { purgeDeadTokens, purgeSpentResetTokens } from './retention.js';
import { issueToken, resolveToken, revokeToken, type TokenSubject } from './tokens.js';

export { deleteEmployeeTokens } from './retention.js';

export { authenticate, type TokenResolver } from './auth.middleware.js';
export {
  LOGIN_LIMITS,
  REGISTER_LIMITS,
  RESET_LIMITS,
  limitAttempts,
  limitLogin,
  type LimitedAction,
  type LoginAction,
  type ResetAction,
} from './login-limits.js';
export {
  RESET_DONE_MESSAGE,
  RESET_MAIL_KIND,
  RESET_REQUESTED_MESSAGE,
  ResetTokenInvalidError,
  passwordReset,
  type PasswordReset,
  type ResetAccount,
  type ResetAccounts,
  type ResetDeps,
} from './password-reset.js';
export { authHolder } from './personal-data.js';
export { resetMailRenderer, resetPageUrl } from './reset-mail.js';
export { RESET_TOKEN_TTL_MS, endAccountSessions } from './reset-tokens.js';
export { BCRYPT_COST, hashPassword, verifyPassword } from './passwords.js';
export type { CustomerPrincipal, EmployeePrincipal, Principal } from './principal.js';
export {
  CUSTOMER_TOKEN_TTL_MS,
  STAFF_TOKEN_TTL_MS,
  issueToken,
  resolveToken,
  revokeToken,
  type IssuedToken,
  type TokenSubject,
} from './tokens.js';

export function createAuthService({ db, clock }: { db: Database; clock: Clock; settings: Settings }) {
  return {
    /** The caller holding `token` (undefined: unknown, expired, revoked, or a deactivated employee's). */
    resolveToken: (token: string) => db.read((ex) => resolveToken(ex, token, clock.now())),
    /** A new token for the subject, written in the caller's transaction. */
    issueToken: (tx: Tx, subject: TokenSubject) => issueToken(tx, subject, clock.now()),
    /** Logout: the token stops working at once. */
    revokeToken: (tokenId: number) => db.transaction((tx) => revokeToken(tx, tokenId)),
    /** Counts a registration attempt per IP and per email; 429 (Retry-After) over the limit. */
    limitAttempts: (action: LimitedAction, ip: string, email: string) => limitAttempts(db, action, ip, email),
    /** Runs a login under the limits, which count its failures only (429 with Retry-After over them). */
    limitLogin: <T>(action: LoginAction, ip: string, email: string, login: () => Promise<T>) =>
      limitLogin(db, action, ip, email, login),
    /** The retention job's batches (each its own short transaction): the number deleted. */
    purgeDeadTokens: (limit: number) => db.transaction((tx) => purgeDeadTokens(tx, clock.now(), limit)),
    purgeSpentResetTokens: (limit: number) =>
      db.transaction((tx) => purgeSpentResetTokens(tx, clock.now(), limit)),
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
