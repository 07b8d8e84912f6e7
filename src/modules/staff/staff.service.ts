// Staff sign-in: email + bcrypt password → a staff token carrying role and shop.
import type { Database, Executor } from '../../db/executor.js';
import type { Clock } from '../../shared/clock.js';
import { UnauthorizedError } from '../../shared/errors.js';
import { issueToken, verifyPassword } from '../auth/index.js';
import type { Role } from '../../shared/permissions.js';

interface EmployeeRow {
  id: number;
  firstName: string;
  lastName: string;
  email: string;
  role: Role;
  pizzeriaId: number | null;
  passwordHash: string;
}

const SELECT_EMPLOYEE = `SELECT id, first_name AS "firstName", last_name AS "lastName", email, role,
  pizzeria_id AS "pizzeriaId", password_hash AS "passwordHash" FROM employees`;

export async function findEmployee(ex: Executor, id: number) {
  const row = await ex.one<EmployeeRow>(`${SELECT_EMPLOYEE} WHERE id = $1`, [id]);
  if (!row) return undefined;
  const { passwordHash: _hidden, ...employee } = row;
  return employee;
}

export async function staffLogin(
  { db, clock }: { db: Database; clock: Clock },
  email: string,
  password: string,
) {
  const row = await db.read((ex) =>
    ex.one<EmployeeRow>(`${SELECT_EMPLOYEE} WHERE email = $1 AND active`, [email]),
  );
  if (!(await verifyPassword(row?.passwordHash, password))) {
    throw new UnauthorizedError('E-mail ou mot de passe incorrect.', 'invalid_credentials');
  }
  const { token, expiresAt } = await db.transaction((tx) =>
    issueToken(tx, { employeeId: row!.id }, clock.now()),
  );
  const { passwordHash: _hidden, ...employee } = row!;
  return { token, expiresAt: expiresAt.toISOString(), employee };
}
