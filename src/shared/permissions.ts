// THE permission table: who may do what. The staff API (route() checks it before any handler runs) and the back
// office use this one table, so a right is granted or withdrawn in one place. Shop staff act only within their own
// shop; the group roles (admin, accountant) see every shop. It lives in shared/ because route() needs it and
// depends on no module; the staff module re-exports it.
export const ROLES = ['admin', 'manager', 'pizzaiolo', 'driver', 'counter', 'accountant'] as const;
export type Role = (typeof ROLES)[number];

export const GROUP_WIDE_ROLES: readonly Role[] = ['admin', 'accountant'];

export const PERMISSIONS = {
  // Orders taken by staff and their hand-over
  'orders.create_counter': ['admin', 'manager', 'counter'],
  'orders.view_shop': ['admin', 'manager', 'counter', 'pizzaiolo', 'driver', 'accountant'],
  'orders.collect': ['admin', 'manager', 'counter'],
  'orders.cancel': ['admin', 'manager', 'counter'],
  // The customer's phone and delivery address on every order of the shop (phone orders, customers who call);
  // a driver reads them only on the deliveries waiting at the shop and their own under way (orders/staff-contact.ts)
  'orders.view_contact': ['admin', 'manager', 'counter'],
  // Kitchen
  'kitchen.view': ['admin', 'manager', 'pizzaiolo'],
  'kitchen.prepare': ['admin', 'manager', 'pizzaiolo'],
  // Delivery
  'deliveries.view': ['admin', 'manager', 'driver'],
  'deliveries.deliver': ['admin', 'manager', 'driver'],
  // Stock
  'stock.view': ['admin', 'manager', 'pizzaiolo'],
  'stock.receive': ['admin', 'manager'],
  'stock.waste': ['admin', 'manager', 'pizzaiolo'],
  'stock.count': ['admin', 'manager'],
  // Back office
  'admin.access': ['admin', 'manager', 'pizzaiolo', 'accountant'],
  // Figures of the back-office dashboard (revenue, orders, stock alerts): the shop's for a manager
  'dashboard.view': ['admin', 'manager', 'accountant'],
  // The group catalogue (products, sizes, recipes, group prices, group-wide availability): the group admin's only
  'catalog.manage': ['admin'],
  // The shop's menu over it: withdrawals, shop prices within the admin's bounds, specialities (own shop)
  'catalog.shop_menu': ['admin', 'manager'],
  // « Rupture »: a size or an extra taken off the shop's menu for a while (kitchen and counter screens too)
  'catalog.rupture': ['admin', 'manager', 'pizzaiolo', 'counter'],
  // Product pictures shown on the site (back office upload)
  'catalog.pictures': ['admin', 'manager'],
  'recipes.view': ['admin', 'manager', 'pizzaiolo'],
  // Stock forecast (days of stock left, stock-out date): own shop for a manager or a pizzaiolo
  'stock.forecast': ['admin', 'manager', 'pizzaiolo'],
  // Suppliers and their packs: the group's by the admin, a shop's own by its manager
  'suppliers.manage': ['admin', 'manager'],
  // Reorder suggestions and purchase orders (draft, send, receive): own shop for a manager
  'purchasing.manage': ['admin', 'manager'],
  // Purchase orders and the cost of goods, read only (the accountant reads every shop)
  'purchasing.view': ['admin', 'manager', 'accountant'],
  'staff.manage': ['admin', 'manager'],
  'pizzerias.manage': ['admin'],
  // A shop's hours, closures, delivery conditions, preparation time and slot capacity (own shop for a manager)
  'pizzerias.settings': ['admin', 'manager'],
  'customers.view': ['admin', 'manager'],
  // Erasing a customer's personal data on their request (RGPD), with a reason kept in the privacy log
  'customers.erase': ['admin'],
  'payments.view': ['admin', 'manager', 'accountant'],
  'payments.refund': ['admin', 'manager'],
  // « Corriger le moyen de paiement » of a payment collected at hand-over (own shop for a manager)
  'payments.correct': ['admin', 'manager'],
  'accounting.export': ['admin', 'accountant'],
  // The sales journal: « Clôturer la journée » (own shop for a manager); its closures, public keys,
  // verification and archives
  'journal.close': ['admin', 'manager'],
  'journal.view': ['admin', 'manager', 'accountant'],
  // The e-mails sent or failing (back office « Messages ») and « Renvoyer »: recipients of every shop
  'notifications.outbox': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export function isGroupWide(role: Role): boolean {
  return GROUP_WIDE_ROLES.includes(role);
}
