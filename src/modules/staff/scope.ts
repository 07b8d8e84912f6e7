// Shop scoping for staff: shop employees act in their own shop only; group-wide roles name the shop.
import { ForbiddenError, ValidationError } from '../../shared/errors.js';
import type { EmployeePrincipal } from '../auth/index.js';

export function shopScope(employee: EmployeePrincipal, requested?: number): number {
  if (employee.pizzeriaId !== null) {
    if (requested !== undefined && requested !== employee.pizzeriaId) {
      throw new ForbiddenError('Vous n’avez accès qu’à votre pizzeria.', 'other_pizzeria');
    }
    return employee.pizzeriaId;
  }
  if (requested === undefined) {
    throw new ValidationError(
      'Précisez la pizzeria (pizzeriaId).',
      { field: 'pizzeriaId' },
      'pizzeria_required',
    );
  }
  return requested;
}

export function worksAt(employee: EmployeePrincipal, pizzeriaId: number): boolean {
  return employee.pizzeriaId === null || employee.pizzeriaId === pizzeriaId;
}
