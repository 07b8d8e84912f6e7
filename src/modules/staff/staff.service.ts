// Staff sign-in: email + bcrypt password → a staff token carrying role and shop.
import { QueryTypes, type Sequelize } from 'sequelize';
import { UnauthorizedError } from '../../shared/errors.js';
import { verifyPassword } from '../auth/passwords.js';
import { issueToken } from '../auth/tokens.js';
import type { Role } from './permissions.js';

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

export async function findEmployee(db: Sequelize, id: number) {
  const [row] = await db.query<EmployeeRow>(`${SELECT_EMPLOYEE} WHERE id = $1`, {
    type: QueryTypes.SELECT,
    bind: [id],
  });
  if (!row) return undefined;
  const { passwordHash: _hidden, ...employee } = row;
  return employee;
}

export async function staffLogin(db: Sequelize, email: string, password: string) {
  const [row] = await db.query<EmployeeRow>(`${SELECT_EMPLOYEE} WHERE email = $1 AND active`, {
    type: QueryTypes.SELECT,
    bind: [email],
  });
  if (!(await verifyPassword(row?.passwordHash, password))) {
    throw new UnauthorizedError('E-mail ou mot de passe incorrect.', 'invalid_credentials');
  }
  const { token, expiresAt } = await issueToken(db, { employeeId: row.id });
  const { passwordHash: _hidden, ...employee } = row;
  return { token, expiresAt: expiresAt.toISOString(), employee };
}
