// What the order services need from the app: the database, the live event bus, and the payment hooks that the
// payments module plugs in. No hook is ever called while stock rows are locked: network calls to the payment
// provider happen before or after the order's transactions.
import type { Sequelize, Transaction } from 'sequelize';
import type { EventBus } from '../../realtime/events.js';
import type { MapsProvider } from '../delivery/maps.types.js';
import type { OrderHead } from './orders.repository.js';
import type { OrderView } from './orders.view.js';

export interface PaymentHooks {
  /** After an order paid by card online committed: create its payment at the provider; returns what the
   * customer's browser needs to pay. On failure the hook cancels the order (stock released) and throws. */
  startOnlinePayment(order: OrderView): Promise<{ clientSecret: string }>;
  /** Inside the modification's transaction (order row locked, before stock): may refuse the new total. */
  checkModification(t: Transaction, order: OrderHead, newTotalCents: number): Promise<void>;
  /** Before preparation starts (no lock held): take the money, or refuse to start. */
  beforePreparation(order: OrderHead): Promise<void>;
  /** Before a cancellation (no lock held): void the authorisation, or refuse to cancel. */
  beforeCancellation(order: OrderHead): Promise<void>;
}

export interface OrderDeps {
  db: Sequelize;
  bus: EventBus;
  payments?: PaymentHooks;
  /** Geocoding and travel times (Google Maps, or the offline approximation); needed to place deliveries. */
  maps?: MapsProvider;
}
