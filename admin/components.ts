// The custom React components of the back office, bundled by AdminJS into dist/admin-bundle (see admin/env.ts):
// at build time for production (admin/bundle.ts), at start in development, on first use in tests. They are
// plain .jsx (not compiled by tsc), found from the project root so the compiled admin in dist/ finds them too.
import { ComponentLoader } from 'adminjs';
import { fromRoot } from '../src/shared/paths.js';

export const componentLoader = new ComponentLoader();

const add = (name: string, file: string) => componentLoader.add(name, fromRoot('admin', 'components', file));

export const Components = {
  /** The form of every custom record action (admin/actions/form-action.ts). */
  ActionForm: add('ActionForm', 'action-form.jsx'),
  /** « Réglages » of a pizzeria: hours, closures, delivery conditions (admin/actions/shop-settings.action.ts). */
  ShopSettings: add('ShopSettings', 'shop-settings.jsx'),
  Dashboard: add('Dashboard', 'dashboard.jsx'),
  RecipeMemo: add('RecipeMemo', 'recipe-memo.jsx'),
  AccountingExports: add('AccountingExports', 'accounting-exports.jsx'),
  /** « Journal des ventes »: integrity check, closures, archives, public keys (admin/journal.ts). */
  SalesJournal: add('SalesJournal', 'sales-journal.jsx'),
  /** « Prévisions » of the stock: charts and days of stock left per ingredient (admin/forecast.ts). */
  StockForecast: add('StockForecast', 'stock-forecast.jsx'),
  /** « Suggestions de commande »: suggestions, draft, sending, open orders (admin/purchasing.ts). */
  PurchaseSuggestions: add('PurchaseSuggestions', 'purchase-suggestions.jsx'),
  /** « Réceptionner » a purchase order and its differences (admin/purchasing.ts). */
  PurchaseReception: add('PurchaseReception', 'purchase-reception.jsx'),
  /** Integer cents shown as euros, typed in euros (`money` in admin/resource.ts). */
  Money: add('Money', 'money.jsx'),
  MoneyEdit: add('MoneyEdit', 'money-edit.jsx'),
  ShopPriceEdit: add('ShopPriceEdit', 'shop-price-edit.jsx'),
  /** Basis points as « 10 % » (`rates` in admin/resource.ts). */
  Rate: add('Rate', 'rate.jsx'),
  /** Base units with their unit and thousands separators (`quantities` in admin/resource.ts). */
  Quantity: add('Quantity', 'quantity.jsx'),
  /** A supplier's delivery days: seven checkboxes, lundi … dimanche (admin/suppliers.ts). */
  WeekdaysEdit: add('WeekdaysEdit', 'weekdays-edit.jsx'),
  /** A purchase order's lines (ordered, received, refused) and its PDF / CSV links (purchase-orders.resource.ts). */
  PurchaseOrderLines: add('PurchaseOrderLines', 'purchase-order-lines.jsx'),
  PurchaseOrderDocuments: add('PurchaseOrderDocuments', 'purchase-order-documents.jsx'),
  /** An order's VAT breakdown as a table. */
  VatBreakdown: add('VatBreakdown', 'vat-breakdown.jsx'),
  /** « Exporter (CSV) » of the plain CRUD tables (admin/actions/crud-export.ts). */
  CrudExport: add('CrudExport', 'crud-export.jsx'),
  /** A plain page of the back office in a frame (the product's picture: admin/pictures.ts). */
  FramePage: add('FramePage', 'frame-page.jsx'),
};

// AdminJS's own screens replaced by ours (each renders AdminJS's inside, but Login): the sign-in page in OC
// Pizza's colours, the application with the accessible names AdminJS leaves out, a closed filter panel out of
// reach of the keyboard.
componentLoader.override('Login', fromRoot('admin', 'components', 'login.jsx'));
componentLoader.override('Application', fromRoot('admin', 'components', 'application.jsx'));
componentLoader.override('FilterDrawer', fromRoot('admin', 'components', 'filter-drawer.jsx'));
// AdminJS's own components replaced: page titles that name the record, toasts always in French.
componentLoader.override('ActionHeader', fromRoot('admin', 'components', 'action-header.jsx'));
componentLoader.override('NoticeBox', fromRoot('admin', 'components', 'notice-box.jsx'));
