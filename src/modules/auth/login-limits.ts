// Brute-force limits on login and registration, per client IP and per email, shared by customers and staff.
import type { Database } from '../../db/executor.js';
import { hitLimits } from '../../shared/rate-limit.js';

export const LOGIN_LIMITS = { perEmail: 10, perIp: 50, windowSeconds: 15 * 60 };
export const REGISTER_LIMITS = { perEmail: 5, perIp: 20, windowSeconds: 60 * 60 };

export type LimitedAction = 'customer-login' | 'staff-login' | 'register';

export function limitAttempts(db: Database, action: LimitedAction, ip: string, email: string): Promise<void> {
  const l = action === 'register' ? REGISTER_LIMITS : LOGIN_LIMITS;
  return hitLimits(db, [
    { key: `${action}:ip:${ip}`, max: l.perIp, windowSeconds: l.windowSeconds },
    { key: `${action}:email:${email.trim().toLowerCase()}`, max: l.perEmail, windowSeconds: l.windowSeconds },
  ]);
}
