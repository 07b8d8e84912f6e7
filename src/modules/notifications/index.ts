// The notifications module: e-mails to customers and staff through a transactional outbox. Other modules write a
// message in the transaction of the change that causes it (`enqueue`, or `orderEvent` for an order's customer);
// the worker of every app process sends it later (worker.ts), so a slow or absent SMTP server never slows or
// fails the change itself. Messages are rendered at send time from one template set (render.ts).
import type { Logger } from 'pino';
import type { Settings } from '../../config/index.js';
import type { Database, Executor, Tx } from '../../db/executor.js';
import type { EventBus } from '../../realtime/events.js';
import type { OrderView } from '../orders/index.js';
import { createMailer, type Mailer } from './mailer.js';
import { orderDocument, type ShopLegal } from './order-templates.js';
export { frenchTime } from './order-templates.js';
import {
  deleteEmployeeMessages,
  insertMessage,
  insertOrderMessage,
  purgeOldMessages,
  requeue,
  type NewMessage,
  type OutboxMessage,
} from './outbox.repository.js';
import { CUSTOMER_ACCOUNT_MESSAGES, customerEventLabel } from './kinds.js';
import { render, type Document, type Rendered } from './render.js';
import { outboxFailedAlert } from './staff-templates.js';
import { createOutboxWorker, type OutboxWorker } from './worker.js';

export { notificationsHolder } from './personal-data.js';
export type { NewMessage, OutboxMessage } from './outbox.repository.js';
export type { Attachment, Document, Block } from './render.js';
export { render } from './render.js';
export { kindLabel, MESSAGE_KIND_LABELS } from './kinds.js';
export { createMailer, describeSmtp, type Mailer, type Mail } from './mailer.js';
export { createLowStockDigest, type LowStockDigest } from './low-stock-digest.js';

/**
 * The events of an order its customer hears about, and whether they may turn it off (status e-mails). The status
 * events (confirmation … cancelled) are written by the database's trigger on order_status_events (migration 022,
 * same rules, no round trip in the order's transaction); refunds and failed payments by `orderEvent` below.
 */
const ORDER_MESSAGES: Record<string, { optional: boolean; takeawayOnly?: boolean }> = {
  confirmation: { optional: false },
  preparing: { optional: true },
  ready: { optional: true, takeawayOnly: true },
  out_for_delivery: { optional: true },
  delivered: { optional: true },
  collected: { optional: true },
  cancelled: { optional: false },
  refunded: { optional: false },
  payment_failed: { optional: false },
};

/** The e-mails a customer receives even with status e-mails turned off (the account page lists them). */
export const ALWAYS_SENT_TO_CUSTOMERS: readonly string[] = [
  ...Object.keys(ORDER_MESSAGES)
    .filter((event) => !ORDER_MESSAGES[event].optional)
    .map(customerEventLabel),
  ...CUSTOMER_ACCOUNT_MESSAGES,
];

export interface OrderEventNotice {
  orderId: string;
  /** The order's events the application writes (its steps are written by the database's trigger). */
  event: 'refunded' | 'payment_failed';
  /** What makes this event unique for the order: its version, a refund's id, a payment attempt's id. */
  version: number | string;
  payload?: Record<string, unknown>;
}

/** What the orders and payments modules call inside their transactions. */
export interface OrderNotifier {
  orderEvent(tx: Tx, notice: OrderEventNotice): Promise<void>;
}

/** Renders one kind of message at send time (kinds other than `order.*` register here). */
export type MessageRenderer = (message: OutboxMessage, ex: Executor) => Promise<Document>;

export interface NotificationsDeps {
  db: Database;
  settings: Settings;
  /** The live order events: a created or changed order wakes the worker (its message was written by the trigger). */
  bus?: EventBus;
}

export function createNotificationsService(deps: NotificationsDeps) {
  const { db, settings } = deps;
  const mail = settings.mail;
  let worker: OutboxWorker | undefined;
  let loadOrder: ((ex: Executor, orderId: string) => Promise<OrderView | undefined>) | undefined;
  const renderers = new Map<string, MessageRenderer>([['staff.outbox_failed', outboxFailedAlert]]);

  const kickAfter = (tx: Tx) => tx.afterCommit(() => worker?.kick());

  /** Writes a message in the caller's transaction; false when one with its key exists already. */
  async function enqueue(tx: Tx, message: NewMessage): Promise<boolean> {
    const inserted = await insertMessage(tx, message);
    if (inserted) kickAfter(tx);
    return inserted;
  }

  const notifier: OrderNotifier = {
    async orderEvent(tx, n) {
      await insertOrderMessage(tx, {
        key: `order:${n.orderId}:${n.event}:${n.version}`,
        kind: `order.${n.event}`,
        orderId: n.orderId,
        payload: n.payload ?? {},
      });
      kickAfter(tx);
    },
  };

  async function renderOrder(m: OutboxMessage, ex: Executor): Promise<Document> {
    if (!loadOrder || !m.orderId) throw new Error('order messages are not wired');
    const order = await loadOrder(ex, m.orderId);
    if (!order) throw new Error(`order ${m.orderId} not found`);
    const extra = (await ex.one<ShopLegal & { firstName: string }>(
      `SELECT p.siret, p.timezone, COALESCE(c.first_name, '') AS "firstName"
       FROM pizzerias p LEFT JOIN customers c ON c.id = $2 WHERE p.id = $1`,
      [order.pizzeria.id, m.customerId],
    ))!;
    const doc = orderDocument(m.kind, {
      order,
      shop: { siret: extra.siret, timezone: extra.timezone },
      firstName: extra.firstName || (m.recipientName ?? '').split(' ')[0],
      publicUrl: mail.publicUrl,
      companyName: mail.companyName,
      siren: settings.accounting.siren,
      payload: m.payload,
    });
    if (!doc) throw new Error(`no template for ${m.kind}`);
    return doc;
  }

  async function renderMessage(m: OutboxMessage): Promise<Rendered> {
    const renderer = m.kind.startsWith('order.') ? renderOrder : renderers.get(m.kind);
    if (!renderer) throw new Error(`no template for ${m.kind}`);
    return render(await db.read((ex) => renderer(m, ex)));
  }

  /** The group admins hear of a message that could not be sent (never of their own alerts failing). */
  async function alertFailed(tx: Tx, m: OutboxMessage, reason: string) {
    if (m.kind === 'staff.outbox_failed') return;
    const admins = await tx.many<{ id: number; email: string; name: string }>(
      `SELECT id, email, first_name || ' ' || last_name AS name FROM employees WHERE role = 'admin' AND active`,
    );
    for (const a of admins) {
      await enqueue(tx, {
        key: `outbox-failed:${m.id}:${m.attempts}:${Date.now()}:${a.id}`,
        kind: 'staff.outbox_failed',
        to: a.email,
        toName: a.name,
        employeeId: a.id,
        payload: { outboxId: m.id, kind: m.kind, recipient: m.recipient, attempts: m.attempts, reason },
      });
    }
  }

  return {
    enqueue,
    /** Plugged into the orders and payments modules. */
    orders: notifier,
    /** The orders module's view of an order, attached once both services exist. */
    attachOrderView(view: (ex: Executor, orderId: string) => Promise<OrderView | undefined>) {
      loadOrder = view;
    },
    /** Deletes an anonymised employee's messages, in the caller's transaction (the staff module's anonymisation). */
    forgetEmployee: (tx: Tx, employeeId: number, email: string) =>
      deleteEmployeeMessages(tx, employeeId, email),
    /** The retention job's batch: copies of messages sent or given up before `before` (one transaction). */
    purgeOldMessages: (before: Date, limit: number) =>
      db.transaction((tx) => purgeOldMessages(tx, before, limit)),
    /** Every kind of message this process can write (the order events and the registered templates). */
    kinds: (): string[] => [...Object.keys(ORDER_MESSAGES).map((e) => `order.${e}`), ...renderers.keys()],
    /** Registers the template of a message kind (staff and account messages). */
    registerRenderer(kind: string, renderer: MessageRenderer) {
      renderers.set(kind, renderer);
    },
    /** Renders a message as it would be sent now (the back office's preview, the tests). */
    renderMessage,
    /** « Renvoyer »: a failed message goes back to the queue. */
    resend: (id: number) =>
      db.transaction(async (tx) => {
        const done = await requeue(tx, id);
        if (done) kickAfter(tx);
        return done;
      }),
    /** Starts this process's worker (the server does, in the API role); the mailer by default from the settings. */
    startWorker(options: { logger: Logger; mailer?: Mailer }): OutboxWorker {
      if (worker) throw new Error('the outbox worker is already running');
      const started = createOutboxWorker({
        db,
        mailer: options.mailer ?? createMailer(mail),
        settings: mail,
        logger: options.logger,
        render: renderMessage,
        onFailed: alertFailed,
      });
      worker = started;
      const unsubscribe = deps.bus?.subscribe((event) => {
        if (event.type === 'order.created' || event.type === 'order.status') started.kick();
      });
      return {
        kick: () => started.kick(),
        drain: () => started.drain(),
        stop: async () => {
          unsubscribe?.();
          await started.stop();
          if (worker === started) worker = undefined;
        },
      };
    },
  };
}

export type NotificationsService = ReturnType<typeof createNotificationsService>;
