// The staff module: the permission table, shop scoping, and staff sign-in. It alone writes employees (the back
// office's employee forms included).
import type { Settings } from '../../config/index.js';
import type { Database, Tx } from '../../db/executor.js';
import type { Clock } from '../../shared/clock.js';
import type { ResetDeps } from '../auth/index.js';
import { anonymiseDeparted } from './anonymise.js';
import { staffDeparture } from './departure.js';
import { staffPasswordReset } from './password-reset.js';
import { findEmployee, staffLogin } from './staff.service.js';

export {
  GROUP_WIDE_ROLES,
  PERMISSIONS,
  ROLES,
  can,
  isGroupWide,
  type Permission,
  type Role,
} from '../../shared/permissions.js';
export { assignableRoles, mayManage, type EmployeeStatus, type StaffActor } from './departure.js';
export { shopScope, worksAt } from './scope.js';
export { ANONYMOUS_FIRST_NAME, anonymousEmail, anonymousLastName } from './anonymise.js';
export { staffRouter } from './staff.routes.js';

export interface StaffDeps {
  db: Database;
  clock: Clock;
  settings: Settings;
  /** Where the password reset mail is written (the notifications module's outbox), and where an anonymised
   * employee's messages are deleted. */
  notifications: Pick<ResetDeps, 'enqueue'> & {
    forgetEmployee?: (tx: Tx, employeeId: number, email: string) => Promise<number>;
  };
  /** Ends the employee's back-office sessions (their owner, admin/, provides it) when the password changes or
   * the employee leaves. */
  endBackOfficeSessions?: (tx: Tx, employeeId: number) => Promise<void>;
}

export function createStaffService({ db, clock, notifications, endBackOfficeSessions }: StaffDeps) {
  const reset = staffPasswordReset({ db, clock, enqueue: notifications.enqueue }, endBackOfficeSessions);
  const departure = staffDeparture({ db, clock, endBackOfficeSessions });
  return {
    /** An active employee's sign-in: a staff token carrying role and shop (401 invalid_credentials). */
    login: (email: string, password: string) => staffLogin({ db, clock }, email, password),
    /** « Mot de passe oublié »: a link by e-mail if an active employee has this address (429 over the limits). */
    requestPasswordReset: reset.request,
    /** The new password from the link (410 reset_token_invalid, 422 weak_password); every session ends, the
     * back office's too. */
    resetPassword: reset.confirm,
    /** « Départ de l'employé »: inactive, every token, reset link and back-office session ended (404, 403, 409
     * own_departure). The only way an employee becomes inactive. */
    deactivateEmployee: departure.deactivate,
    /** Back after a departure: active again, no departure date (409 employee_anonymised). */
    reactivateEmployee: departure.reactivate,
    /** The employee without the password hash, or undefined. */
    findEmployee: (employeeId: number) => db.read((ex) => findEmployee(ex, employeeId)),
    /** The retention job's batch: employees deactivated before `before`, anonymised (one transaction each). */
    anonymiseDeparted: (before: Date, limit: number) =>
      anonymiseDeparted(
        { db, endBackOfficeSessions, forgetMessages: notifications.forgetEmployee },
        before,
        limit,
        clock.now(),
      ),
  };
}

export type StaffService = ReturnType<typeof createStaffService>;
