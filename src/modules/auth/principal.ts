// Who is calling, as resolved from a bearer token.
import type { Role } from '../staff/index.js';

export interface CustomerPrincipal {
  kind: 'customer';
  customerId: number;
  tokenId: number;
}

export interface EmployeePrincipal {
  kind: 'employee';
  employeeId: number;
  role: Role;
  /** null for group-wide roles (admin, accountant). */
  pizzeriaId: number | null;
  tokenId: number;
}

export type Principal = CustomerPrincipal | EmployeePrincipal;

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
  }
}
