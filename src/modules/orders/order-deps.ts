// What the order services need from the app: the database, the live event bus, and the payment hooks that the
// payments module plugs in (called after commit, never while stock rows are locked).
import type { Sequelize } from 'sequelize';
import type { EventBus } from '../../realtime/events.js';
import type { OrderView } from './orders.view.js';

export interface PaymentHooks {
  onPlaced?(order: OrderView): Promise<void>;
  onModified?(order: OrderView, previousTotalCents: number): Promise<void>;
  onCancelled?(order: OrderView): Promise<void>;
  onPreparationStarted?(order: OrderView): Promise<void>;
}

export interface OrderDeps {
  db: Sequelize;
  bus: EventBus;
  payments?: PaymentHooks;
}
