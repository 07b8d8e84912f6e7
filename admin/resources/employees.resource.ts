// Staff accounts (staff.manage). The group admin manages everyone; a manager manages the team of their own
// shop below them (pizzaiolos, drivers, counter staff): they cannot create or promote anyone to manager or to a
// group role, nor move anyone to another shop, nor change other managers (the staff module's assignableRoles).
// Only the group admin deletes an account; others record the employee's departure: « Départ de l'employé »
// goes through the staff service, which deactivates the account and ends every token and session at once.
// `active` is therefore not a field of the form (an edit would deactivate without ending the sessions).
// The password is set through the virtual `newPassword` field, checked and hashed with bcrypt here; the hash
// is never selected (hidden column of the data layer), so it is never listed, shown, filtered or exported.
import { ValidationError, type Before } from 'adminjs';
import { Employee } from '../../src/db/models/index.js';
import { hashPassword } from '../../src/modules/auth/index.js';
import { passwordProblems } from '../../src/modules/customers/index.js';
import { assignableRoles, can, isGroupWide, type Role } from '../../src/modules/staff/index.js';
import { asStaff, type AccessSpec } from '../access.js';
import { employeeActions } from '../actions/employee.actions.js';
import type { AdminDeps } from '../deps.js';
import { BY_SHOP_COLUMN, defineResource, NAV } from '../resource.js';

const FIELDS = ['email', 'firstName', 'lastName', 'phone', 'role', 'pizzeriaId', 'newPassword'];

const invalid = (field: string, message: string) =>
  new ValidationError(
    { [field]: { message, type: 'invalid' } },
    { message: 'Certaines valeurs sont invalides.', type: 'validation' },
  );

/** E-mails are stored lower-cased (unique key and CHECK); the role must be one the author may give. */
const checkIdentity: Before = (request, context) => {
  if (request.method !== 'post' || !request.payload) return request;
  const payload = { ...request.payload };
  if (typeof payload.email === 'string') payload.email = payload.email.trim().toLowerCase();
  const staff = asStaff(context.currentAdmin);
  const role = payload.role as Role | undefined;
  if (staff && role !== undefined && !assignableRoles(staff).includes(role)) {
    throw invalid('role', 'Vous ne pouvez pas attribuer ce rôle.');
  }
  // Sequelize checks the model's « shop staff have a shop » rule on the posted fields alone: an edit always
  // posts the role and the shop, the record's when the form left them out.
  if (context.record) {
    if (!('role' in payload)) payload.role = context.record.params.role;
    if (!('pizzeriaId' in payload)) payload.pizzeriaId = context.record.params.pizzeriaId;
  }
  const effectiveRole = role ?? (context.record?.params.role as Role | undefined);
  const shop = payload.pizzeriaId ?? context.record?.params.pizzeriaId;
  if (effectiveRole && !isGroupWide(effectiveRole) && (shop === undefined || shop === null || shop === '')) {
    throw invalid('pizzeriaId', 'Le personnel d’une pizzeria doit y être rattaché.');
  }
  return { ...request, payload };
};

/** newPassword → bcrypt hash (required for a new account); the clear text goes no further than this hook. */
const hashNewPassword: Before = async (request, context) => {
  if (request.method !== 'post' || !request.payload) return request;
  const { newPassword, ...payload } = request.payload;
  const password = typeof newPassword === 'string' ? newPassword : '';
  if (password === '') {
    if (context.action.name === 'new') throw invalid('newPassword', 'Un mot de passe est obligatoire.');
    return { ...request, payload };
  }
  const email = String(payload.email ?? context.record?.params.email ?? '');
  const problems = passwordProblems(password, email);
  if (problems.length > 0) {
    throw invalid('newPassword', `Mot de passe refusé : ${problems.map((p) => p.message).join(', ')}.`);
  }
  return { ...request, payload: { ...payload, passwordHash: await hashPassword(password) } };
};

export const employeesAccess: AccessSpec = {
  read: 'staff.manage',
  create: 'staff.manage',
  edit: 'staff.manage',
  delete: (staff) => can(staff.role, 'staff.manage') && isGroupWide(staff.role),
  shopScoped: true,
  shopColumn: 'pizzeriaId',
  writable: () => FIELDS,
  canChange: (staff, record) => assignableRoles(staff).includes(record.params.role as Role),
  beforeSave: [checkIdentity, hashNewPassword],
};

export const employeesResource = (deps: AdminDeps) =>
  defineResource({
    csvExport: true,
    model: Employee,
    access: employeesAccess,
    scope: BY_SHOP_COLUMN,
    hidden: ['passwordHash'],
    // « Camille Martin » on their page and wherever they are the author (ledger, refunds, orders).
    title: (a) => `"${a}"."first_name" || ' ' || "${a}"."last_name"`,
    options: {
      navigation: NAV.team,
      sort: { sortBy: 'lastName', direction: 'asc' },
      listProperties: ['lastName', 'firstName', 'email', 'role', 'pizzeriaId', 'active'],
      filterProperties: ['lastName', 'email', 'role', 'pizzeriaId', 'active'],
      showProperties: [
        'id',
        'firstName',
        'lastName',
        'email',
        'phone',
        'role',
        'pizzeriaId',
        'active',
        'deactivatedAt',
        'createdAt',
      ],
      editProperties: FIELDS,
      properties: {
        newPassword: {
          type: 'password',
          isVisible: { list: false, filter: false, show: false, edit: true },
          description: 'Laisser vide pour ne pas changer. Au moins 10 caractères, une lettre et un chiffre.',
        },
      },
      actions: employeeActions(employeesAccess, deps),
    },
  });
