// The shop's menu in the back office (issue 17). The group catalogue (products, sizes, recipes, group prices,
// group-wide `active`) is the group admin's (catalog.manage): a manager cannot change any of its rows, not even
// the availability switch, since it changes the menu of every shop. A manager (catalog.shop_menu) works on their
// own shop's layer only: withdrawals and shop prices (shop_products, shop_sizes: scoped by their pizzeria_id),
// ruptures (menu_ruptures), and specialities, i.e. products with their shop in products.pizzeria_id and the sizes
// and recipe lines of those products. Another shop's specialities are not even read (the scopes below).
import { ValidationError, type Before, type BaseRecord } from 'adminjs';
import { QueryTypes } from 'sequelize';
import { Product } from '../src/db/models/index.js';
import { can } from '../src/modules/staff/index.js';
import { asStaff, type AccessSpec, type StaffAdmin } from './access.js';
import type { ShopScope } from './scoped-resource.js';
import { formatEuros } from '../src/shared/money.js';

/** Products: the group's (pizzeria_id NULL) and the caller's shop's specialities. */
export const GROUP_OR_OWN_PRODUCT: ShopScope = {
  rowShop: (a) => `"${a}"."pizzeria_id"`,
  inShop: (a, shop) => `("${a}"."pizzeria_id" IS NULL OR "${a}"."pizzeria_id" = ${shop})`,
};

/** Sizes and recipe lines: those of the products above; `_shopId` is their product's shop (NULL: the group's). */
export const THROUGH_PRODUCT: ShopScope = {
  rowShop: (a) => `(SELECT p.pizzeria_id FROM products p WHERE p.id = "${a}"."product_id")`,
  inShop: (a, shop) =>
    `"${a}"."product_id" IN (SELECT p.id FROM products p WHERE p.pizzeria_id IS NULL OR p.pizzeria_id = ${shop})`,
};

const managesCatalogue = (staff: StaffAdmin) => can(staff.role, 'catalog.manage');

const invalid = (field: string, message: string) =>
  new ValidationError(
    { [field]: { message, type: 'invalid' } },
    { message: 'Certaines valeurs sont invalides.', type: 'validation' },
  );

/**
 * A catalogue table of the group whose rows may also be a shop's speciality (products, their sizes, their recipe
 * lines): read with the recipes or the shop menu; written by the group admin, or by a manager on their own
 * shop's specialities only (`_shopId`). `adminOnly` fields (the group's price bounds, a product's shop) are the
 * group admin's.
 */
export function specialityAccess(fields: readonly string[], adminOnly: readonly string[] = []): AccessSpec {
  const writers = ['catalog.manage', 'catalog.shop_menu'] as const;
  return {
    read: ['recipes.view', 'catalog.manage', 'catalog.shop_menu'],
    create: writers,
    edit: writers,
    delete: writers,
    shopScoped: false,
    writable: (staff) => (managesCatalogue(staff) ? [...fields, ...adminOnly] : fields),
    canChange: (staff, record: BaseRecord) =>
      managesCatalogue(staff) ||
      (record.params._shopId !== null &&
        record.params._shopId !== undefined &&
        Number(record.params._shopId) === staff.pizzeriaId),
  };
}

/** A manager's new product is a speciality of their shop (whatever was posted). */
export const ownShopProduct: Before = (request, context) => {
  const staff = asStaff(context.currentAdmin);
  if (request.method !== 'post' || !staff || managesCatalogue(staff)) return request;
  return { ...request, payload: { ...request.payload, pizzeriaId: String(staff.pizzeriaId ?? -1) } };
};

/** A manager's sizes and recipe lines belong to a speciality of their shop (the posted or the record's product). */
export const ownSpecialityLine: Before = async (request, context) => {
  const staff = asStaff(context.currentAdmin);
  if (request.method !== 'post' || !staff || managesCatalogue(staff)) return request;
  // AdminJS runs `before` hooks ahead of its access check: a record the caller may not change is left to it.
  if (context.record && Number(context.record.params._shopId ?? NaN) !== staff.pizzeriaId) return request;
  const productId = request.payload?.productId ?? context.record?.params.productId;
  const product = Number.isSafeInteger(Number(productId)) ? await Product.findByPk(Number(productId)) : null;
  if (!product || product.pizzeriaId === null || product.pizzeriaId !== staff.pizzeriaId) {
    throw invalid(
      'productId',
      'Choisissez une spécialité de votre pizzeria : le catalogue du groupe est géré par l’administrateur du groupe.',
    );
  }
  return request;
};

/** The item a shop's row names is on that shop's menu: a group item, or a speciality of that shop. */
export function onShopMenu(field: 'productId' | 'sizeId'): Before {
  return async (request, context) => {
    if (request.method !== 'post' || !request.payload) return request;
    const value = request.payload[field] ?? context.record?.params[field];
    const shop = request.payload.pizzeriaId ?? context.record?.params.pizzeriaId;
    const sql =
      field === 'productId'
        ? `SELECT p.pizzeria_id AS shop FROM products p WHERE p.id = $1`
        : `SELECT p.pizzeria_id AS shop FROM product_sizes ps JOIN products p ON p.id = ps.product_id WHERE ps.id = $1`;
    const rows = Number.isSafeInteger(Number(value))
      ? await Product.sequelize!.query<{ shop: number | null }>(sql, {
          bind: [Number(value)],
          type: QueryTypes.SELECT,
        })
      : [];
    if (rows.length === 0 || (rows[0].shop !== null && rows[0].shop !== Number(shop))) {
      throw invalid(field, 'Cet article n’est pas à la carte de cette pizzeria.');
    }
    return request;
  };
}

/** A shop price stays within the bounds the group admin set on the size (NULL bound: the group price). */
export const shopPriceWithinBounds: Before = async (request, context) => {
  if (request.method !== 'post' || !request.payload) return request;
  const raw = request.payload.priceCents;
  if (raw === undefined || raw === null || raw === '') return request;
  const price = Number(raw);
  const sizeId = Number(request.payload.sizeId ?? context.record?.params.sizeId);
  const [size] = Number.isSafeInteger(sizeId)
    ? await Product.sequelize!.query<{ price: number; min: number; max: number }>(
        `SELECT price_cents AS price, COALESCE(shop_price_min_cents, price_cents) AS min,
                COALESCE(shop_price_max_cents, price_cents) AS max FROM product_sizes WHERE id = $1`,
        { bind: [sizeId], type: QueryTypes.SELECT },
      )
    : [];
  if (!size) return request; // onShopMenu refuses it
  if (!Number.isSafeInteger(price) || price < size.min || price > size.max) {
    throw invalid(
      'priceCents',
      size.min === size.max
        ? `Le prix de cette taille est fixé par le groupe (${formatEuros(size.price)}) : pas de prix propre à la pizzeria.`
        : `Le prix doit rester entre ${formatEuros(size.min)} et ${formatEuros(size.max)} (fourchette fixée par le groupe).`,
    );
  }
  return request;
};

/** The staff member who takes an item off (a rupture's author). */
export const ruptureAuthor: Before = (request, context) => {
  const staff = asStaff(context.currentAdmin);
  if (request.method !== 'post' || !staff || context.action.name !== 'new') return request;
  return { ...request, payload: { ...request.payload, employeeId: String(staff.employeeId) } };
};

/** The group-wide switch, as its form says it. */
export const GROUP_SWITCH_HELP =
  'Interrupteur du groupe : décoché, l’article disparaît de la carte des 8 pizzerias. Réservé à l’administrateur ' +
  'du groupe. Pour votre seule pizzeria, utilisez « Carte de la pizzeria » (retrait, prix) ou « Ruptures ». ' +
  'Pour une spécialité de la maison, ne concerne que sa pizzeria.';
