// Customer accounts, read-only (customers.view) and reduced to what staff need to recognise a customer:
// name, e-mail, phone, dates. The password hash is never selected; addresses and tokens are not exposed.
// A manager sees the customers who ordered from their shop; the group admin sees all, and erases a customer's
// personal data on their request (« Effacer les données (RGPD) », admin/actions/customer.actions.ts).
import { Customer } from '../../src/db/models/index.js';
import type { AccessSpec } from '../access.js';
import { customerActions } from '../actions/customer.actions.js';
import type { AdminDeps } from '../deps.js';
import { linkTo } from '../links.js';
import { CUSTOMERS_OF_SHOP, defineResource, NAV } from '../resource.js';
import { ordersAccess } from './orders.resource.js';

export const customersAccess: AccessSpec = {
  read: 'customers.view',
  shopScoped: false,
};

const SHOWN = ['id', 'firstName', 'lastName', 'email', 'phone', 'createdAt'];

export const customersResource = (deps: AdminDeps) =>
  defineResource({
    model: Customer,
    access: customersAccess,
    scope: CUSTOMERS_OF_SHOP,
    hidden: ['passwordHash'],
    options: {
      navigation: NAV.orders,
      sort: { sortBy: 'id', direction: 'desc' },
      listProperties: ['lastName', 'firstName', 'email', 'phone', 'createdAt'],
      filterProperties: ['lastName', 'email', 'phone'],
      showProperties: SHOWN,
      properties: { email: { isTitle: true } },
      actions: {
        orders: linkTo(
          customersAccess,
          { resourceId: 'orders', access: ordersAccess, filter: 'customerId' },
          'ShoppingBag',
        ),
        ...customerActions(customersAccess, deps),
      },
    },
  });
