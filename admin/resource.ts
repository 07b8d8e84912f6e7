// What every resource file builds on: the navigation groups, how rows reach their shop, and defineResource(),
// which puts a model behind the scoped adapter and guards its CRUD actions with the resource's access spec.
import type {
  Action,
  ActionContext,
  ActionResponse,
  After,
  ResourceOptions,
  ResourceWithOptions,
} from 'adminjs';
import type { Model, ModelStatic } from 'sequelize';
import type { ModelReads } from '../src/db/sequelize.js';
import { actionsFor, granted, type AccessSpec } from './access.js';
import { csvExport, type ComputedParams } from './actions/crud-export.js';
import { Components } from './components.js';
import { parseMoney } from './money-field.js';
import { ScopedResource, type ShopScope } from './scoped-resource.js';

/** Sidebar groups; their French names are also translation keys (admin/locale.ts). */
export const NAV = {
  catalogue: { name: 'Catalogue', icon: 'BookOpen' },
  stock: { name: 'Stock', icon: 'Archive' },
  purchasing: { name: 'Achats', icon: 'Truck' },
  orders: { name: 'Commandes', icon: 'ShoppingBag' },
  accounting: { name: 'Comptabilité', icon: 'DollarSign' },
  team: { name: 'Équipe', icon: 'Users' },
  notifications: { name: 'Notifications', icon: 'Mail' },
} as const;

/** Rows with their own pizzeria_id column. */
export const BY_SHOP_COLUMN: ShopScope = {
  rowShop: (a) => `"${a}"."pizzeria_id"`,
  inShop: (a, shop) => `"${a}"."pizzeria_id" = ${shop}`,
};

/** The pizzerias table: a shop employee sees their own shop. */
export const THE_SHOP_ITSELF: ShopScope = {
  rowShop: (a) => `"${a}"."id"`,
  inShop: (a, shop) => `"${a}"."id" = ${shop}`,
};

/** Rows of an order (lines, status events, payments, refunds): the order's shop. */
export const THROUGH_ORDER: ShopScope = {
  rowShop: (a) => `(SELECT o.pizzeria_id FROM orders o WHERE o.id = "${a}"."order_id")`,
  inShop: (a, shop) => `"${a}"."order_id" IN (SELECT o.id FROM orders o WHERE o.pizzeria_id = ${shop})`,
};

/** Ledger movements: the shop of their stock item. */
export const THROUGH_STOCK_ITEM: ShopScope = {
  rowShop: (a) => `(SELECT s.pizzeria_id FROM stock_items s WHERE s.id = "${a}"."stock_item_id")`,
  inShop: (a, shop) =>
    `"${a}"."stock_item_id" IN (SELECT s.id FROM stock_items s WHERE s.pizzeria_id = ${shop})`,
};

/** Customers belong to no shop: a manager sees those who ordered from theirs. */
export const CUSTOMERS_OF_SHOP: ShopScope = {
  inShop: (a, shop) =>
    `EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = "${a}"."id" AND o.pizzeria_id = ${shop})`,
};

/** The unit of a row's ingredient (recipe lines, extras, stock items), for `unit` below. */
export const INGREDIENT_UNIT = (a: string) =>
  `(SELECT i.unit FROM ingredients i WHERE i.id = "${a}"."ingredient_id")`;

/** Lists of big tables count at most this many rows (500 pages of 20). */
export const COUNT_CAP = 10_000;

function stripHidden(hidden: readonly string[]): After<ActionResponse> {
  const cleanRecord = (record?: { params?: Record<string, unknown> }) => {
    for (const name of hidden) delete record?.params?.[name];
  };
  return (response) => {
    cleanRecord(response.record);
    for (const record of response.records ?? []) cleanRecord(record);
    return response;
  };
}

/** The param holding a resource's SQL title (`title` below). */
const TITLE_PARAM = '_title';

export interface ResourceDefinition {
  model: ModelStatic<Model>;
  access: AccessSpec;
  scope?: ShopScope;
  /** Columns never read: not shown, filtered, sorted or sent anywhere. */
  hidden?: readonly string[];
  /** Columns a caller may not read (not selected for them): a customer's contact for the kitchen… */
  hiddenFor?: (context?: ActionContext) => readonly string[];
  countCap?: number;
  /** Where the lists (find and count) read: the order tables' go to the replica when there is a fit one. */
  listReads?: ModelReads;
  /** Amounts in cents: shown as euros (« 10,50 € ») and, where editable, typed in euros (admin/money-field.ts). */
  money?: readonly string[];
  /** VAT rates in basis points, shown as « 10 % ». */
  rates?: readonly string[];
  /** Quantities in the ingredient's base unit, shown with it (« 12 500 g »): needs `unit`. */
  quantities?: readonly string[];
  /** SQL (on the row alias) of the unit of `quantities`, read with each row as the `_unit` param. */
  unit?: (alias: string) => string;
  /** SQL (on the row alias) of a readable title where no column names the record (« Mozzarella · P01 »). */
  title?: (alias: string) => string;
  /** Sorted lists put NULLs last, then the newest rows (see admin/scoped-resource.ts). */
  nullsLastThenNewest?: boolean;
  /** Offers « Exporter (CSV) » of what the caller may read (plain CRUD tables only). */
  csvExport?: boolean;
  /** Read-only virtual columns computed from the record's params: lists, record pages and the CSV export. */
  computed?: ComputedParams;
  /** Navigation, properties, sorting… and extra actions (merged over the guarded CRUD actions). */
  options: ResourceOptions;
}

function computeParams(computed: ComputedParams): After<ActionResponse> {
  return (response) => {
    for (const record of [response.record, ...(response.records ?? [])]) {
      const params = record?.params as Record<string, unknown> | undefined;
      if (!params) continue;
      for (const [name, compute] of Object.entries(computed)) params[name] = compute(params);
    }
    return response;
  };
}

export function defineResource(def: ResourceDefinition): ResourceWithOptions {
  const resource = new ScopedResource(def.model, {
    hidden: def.hidden,
    hiddenFor: def.hiddenFor,
    scope: def.scope,
    countCap: def.countCap,
    listReads: def.listReads,
    nullsLastThenNewest: def.nullsLastThenNewest,
    extraColumns: {
      ...(def.unit ? { _unit: def.unit } : {}),
      ...(def.title ? { [TITLE_PARAM]: def.title } : {}),
    },
    canRead: (context) => granted(context?.currentAdmin, def.access.read),
  });
  const actions = actionsFor(def.access) as Record<string, Partial<Action<ActionResponse>>>;
  if (def.csvExport)
    actions.csvExport = csvExport(def.access, def.computed, { money: def.money, rates: def.rates });
  for (const [name, action] of Object.entries(def.options.actions ?? {})) {
    actions[name] = { ...actions[name], ...action };
  }
  if (def.computed) {
    const fill = computeParams(def.computed);
    for (const name of ['list', 'search', 'show']) {
      const after = actions[name]?.after;
      actions[name] = { ...actions[name], after: [...(after ? [after].flat() : []), fill] };
    }
  }
  if (def.hidden?.length) {
    // AdminJS merges the posted payload into the record it answers with: a hash written by a before hook
    // would come back in the new/edit answer. Every answer is cleaned, whatever action produced it.
    const clean = stripHidden(def.hidden);
    for (const name of ['list', 'search', 'show', 'new', 'edit', 'delete', 'bulkDelete']) {
      const after = actions[name]?.after;
      actions[name] = { ...actions[name], after: [...(after ? [after].flat() : []), clean] };
    }
  }
  if (def.money?.length) {
    // Before the access hooks: they then see cents, as for any other field.
    const parse = parseMoney(def.money);
    for (const name of ['new', 'edit']) {
      const before = actions[name]?.before;
      actions[name] = { ...actions[name], before: [parse, ...(before ? [before].flat() : [])] };
    }
  }
  const properties: NonNullable<ResourceOptions['properties']> = { ...def.options.properties };
  for (const name of def.hidden ?? []) properties[name] = { ...properties[name], isVisible: false };
  const display = (names: readonly string[] | undefined, components: object) => {
    for (const name of names ?? [])
      properties[name] = {
        ...properties[name],
        // A component the resource names itself (a richer field) wins over the generic one.
        components: { ...components, ...properties[name]?.components },
      };
  };
  display(def.money, { list: Components.Money, show: Components.Money, edit: Components.MoneyEdit });
  display(def.rates, { list: Components.Rate, show: Components.Rate });
  display(def.quantities, { list: Components.Quantity, show: Components.Quantity });
  // A column named name, title or email would otherwise claim the title (AdminJS's own guess).
  if (def.title) properties[TITLE_PARAM] = { type: 'string', isTitle: true, isVisible: false };
  const titleProperty = def.title ? { titleProperty: TITLE_PARAM } : {};
  return { resource, options: { ...def.options, ...titleProperty, properties, actions } };
}
