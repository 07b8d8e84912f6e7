// Payments (online by Stripe, or collected at delivery / at the counter): read-only (payments.view), scoped
// to the shop of their order for managers, every shop for accountants. Refunds go through the refund
// service (an action added later with assertGranted('payments.refund')), never through a CRUD form.
import { Payment } from '../../src/db/models/index.js';
import type { AccessSpec } from '../access.js';
import type { AdminDeps } from '../deps.js';
import { COUNT_CAP, defineResource, NAV, THROUGH_ORDER } from '../resource.js';

export const paymentsAccess: AccessSpec = {
  read: 'payments.view',
  shopScoped: true,
};

export const paymentsResource = (deps: Pick<AdminDeps, 'modelReads'>) =>
  defineResource({
    money: ['amountCents', 'refundedCents', 'amountReceivedCents', 'changeCents'],
    title: (a) =>
      `(SELECT 'Paiement n° ' || "${a}"."id" || ' — commande ' || o.number FROM orders o WHERE o.id = "${a}"."order_id")`,
    model: Payment,
    access: paymentsAccess,
    scope: THROUGH_ORDER,
    countCap: COUNT_CAP,
    listReads: deps.modelReads,
    options: {
      navigation: NAV.accounting,
      sort: { sortBy: 'id', direction: 'desc' },
      listProperties: ['createdAt', 'orderId', 'provider', 'amountCents', 'status'],
      filterProperties: ['orderId', 'provider', 'status', 'createdAt'],
      showProperties: [
        'createdAt',
        'orderId',
        'provider',
        'providerReference',
        'amountCents',
        'refundedCents',
        'amountReceivedCents',
        'changeCents',
        'status',
        'failureReason',
        'collectedByEmployeeId',
        'updatedAt',
      ],
    },
  });
