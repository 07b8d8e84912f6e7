// Suppliers in the back office (issue 20). Group suppliers (pizzeria_id NULL) are the group admin's; a manager
// reads them with their items, and creates and changes only their own shop's suppliers and those suppliers' items.
// Reads: own shop OR group (the read scope below); writes: own shop only, checked three times: the action's
// `canChange` (record pages, buttons), the before hooks (the shop of a new supplier, the supplier of an item) and
// the data layer's `writableInShop` (admin/scoped-resource.ts), which refuses any update or delete of another row.
import { ValidationError, type Before, type BaseRecord } from 'adminjs';
import { Supplier } from '../src/db/models/index.js';
import { isGroupWide } from '../src/modules/staff/index.js';
import { WEEK_FR } from '../src/shared/weekdays.js';
import { asStaff, type AccessSpec, type StaffAdmin } from './access.js';
import type { ShopScope } from './scoped-resource.js';

/** Suppliers: the group's and the caller's shop's; only the latter are written by shop staff. */
export const GROUP_OR_OWN_SUPPLIER: ShopScope = {
  rowShop: (a) => `"${a}"."pizzeria_id"`,
  inShop: (a, shop) => `("${a}"."pizzeria_id" IS NULL OR "${a}"."pizzeria_id" = ${shop})`,
  writableInShop: (a, shop) => `"${a}"."pizzeria_id" = ${shop}`,
};

/** Supplier items: those of the suppliers above; `_shopId` is their supplier's shop (NULL: a group supplier). */
export const THROUGH_SUPPLIER: ShopScope = {
  rowShop: (a) => `(SELECT s.pizzeria_id FROM suppliers s WHERE s.id = "${a}"."supplier_id")`,
  inShop: (a, shop) =>
    `"${a}"."supplier_id" IN (SELECT s.id FROM suppliers s WHERE s.pizzeria_id IS NULL OR s.pizzeria_id = ${shop})`,
  writableInShop: (a, shop) =>
    `"${a}"."supplier_id" IN (SELECT s.id FROM suppliers s WHERE s.pizzeria_id = ${shop})`,
};

const groupWide = (staff: StaffAdmin) => isGroupWide(staff.role);

const invalid = (field: string, message: string) =>
  new ValidationError(
    { [field]: { message, type: 'invalid' } },
    { message: 'Certaines valeurs sont invalides.', type: 'validation' },
  );

/** Read with the purchase orders (purchasing.view), written with suppliers.manage: a manager, their shop's only. */
export function supplierAccess(fields: readonly string[], adminOnly: readonly string[] = []): AccessSpec {
  return {
    read: 'purchasing.view',
    create: 'suppliers.manage',
    edit: 'suppliers.manage',
    delete: 'suppliers.manage',
    // Group rows have no shop: the rule is `canChange` (and the scope), not « the record is in my shop ».
    shopScoped: false,
    writable: (staff) => (groupWide(staff) ? [...fields, ...adminOnly] : fields),
    canChange: (staff, record: BaseRecord) =>
      groupWide(staff) ||
      (record.params._shopId !== null &&
        record.params._shopId !== undefined &&
        record.params._shopId !== '' &&
        Number(record.params._shopId) === staff.pizzeriaId),
  };
}

/** A manager's new or edited supplier is their shop's, whatever was posted. */
export const ownShopSupplier: Before = (request, context) => {
  const staff = asStaff(context.currentAdmin);
  if (request.method !== 'post' || !staff || groupWide(staff)) return request;
  return { ...request, payload: { ...request.payload, pizzeriaId: String(staff.pizzeriaId ?? -1) } };
};

/** A manager's items belong to a supplier of their own shop (the posted or the record's supplier). */
export const ownShopSupplierItem: Before = async (request, context) => {
  const staff = asStaff(context.currentAdmin);
  if (request.method !== 'post' || !staff || groupWide(staff)) return request;
  // AdminJS runs `before` hooks ahead of its access check: a record the caller may not change is left to it.
  if (context.record && Number(context.record.params._shopId ?? NaN) !== staff.pizzeriaId) return request;
  const supplierId = request.payload?.supplierId ?? context.record?.params.supplierId;
  const supplier = Number.isSafeInteger(Number(supplierId))
    ? await Supplier.findByPk(Number(supplierId))
    : null;
  if (!supplier || supplier.pizzeriaId === null || supplier.pizzeriaId !== staff.pizzeriaId) {
    throw invalid(
      'supplierId',
      'Choisissez un fournisseur de votre pizzeria : les fournisseurs du groupe sont gérés par l’administrateur du groupe.',
    );
  }
  return request;
};

/** « lundi » … « dimanche », keyed 'mon' … 'sun'. */
export const DELIVERY_DAYS = WEEK_FR.map(([value, label]) => ({ value, label: label.toLowerCase() }));
const DAY_ORDER: string[] = DELIVERY_DAYS.map((d) => d.value);

/** « lundi, mercredi, vendredi » from the record's flattened `deliveryDays.N` params. */
export function deliveryDaysText(params: Record<string, unknown>): string {
  const days = Object.entries(params)
    .filter(([key]) => /^deliveryDays\.\d+$/.test(key))
    .map(([, value]) => String(value));
  return DELIVERY_DAYS.filter((d) => days.includes(d.value))
    .map((d) => d.label)
    .join(', ');
}

const EMPTY_ARRAY = '__FORM_VALUE_EMPTY_ARRAY__';

/**
 * The weekdays ticked in the form (posted as `deliveryDays.0`, `deliveryDays.1`…): known days only, at least one,
 * each once, in week order; refused under the field in French. A form that does not post them keeps the record's.
 */
export const deliveryDaysField: Before = (request, context) => {
  if (request.method !== 'post' || !request.payload) return request;
  const payload: Record<string, unknown> = {};
  const posted: string[] = [];
  let present = false;
  for (const [key, value] of Object.entries(request.payload)) {
    if (key === 'deliveryDays' || key.startsWith('deliveryDays.')) {
      present = true;
      if (value !== '' && value !== EMPTY_ARRAY && value !== null) posted.push(String(value));
    } else payload[key] = value;
  }
  const creating = !context.record;
  if (!present && !creating) return request;
  if (posted.length === 0) throw invalid('deliveryDays', 'Cochez au moins un jour de livraison.');
  if (posted.some((d) => !DAY_ORDER.includes(d)))
    throw invalid('deliveryDays', 'Jour inconnu : choisissez parmi lundi … dimanche.');
  const days = DAY_ORDER.filter((d) => posted.includes(d));
  days.forEach((d, i) => (payload[`deliveryDays.${i}`] = d));
  return { ...request, payload };
};
