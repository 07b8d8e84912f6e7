// What the back office's custom actions and pages need from the app: the database and the order services'
// dependencies (live events, payment hooks), plus Stripe for refunds and the settings for exports.
import type { AppContext } from '../src/app.js';
import type { OrderDeps } from '../src/modules/orders/order-deps.js';

export type AdminContext = Pick<AppContext, 'db' | 'settings' | 'logger' | 'bus' | 'payments' | 'maps'>;

export interface AdminDeps {
  ctx: AdminContext;
  orders: OrderDeps;
}

export function adminDeps(ctx: AdminContext): AdminDeps {
  return { ctx, orders: { db: ctx.db, bus: ctx.bus, payments: ctx.payments?.online, maps: ctx.maps } };
}
