// Refunds: read-only (payments.view), scoped to the shop of their order for managers, every shop for
// accountants. They are granted through the refund service only.
import { Refund } from '../../src/db/models/index.js';
import type { AccessSpec } from '../access.js';
import type { AdminDeps } from '../deps.js';
import { COUNT_CAP, defineResource, NAV, THROUGH_ORDER } from '../resource.js';

export const refundsAccess: AccessSpec = {
  read: 'payments.view',
  shopScoped: true,
};

export const refundsResource = (deps: Pick<AdminDeps, 'modelReads'>) =>
  defineResource({
    money: ['amountCents'],
    title: (a) =>
      `(SELECT 'Remboursement n° ' || "${a}"."id" || ' — commande ' || o.number FROM orders o WHERE o.id = "${a}"."order_id")`,
    model: Refund,
    access: refundsAccess,
    scope: THROUGH_ORDER,
    countCap: COUNT_CAP,
    listReads: deps.modelReads,
    options: {
      navigation: NAV.accounting,
      sort: { sortBy: 'id', direction: 'desc' },
      listProperties: ['createdAt', 'orderId', 'paymentId', 'amountCents', 'status'],
      filterProperties: ['orderId', 'status', 'createdAt'],
      showProperties: [
        'createdAt',
        'orderId',
        'paymentId',
        'amountCents',
        'reason',
        'status',
        'providerReference',
        'employeeId',
        'updatedAt',
      ],
    },
  });
