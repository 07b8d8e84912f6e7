// The compiled notifications module, but the orders and payments modules' notifier writes nothing: the placement
// transaction runs without the outbox INSERT (and wakes no worker). The worker itself still runs, finding nothing.
import * as notifications from '../../dist/src/modules/notifications/index.js';

export * from '../../dist/src/modules/notifications/index.js';

export function createNotificationsService(deps) {
  const service = notifications.createNotificationsService(deps);
  return { ...service, orders: { orderEvent: async () => undefined } };
}
