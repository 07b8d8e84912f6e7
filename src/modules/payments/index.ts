// Online payment is on when a Stripe key is configured (always in production; optional elsewhere, where
// payment on delivery still works and /api/config says online payment is off).
import type { Sequelize } from 'sequelize';
import type { Settings } from '../../config/index.js';
import type { EventBus } from '../../realtime/events.js';
import { OnlinePayments } from './online-payments.js';
import type { PaymentsContext } from './payments.routes.js';
import { createStripeGateway } from './stripe.gateway.js';

export type { PaymentsContext } from './payments.routes.js';

export function createPaymentsContext(ctx: {
  db: Sequelize;
  bus: EventBus;
  settings: Settings;
}): PaymentsContext | undefined {
  const { apiKey, webhookSecret, apiBase, timeoutMs } = ctx.settings.stripe;
  if (!apiKey || !webhookSecret) return undefined;
  const gateway = createStripeGateway({ apiKey, webhookSecret, apiBase, timeoutMs });
  const deps = { db: ctx.db, bus: ctx.bus, gateway };
  return { deps, online: new OnlinePayments(deps) };
}
