// Brute-force limits on login, registration and password reset requests, per client IP and per email, shared by customers and staff.
// Registrations count every attempt. Logins count failures only: each attempt is counted before the password is
// checked (parallel guesses cannot slip under the limit), and a success takes its attempt back and clears the
// e-mail's failures, so that staff who sign in all day (back office and /personnel share the staff counters)
// are never locked out while password guessing still is.
import type { Database } from '../../db/executor.js';
import { forgiveAttempt, hitLimits } from '../../shared/rate-limit.js';

export const LOGIN_LIMITS = { perEmail: 10, perIp: 50, windowSeconds: 15 * 60 };
export const REGISTER_LIMITS = { perEmail: 5, perIp: 20, windowSeconds: 60 * 60 };
// Password reset requests count every attempt, known e-mail or not (the answer must not tell them apart): a few
// per address (each sends a mail to its owner), more per IP (a shared office or phone network).
export const RESET_LIMITS = { perEmail: 5, perIp: 30, windowSeconds: 60 * 60 };

export type LimitedAction = 'customer-login' | 'staff-login' | 'register' | ResetAction;
export type LoginAction = 'customer-login' | 'staff-login';
export type ResetAction = 'customer-reset' | 'staff-reset';

const LIMITS: Record<LimitedAction, typeof LOGIN_LIMITS> = {
  'customer-login': LOGIN_LIMITS,
  'staff-login': LOGIN_LIMITS,
  register: REGISTER_LIMITS,
  'customer-reset': RESET_LIMITS,
  'staff-reset': RESET_LIMITS,
};

const keys = (action: LimitedAction, ip: string, email: string) => ({
  ip: `${action}:ip:${ip}`,
  email: `${action}:email:${email.trim().toLowerCase()}`,
});

/** Every rate-limit key counting an e-mail's attempts (a customer's erasure deletes them). */
export const emailLimitKeys = (email: string): string[] =>
  (Object.keys(LIMITS) as LimitedAction[]).map((action) => keys(action, '', email).email.slice(0, 200));

export function limitAttempts(db: Database, action: LimitedAction, ip: string, email: string): Promise<void> {
  const l = LIMITS[action];
  const key = keys(action, ip, email);
  return hitLimits(db, [
    { key: key.ip, max: l.perIp, windowSeconds: l.windowSeconds },
    { key: key.email, max: l.perEmail, windowSeconds: l.windowSeconds },
  ]);
}

/**
 * Runs a login under the limits: 429 when the IP or the e-mail has failed too often (even with the right
 * password); a login that throws stays counted as a failure; one that resolves is forgiven (the IP's attempt
 * taken back, the e-mail's counter cleared).
 */
export async function limitLogin<T>(
  db: Database,
  action: LoginAction,
  ip: string,
  email: string,
  login: () => Promise<T>,
): Promise<T> {
  await limitAttempts(db, action, ip, email);
  const result = await login();
  const key = keys(action, ip, email);
  await forgiveAttempt(db, { refund: [key.ip], reset: [key.email] });
  return result;
}
