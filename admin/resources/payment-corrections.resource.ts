// Corrections of how a collected payment was taken (« Corriger le moyen de paiement », an order action):
// read-only (payments.view), scoped to the shop of their order for managers, every shop for accountants.
import { PaymentCorrection } from '../../src/db/models/index.js';
import type { AccessSpec } from '../access.js';
import type { AdminDeps } from '../deps.js';
import { COUNT_CAP, defineResource, NAV, THROUGH_ORDER } from '../resource.js';

export const paymentCorrectionsAccess: AccessSpec = {
  read: 'payments.view',
  shopScoped: true,
};

export const paymentCorrectionsResource = (deps: Pick<AdminDeps, 'modelReads'>) =>
  defineResource({
    money: ['amountCents'],
    title: (a) =>
      `(SELECT 'Correction n° ' || "${a}"."id" || ' — commande ' || o.number FROM orders o WHERE o.id = "${a}"."order_id")`,
    model: PaymentCorrection,
    access: paymentCorrectionsAccess,
    scope: THROUGH_ORDER,
    countCap: COUNT_CAP,
    listReads: deps.modelReads,
    options: {
      navigation: NAV.accounting,
      sort: { sortBy: 'id', direction: 'desc' },
      listProperties: ['createdAt', 'orderId', 'fromProvider', 'toProvider', 'amountCents'],
      filterProperties: ['orderId', 'createdAt'],
      showProperties: [
        'createdAt',
        'orderId',
        'paymentId',
        'fromProvider',
        'toProvider',
        'amountCents',
        'reason',
        'employeeId',
      ],
    },
  });
