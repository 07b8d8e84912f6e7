// What the order services need: the database, the live event bus, the clock of the business rules, the modules
// they ask (shops, catalogue, stock, delivery), and the payment hooks that the payments module plugs in. No
// online-payment hook is ever called while stock rows are locked: network calls to the payment provider happen
// before or after the order's transactions.
import type { Database, Tx } from '../../db/executor.js';
import type { EventBus } from '../../realtime/events.js';
import type { Clock } from '../../shared/clock.js';
import type { CatalogService } from '../catalog/index.js';
import type { JournalService } from '../journal/index.js';
import type { MapsProvider } from '../delivery/index.js';
import type { PizzeriasService } from '../pizzerias/index.js';
import type { StockService } from '../stock/index.js';
import type { Actor, NewOrder, OrderHead } from './orders.repository.js';
import type { OrderView } from './orders.view.js';

/** Online card payment (absent when no provider is configured: orders are then paid on delivery or at the shop). */
export interface OnlinePaymentHooks {
  /** After an order paid by card online committed: create its payment at the provider; returns what the
   * customer's browser needs to pay. On failure the hook cancels the order (stock released) and throws. */
  startOnlinePayment(order: OrderView): Promise<{ clientSecret: string }>;
  /** Inside the modification's transaction (order row locked, before stock): may refuse the new total, or any
   * change once the capture is claimed (409 order_locked). */
  checkModification(tx: Tx, order: OrderHead, newTotalCents: number): Promise<void>;
  /** Before preparation starts (no lock held): claim the capture under the order's own lock (a modification is
   * refused from then on), then take the money with no lock held, or refuse to start. */
  beforePreparation(order: OrderHead): Promise<void>;
  /** Before a cancellation (no lock held): void the authorisation, or refuse to cancel. */
  beforeCancellation(order: OrderHead): Promise<void>;
}

/** Money handed over at the door or the counter, as the payments module records it. */
export interface CollectedPaymentRecord {
  orderId: string;
  method: 'cash' | 'card_terminal' | 'meal_voucher';
  amountCents: number;
  amountReceivedCents: number;
  changeCents: number;
  employeeId: number;
}

/** What the payments module plugs into the order services. */
export interface PaymentHooks {
  online?: OnlinePaymentHooks;
  /** Inside the hand-over's transaction (order row locked): records the payment collected. */
  recordCollectedPayment(tx: Tx, payment: CollectedPaymentRecord): Promise<void>;
}

/** The delivery module's answer for an address: the shop that delivers it, the point and the drive. */
export interface DeliveryQuoteForOrders {
  shop: { id: number };
  point: { lat: number; lng: number };
  distanceM: number;
  travelSeconds: number;
  approximate: boolean;
}

/** What orders ask the delivery module (its service object fits). */
export interface DeliveryForOrders {
  /** The shop that delivers `address` (the requested one, else the fastest open one), or a 409/422; an order
   * for later may name a shop closed now. */
  quote(
    address: NonNullable<NewOrder['address']>,
    requestedShopId?: number,
    options?: { forLater?: boolean },
  ): Promise<DeliveryQuoteForOrders>;
}

/** What orders ask the customers module (its service object fits): the snapshots a web order copies. */
export interface CustomersForOrders {
  findCustomer(
    customerId: number,
  ): Promise<{ firstName: string; lastName: string; phone: string | null } | undefined>;
  /** The customer's saved address (undefined for someone else's). */
  findAddressOfCustomer(
    customerId: number,
    addressId: number,
  ): Promise<(NonNullable<NewOrder['address']> & { id: number; label: string }) | undefined>;
}

export interface OrderDeps {
  db: Database;
  bus: EventBus;
  clock: Clock;
  payments?: PaymentHooks;
  /** Geocoding and travel times (Google Maps, or the offline approximation); needed to place deliveries. */
  maps?: MapsProvider;
  pizzerias: PizzeriasService;
  catalog: CatalogService;
  stock: StockService;
  delivery?: DeliveryForOrders;
  customers?: CustomersForOrders;
  /** The sales journal: a sale on hand-over, a cancellation of an order whose money was captured. */
  journal: Pick<JournalService, 'recordSale' | 'recordCancellation'>;
}

/** The order functions the payments module uses (it never writes the orders table itself). Those taking a `tx`
 * run inside the caller's transaction. */
export interface OrdersForPayments {
  head(orderId: string): Promise<OrderHead | undefined>;
  view(orderId: string): Promise<OrderView | undefined>;
  /** Locks the order row (FOR UPDATE). */
  lock(tx: Tx, orderId: string): Promise<OrderHead | undefined>;
  /** Ids of unpaid online orders created before `createdBefore`, locked (SKIP LOCKED: other processes skip them). */
  lockExpiredUnpaid(tx: Tx, createdBefore: Date, limit: number): Promise<string[]>;
  setPaymentStatus(
    tx: Tx,
    orderId: string,
    fields: { paymentStatus?: string; failureReason?: string | null },
  ): Promise<void>;
  /** Records a legal status change with its actor and publishes it (order row locked by the caller). */
  changeStatus(
    tx: Tx,
    order: OrderHead,
    to: OrderHead['status'],
    actor: Actor,
    fields?: Record<string, unknown>,
    note?: string | null,
  ): Promise<void>;
  /** Cancellation decided by the system, order row locked by the caller; false when no longer cancellable. */
  cancelLockedBySystem(tx: Tx, order: OrderHead, note: string): Promise<boolean>;
  /** The same in a transaction of its own. */
  systemCancel(orderId: string, note: string): Promise<boolean>;
  clearIdempotencyKey(tx: Tx, orderId: string): Promise<void>;
}
