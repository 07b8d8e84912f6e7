// The status history of orders (one event per change, written by the order state machine): read-only for
// everyone, scoped to the shop of their order. Opened from an order by its « Historique » link.
import { OrderStatusEvent } from '../../src/db/models/index.js';
import type { AccessSpec } from '../access.js';
import type { AdminDeps } from '../deps.js';
import { COUNT_CAP, defineResource, NAV, THROUGH_ORDER } from '../resource.js';

export const orderStatusEventsAccess: AccessSpec = {
  read: 'orders.view_shop',
  shopScoped: true,
};

export const orderStatusEventsResource = (deps: Pick<AdminDeps, 'modelReads'>) =>
  defineResource({
    title: (a) =>
      `(SELECT 'Commande ' || o.number || ' — changement n° ' || "${a}"."id" FROM orders o WHERE o.id = "${a}"."order_id")`,
    model: OrderStatusEvent,
    access: orderStatusEventsAccess,
    scope: THROUGH_ORDER,
    countCap: COUNT_CAP,
    listReads: deps.modelReads,
    options: {
      navigation: NAV.orders,
      sort: { sortBy: 'id', direction: 'desc' },
      listProperties: ['createdAt', 'orderId', 'fromStatus', 'toStatus', 'actorType', 'actorEmployeeId'],
      filterProperties: ['orderId', 'toStatus', 'actorType'],
      showProperties: [
        'createdAt',
        'orderId',
        'fromStatus',
        'toStatus',
        'actorType',
        'actorCustomerId',
        'actorEmployeeId',
        'note',
      ],
    },
  });
