// « Départ de l'employé » and « Réactiver » of the back office's staff accounts. Both go through the staff
// service (the staff module owns employees): a departure deactivates the account and, in the same transaction,
// revokes the employee's API tokens and reset links and ends their back-office sessions. Same rights as editing
// the account (staff.manage; a manager for the team below them in their own shop), checked again by the service.
import type { BaseRecord } from 'adminjs';
import type { AccessSpec } from '../access.js';
import type { AdminDeps } from '../deps.js';
import { formAction } from './form-action.js';

const isActive = (record: BaseRecord) => record.params.active === true || record.params.active === 'true';
const fullName = (record: BaseRecord) =>
  `${record.params.firstName ?? ''} ${record.params.lastName ?? ''}`.trim();

export function employeeActions(access: AccessSpec, deps: AdminDeps) {
  return {
    departure: formAction({
      access,
      grant: 'staff.manage',
      icon: 'UserX',
      intro:
        'Enregistre le départ de l’employé : son compte est désactivé dès maintenant, ses connexions en cours ' +
        '(écrans du personnel et gestion) sont fermées et ses liens de mot de passe ne fonctionnent plus. ' +
        'L’historique (commandes, mouvements de stock) garde son rôle et sa pizzeria ; ses nom, e-mail et ' +
        'téléphone seront anonymisés à la fin de la durée de conservation.',
      submitLabel: 'Confirmer le départ',
      appliesTo: isActive,
      fields: [],
      run: async ({ staff, record }) => {
        await deps.services.staff.deactivateEmployee(staff, Number(record.id()));
        return `Départ enregistré : le compte de ${fullName(record)} est désactivé.`;
      },
    }),
    reactivate: formAction({
      access,
      grant: 'staff.manage',
      icon: 'UserCheck',
      intro:
        'L’employé revient : son compte est réactivé et il peut se connecter à nouveau avec son mot de passe ' +
        '(ou en demander un nouveau).',
      submitLabel: 'Réactiver le compte',
      appliesTo: (record) => !isActive(record),
      fields: [],
      run: async ({ staff, record }) => {
        await deps.services.staff.reactivateEmployee(staff, Number(record.id()));
        return `Compte de ${fullName(record)} réactivé.`;
      },
    }),
  };
}
