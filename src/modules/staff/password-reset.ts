// The staff's side of « mot de passe oublié » (the flow, tokens and e-mail are auth's: auth/password-reset.ts).
// Only active employees get a link (the answer is the same for the others), and a link of an employee
// deactivated meanwhile no longer works. The password rule is the customers' one, as in the back office's form.
import type { Tx } from '../../db/executor.js';
import { passwordReset, type ResetAccount, type ResetAccounts, type ResetDeps } from '../auth/index.js';
import { assertPasswordPolicy } from '../customers/index.js';

const SELECT = `SELECT id, email, first_name AS "firstName", last_name AS "lastName" FROM employees`;

export function staffAccounts(
  endOtherSessions?: (tx: Tx, employeeId: number) => Promise<void>,
): ResetAccounts {
  return {
    kind: 'employee',
    limit: 'staff-reset',
    findByEmail: (ex, email) => ex.one<ResetAccount>(`${SELECT} WHERE email = $1 AND active`, [email]),
    findById: (ex, id) => ex.one<ResetAccount>(`${SELECT} WHERE id = $1 AND active`, [id]),
    assertPolicy: assertPasswordPolicy,
    setPasswordHash: async (tx, id, passwordHash) =>
      (await tx.exec(`UPDATE employees SET password_hash = $2, updated_at = now() WHERE id = $1 AND active`, [
        id,
        passwordHash,
      ])) > 0,
    endOtherSessions,
  };
}

export const staffPasswordReset = (
  deps: ResetDeps,
  endOtherSessions?: (tx: Tx, employeeId: number) => Promise<void>,
) => passwordReset(deps, staffAccounts(endOtherSessions));
