// An employee who leaves (« Départ de l'employé ») and, if they come back, their reactivation. The one way
// `employees.active` changes: the back office's form no longer writes it, so a departure always ends every way
// in (API tokens, reset links, back-office sessions) in the same transaction as the flag. The retention job
// (h2's) later anonymises the rows deactivated long enough ago; `deactivated_at` is its clock.
import type { Database, Tx } from '../../db/executor.js';
import type { Clock } from '../../shared/clock.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../shared/errors.js';
import { can, isGroupWide, ROLES, type Role } from '../../shared/permissions.js';
import { endAccountSessions, type EmployeePrincipal } from '../auth/index.js';

/** Who is acting: an API principal, or the back office's signed-in employee (same fields). */
export type StaffActor = Pick<EmployeePrincipal, 'employeeId' | 'role' | 'pizzeriaId'>;

/** The roles an actor may give and manage: every role for the group admin, the shop team below a manager. */
export function assignableRoles(actor: Pick<StaffActor, 'role'>): readonly Role[] {
  if (!can(actor.role, 'staff.manage')) return [];
  if (isGroupWide(actor.role)) return ROLES;
  return ROLES.filter((role) => !isGroupWide(role) && !can(role, 'staff.manage'));
}

/** Whether `actor` manages `target`: staff.manage, a role they may give, and (shop staff) their own shop. */
export function mayManage(actor: StaffActor, target: { role: Role; pizzeriaId: number | null }): boolean {
  if (!assignableRoles(actor).includes(target.role)) return false;
  return isGroupWide(actor.role) || (actor.pizzeriaId !== null && target.pizzeriaId === actor.pizzeriaId);
}

export interface DepartureDeps {
  db: Database;
  clock: Clock;
  /** The back office's sessions (admin/ owns admin_sessions; given in src/wiring.ts). */
  endBackOfficeSessions?: (tx: Tx, employeeId: number) => Promise<void>;
}

export interface EmployeeStatus {
  id: number;
  active: boolean;
  deactivatedAt: Date | null;
}

interface Target {
  id: number;
  role: Role;
  pizzeriaId: number | null;
  active: boolean;
  anonymisedAt: Date | null;
}

/** Locks the employee's row and checks that the actor may change it (404, 403). */
async function lockTarget(tx: Tx, actor: StaffActor, employeeId: number): Promise<Target> {
  const target = await tx.one<Target>(
    `SELECT id, role, pizzeria_id AS "pizzeriaId", active, anonymised_at AS "anonymisedAt"
       FROM employees WHERE id = $1 FOR UPDATE`,
    [employeeId],
  );
  if (!target) throw new NotFoundError('Employé introuvable.', 'employee_not_found');
  if (!mayManage(actor, target)) {
    throw new ForbiddenError('Vous ne pouvez pas gérer le compte de cet employé.', 'employee_not_managed');
  }
  return target;
}

const RETURNING = `RETURNING id, active, deactivated_at AS "deactivatedAt"`;

export function staffDeparture({ db, clock, endBackOfficeSessions }: DepartureDeps) {
  return {
    /**
     * The employee leaves: inactive from now (sign-in refused), every API token revoked, every reset link
     * dead, every back-office session ended. Done again on an inactive account, it ends whatever is left and
     * keeps the first departure date.
     */
    deactivate: (actor: StaffActor, employeeId: number) =>
      db.transaction(async (tx): Promise<EmployeeStatus> => {
        if (actor.employeeId === employeeId) {
          throw new ConflictError(
            'own_departure',
            'Vous ne pouvez pas enregistrer votre propre départ : demandez-le à un responsable.',
          );
        }
        await lockTarget(tx, actor, employeeId);
        const now = clock.now();
        const status = await tx.one<EmployeeStatus>(
          `UPDATE employees SET active = false, deactivated_at = COALESCE(deactivated_at, $2), updated_at = now()
            WHERE id = $1 ${RETURNING}`,
          [employeeId, now],
        );
        await endAccountSessions(tx, 'employee', employeeId, now);
        await endBackOfficeSessions?.(tx, employeeId);
        return status!;
      }),

    /** The employee comes back: active again, no departure date (an anonymised account cannot come back). */
    reactivate: (actor: StaffActor, employeeId: number) =>
      db.transaction(async (tx): Promise<EmployeeStatus> => {
        const target = await lockTarget(tx, actor, employeeId);
        if (target.anonymisedAt) {
          throw new ConflictError(
            'employee_anonymised',
            'Ce compte a été anonymisé après le départ de l’employé : créez-lui un nouveau compte.',
          );
        }
        const status = await tx.one<EmployeeStatus>(
          `UPDATE employees SET active = true, deactivated_at = NULL, updated_at = now() WHERE id = $1 ${RETURNING}`,
          [employeeId],
        );
        return status!;
      }),
  };
}
