// Orders, read-only through the CRUD (no new, edit or delete for anyone): orders are placed, changed and
// cancelled by the order services, which keep stock, payments and the status history consistent: the
// « Étape suivante », « Annuler » and « Rembourser » actions call them (admin/actions/order.actions.ts).
// Shop staff see their own shop's orders (orders.view_shop), accountants every shop. The list is newest
// first on the orders_created_idx index and counts at most COUNT_CAP rows. The customer's phone and address are
// read only by the roles whose job needs them (the orders module's rule: not the kitchen, not the accountant).
import { Order } from '../../src/db/models/index.js';
import { seesShopContact } from '../../src/modules/orders/index.js';
import { asStaff, granted, type AccessSpec } from '../access.js';
import { orderActions } from '../actions/order.actions.js';
import { Components } from '../components.js';
import { shopChoices } from '../dashboard.js';
import type { AdminDeps } from '../deps.js';
import { EXPORT_PATHS } from '../pages.js';
import { salesJournalAction } from '../journal.js';
import { linkTo } from '../links.js';
import { BY_SHOP_COLUMN, COUNT_CAP, defineResource, NAV } from '../resource.js';
import { orderLinesAccess } from './order-lines.resource.js';
import { orderStatusEventsAccess } from './order-status-events.resource.js';
import { paymentsAccess } from './payments.resource.js';

export const ordersAccess: AccessSpec = {
  read: 'orders.view_shop',
  shopScoped: true,
  shopColumn: 'pizzeriaId',
};

const SHOWN = [
  'number',
  'pizzeriaId',
  'status',
  'createdAt',
  'channel',
  'fulfilment',
  'customerId',
  'customerName',
  'customerPhone',
  'deliveryLine1',
  'deliveryLine2',
  'deliveryPostcode',
  'deliveryCity',
  'deliveryInstructions',
  'estimatedReadyAt',
  'estimatedDeliveryAt',
  'scheduledFor',
  'subtotalCents',
  'deliveryFeeCents',
  'totalCents',
  'vatBreakdown',
  'paymentMethod',
  'paymentStatus',
  'paymentFailureReason',
  'note',
  'placedByEmployeeId',
  'preparedByEmployeeId',
  'deliveredByEmployeeId',
  'updatedAt',
];

/** The customer's contact on an order (staff-contact.ts in the orders module says who reads it). */
const CONTACT = [
  'customerPhone',
  'deliveryLine1',
  'deliveryLine2',
  'deliveryPostcode',
  'deliveryCity',
  'deliveryInstructions',
  'deliveryLat',
  'deliveryLng',
];

export const ordersResource = (deps: AdminDeps) =>
  defineResource({
    money: ['subtotalCents', 'deliveryFeeCents', 'totalCents'],
    model: Order,
    access: ordersAccess,
    scope: BY_SHOP_COLUMN,
    countCap: COUNT_CAP,
    listReads: deps.modelReads,
    // Placement bookkeeping (idempotency), of no use to staff.
    hidden: ['idempotencyKey', 'requestHash'],
    hiddenFor: (context) => {
      const staff = asStaff(context?.currentAdmin);
      return staff && seesShopContact(staff.role) ? [] : CONTACT;
    },
    options: {
      navigation: NAV.orders,
      sort: { sortBy: 'createdAt', direction: 'desc' },
      listProperties: [
        'number',
        'pizzeriaId',
        'createdAt',
        'status',
        'fulfilment',
        'totalCents',
        'paymentStatus',
      ],
      filterProperties: ['number', 'pizzeriaId', 'status', 'createdAt', 'customerId', 'paymentStatus'],
      showProperties: SHOWN,
      properties: {
        number: { isTitle: true },
        vatBreakdown: {
          isVisible: { list: false, filter: false, show: true, edit: false },
          components: { show: Components.VatBreakdown },
        },
      },
      actions: {
        ...orderActions(ordersAccess, deps),
        // The accountant's downloads: orders CSV for Excel and the FEC (admin/pages.ts streams them).
        exports: {
          actionType: 'resource',
          icon: 'Download',
          component: Components.AccountingExports,
          custom: { paths: EXPORT_PATHS },
          isAccessible: ({ currentAdmin }) => granted(currentAdmin, 'accounting.export'),
          handler: async () => ({ shops: await shopChoices(deps.sequelize) }),
        },
        // « Journal des ventes » (admin/journal.ts): integrity, closures, archives, public keys.
        salesJournal: salesJournalAction(deps),
        lines: linkTo(
          ordersAccess,
          { resourceId: 'order_lines', access: orderLinesAccess, filter: 'orderId' },
          'List',
        ),
        history: linkTo(
          ordersAccess,
          { resourceId: 'order_status_events', access: orderStatusEventsAccess, filter: 'orderId' },
          'Clock',
        ),
        payments: linkTo(
          ordersAccess,
          { resourceId: 'payments', access: paymentsAccess, filter: 'orderId' },
          'CreditCard',
        ),
      },
    },
  });
