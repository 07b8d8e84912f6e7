// Baseline of the notifications benchmark: the same compiled app, started with this file (`node --import`), whose
// notifications service writes no message for an order (its `orders.orderEvent` does nothing). Everything else
// is the product as it runs: no setting of the app turns the order messages off, so none can in production.
import { register } from 'node:module';

register('./no-order-messages-hooks.mjs', import.meta.url);
