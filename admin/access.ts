// Who may do what in the back office. Every right comes from THE permission table of the staff API
// (src/shared/permissions.ts): a resource says which permission grants reading, creating, editing and
// deleting, and this file turns that into AdminJS `isAccessible` rules and `before` hooks:
// - actions: list/search/show need the read grant; new/edit/delete/bulkDelete their own grant; record actions
//   also need the record to be in the staff member's shop (`_shopId`, added by admin/scoped-resource.ts);
// - list/search of tables with a `pizzeriaId` column get that filter forced to the staff member's shop;
// - new/edit payloads are cut down to the fields the role may write (AdminJS itself saves whatever is posted),
//   and the shop of a new row is forced to the creator's shop.
// The data layer (admin/scoped-resource.ts) enforces the shop scope again on every query.
import {
  ForbiddenError,
  type ActionContext,
  type BaseRecord,
  type Before,
  type CurrentAdmin,
  type ResourceOptions,
} from 'adminjs';
import { can, isGroupWide, ROLES, type Permission, type Role } from '../src/modules/staff/index.js';

/** What the session holds about the signed-in employee (set at login, refreshed on every request). */
export interface StaffAdmin extends CurrentAdmin {
  id: string;
  employeeId: number;
  role: Role;
  pizzeriaId: number | null;
}

/** The staff member behind an AdminJS `currentAdmin`, or null when it is not one allowed in the back office. */
export function asStaff(admin: CurrentAdmin | undefined | null): StaffAdmin | null {
  if (!admin || !ROLES.includes(admin.role as Role) || !Number.isSafeInteger(admin.employeeId)) return null;
  if (!can(admin.role as Role, 'admin.access')) return null;
  return admin as StaffAdmin;
}

/** A right: one permission, any of several, or a rule on the staff member (built from the table). */
export type Grant = Permission | readonly Permission[] | ((staff: StaffAdmin) => boolean);

export function granted(admin: CurrentAdmin | undefined | null, grant: Grant | undefined): boolean {
  const staff = asStaff(admin);
  if (!staff || grant === undefined) return false;
  if (typeof grant === 'function') return grant(staff);
  const permissions: readonly Permission[] = typeof grant === 'string' ? [grant] : grant;
  return permissions.some((p) => can(staff.role, p));
}

/** 'all' for the group roles, the shop id for shop staff, null when nothing may be seen. */
export function shopOf(admin: CurrentAdmin | undefined | null): 'all' | number | null {
  const staff = asStaff(admin);
  if (!staff) return null;
  if (isGroupWide(staff.role)) return 'all';
  return Number.isSafeInteger(staff.pizzeriaId) ? (staff.pizzeriaId as number) : null;
}

/** Whether a record (read through admin/scoped-resource.ts, which adds `_shopId`) belongs to the caller's shop. */
export function recordInShop(admin: CurrentAdmin | undefined | null, record: BaseRecord): boolean {
  const shop = shopOf(admin);
  if (shop === 'all') return true;
  return shop !== null && Number(record.params._shopId) === shop;
}

export type WriteAction = 'new' | 'edit';

export interface AccessSpec {
  read: Grant;
  create?: Grant;
  edit?: Grant;
  delete?: Grant;
  /** Rows belong to shops (the adapter returns `_shopId`): shop staff act on their own shop's rows only. */
  shopScoped: boolean;
  /** The column holding the shop, forced as a filter of lists and as the shop of new rows for shop staff. */
  shopColumn?: string;
  /** The fields a role may write; anything else posted is dropped. */
  writable?: (staff: StaffAdmin, action: WriteAction) => readonly string[];
  /** A further rule on the record for edit and delete (e.g. managers change only the team below them). */
  canChange?: (staff: StaffAdmin, record: BaseRecord) => boolean;
  /** Hooks run on new/edit after the payload is cut down (validation, hashing…). */
  beforeSave?: Before[];
}

/** A catalogue table: read with the recipes, written by the group admin only. */
export function catalogueAccess(
  fields: readonly string[],
  read: Grant = ['recipes.view', 'catalog.manage'],
): AccessSpec {
  return {
    read,
    create: 'catalog.manage',
    edit: 'catalog.manage',
    delete: 'catalog.manage',
    shopScoped: false,
    writable: () => fields,
  };
}

/** The `isAccessible` of a read action (list, search, show and read-only custom actions such as links). */
export function canRead(spec: AccessSpec) {
  return ({ currentAdmin, record }: ActionContext) =>
    granted(currentAdmin, spec.read) && (!record || !spec.shopScoped || recordInShop(currentAdmin, record));
}

/** The `isAccessible` of a writing action (edit, delete and custom actions that change the record). */
export function canWrite(spec: AccessSpec, grant: Grant | undefined) {
  return ({ currentAdmin, record }: ActionContext) => {
    if (!granted(currentAdmin, grant)) return false;
    if (!record) return true;
    if (spec.shopScoped && !recordInShop(currentAdmin, record)) return false;
    return !spec.canChange || spec.canChange(asStaff(currentAdmin)!, record);
  };
}

/** The key of a flattened param belongs to a field (`openingHours.mon.0.0` belongs to `openingHours`). */
const belongsTo = (key: string, field: string) =>
  key === field || key.startsWith(`${field}.`) || key.startsWith(`${field}~~`);

/** Lists and searches of a shop-scoped table get the caller's shop as a filter, whatever the URL asked. */
function forceShopFilter(column: string): Before {
  return (request, context) => {
    const shop = shopOf(context.currentAdmin);
    if (shop === 'all') return request;
    const field = `filters.${column}`;
    const query = Object.fromEntries(
      Object.entries(request.query ?? {}).filter(([k]) => !belongsTo(k, field)),
    );
    // -1 matches no shop: a shop role without a shop sees nothing.
    query[field] = String(shop ?? -1);
    return { ...request, query };
  };
}

/** Filters and sorting only on properties shown as filters / sortable in the list (never on hidden columns). */
const sanitizeQuery: Before = (request, context) => {
  const decorated = context.resource.decorate();
  const query = Object.fromEntries(
    Object.entries(request.query ?? {}).filter(([key, value]) => {
      if (key.startsWith('filters.')) {
        const path = key.slice('filters.'.length).split(/\.|~~/)[0];
        return decorated.getPropertyByKey(path)?.isVisible('filter') ?? false;
      }
      if (key === 'sortBy') {
        const property = decorated.getPropertyByKey(String(value));
        return Boolean(property?.isSortable() && property.isVisible('list'));
      }
      // The search action filters on this property: the same rule as a filter.
      if (key === 'searchProperty')
        return decorated.getPropertyByKey(String(value))?.isVisible('filter') ?? false;
      return true;
    }),
  );
  return { ...request, query };
};

function keepWritable(spec: AccessSpec, action: WriteAction): Before {
  return (request, context) => {
    if (request.method !== 'post') return request;
    const staff = asStaff(context.currentAdmin);
    const fields = staff && spec.writable ? spec.writable(staff, action) : [];
    const payload = Object.fromEntries(
      Object.entries(request.payload ?? {}).filter(([key]) => fields.some((f) => belongsTo(key, f))),
    );
    const shop = shopOf(context.currentAdmin);
    if (spec.shopColumn && shop !== 'all') {
      // A shop employee's rows are in their shop: new ones are created there, edited ones cannot leave it
      // (the record is already checked to be theirs, so this rewrites the same value).
      for (const key of Object.keys(payload)) if (belongsTo(key, spec.shopColumn)) delete payload[key];
      payload[spec.shopColumn] = String(shop ?? -1);
    }
    return { ...request, payload };
  };
}

/** The CRUD actions of a resource, every one guarded by the spec. */
export function actionsFor(spec: AccessSpec): NonNullable<ResourceOptions['actions']> {
  const listHooks = spec.shopColumn ? [sanitizeQuery, forceShopFilter(spec.shopColumn)] : [sanitizeQuery];
  const saveHooks = (action: WriteAction) => [keepWritable(spec, action), ...(spec.beforeSave ?? [])];
  return {
    list: { isAccessible: canRead(spec), before: listHooks },
    search: { isAccessible: canRead(spec), before: listHooks },
    show: { isAccessible: canRead(spec) },
    new: { isAccessible: ({ currentAdmin }) => granted(currentAdmin, spec.create), before: saveHooks('new') },
    edit: { isAccessible: canWrite(spec, spec.edit), before: saveHooks('edit') },
    delete: { isAccessible: canWrite(spec, spec.delete) },
    bulkDelete: { isAccessible: canWrite(spec, spec.delete) },
  };
}

/** For custom actions built later: refuses (as AdminJS does) when a hook finds the caller lacks a right. */
export function assertGranted(context: ActionContext, grant: Grant, record?: BaseRecord): StaffAdmin {
  const staff = asStaff(context.currentAdmin);
  if (!staff || !granted(staff, grant) || (record && !recordInShop(staff, record))) {
    throw new ForbiddenError('forbiddenError');
  }
  return staff;
}
