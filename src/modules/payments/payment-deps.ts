// What the payment services need: the database, the clock of the business rules, the provider (when online
// payment is configured), and the orders module's functions, attached once both services exist (orders
// receives the payment hooks, payments receives `orders.forPayments`).
import type { Database } from '../../db/executor.js';
import type { Clock } from '../../shared/clock.js';
import type { JournalService } from '../journal/index.js';
import type { OrderNotifier } from '../notifications/index.js';
import type { OrdersForPayments } from '../orders/index.js';
import type { PaymentGateway } from './stripe.gateway.js';

export interface PaymentDeps {
  db: Database;
  clock: Clock;
  gateway?: PaymentGateway;
  /** The orders module's functions; throws until they are attached. */
  orders(): OrdersForPayments;
  /** The customer's e-mails (refund, failed payment), written in the transaction of the change. */
  notify?: OrderNotifier;
  /** The sales journal: captures, refunds, money captured for a cancelled order, corrections of the means. */
  journal: Pick<JournalService, 'recordCapture' | 'recordRefund' | 'recordCancellation' | 'recordCorrection'>;
}

export type OnlinePaymentDeps = PaymentDeps & { gateway: PaymentGateway };
