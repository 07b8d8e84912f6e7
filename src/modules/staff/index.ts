// The staff module: the permission table, shop scoping, and staff sign-in. It alone writes employees (the back
// office's employee forms included).
import type { Settings } from '../../config/index.js';
import type { Database } from '../../db/executor.js';
import type { Clock } from '../../shared/clock.js';
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
export { shopScope, worksAt } from './scope.js';
export { staffRouter } from './staff.routes.js';

export function createStaffService({ db, clock }: { db: Database; clock: Clock; settings: Settings }) {
  return {
    /** An active employee's sign-in: a staff token carrying role and shop (401 invalid_credentials). */
    login: (email: string, password: string) => staffLogin({ db, clock }, email, password),
    /** The employee without the password hash, or undefined. */
    findEmployee: (employeeId: number) => db.read((ex) => findEmployee(ex, employeeId)),
  };
}

export type StaffService = ReturnType<typeof createStaffService>;
