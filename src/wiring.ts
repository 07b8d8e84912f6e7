// The one wiring file: every module service is built here, once, from its dependencies, in dependency order.
// Routes, back-office actions, the webhook, the jobs and the seeder all receive these same objects.
import type { Logger } from 'pino';
import { endBackOfficeSessions, purgeExpiredBackOfficeSessions } from '../admin/sessions.js';
import type { Settings } from './config/index.js';
import type { Database } from './db/executor.js';
import type { ReadDatabase } from './db/replica.js';
import type { EventBus } from './realtime/events.js';
import type { Clock } from './shared/clock.js';
import { purgeOldWindows } from './shared/rate-limit.js';
import { createAccountingService } from './modules/accounting/index.js';
import { authHolder, createAuthService, RESET_MAIL_KIND, resetMailRenderer } from './modules/auth/index.js';
import { createCatalogService } from './modules/catalog/index.js';
import {
  checkAccountPassword,
  createCustomersService,
  customersHolder,
  deleteAccount,
  findCustomer,
  lockAccount,
  savedPostalAddresses,
} from './modules/customers/index.js';
import { createDashboardService } from './modules/dashboard/index.js';
import {
  createDeliveryService,
  createMapsProvider,
  deliveryHolder,
  type MapsProvider,
} from './modules/delivery/index.js';
import {
  createOrdersService,
  deliveryAddressesOf,
  lockOrdersOfCustomer,
  ordersHolder,
  ordersOfCustomer,
} from './modules/orders/index.js';
import {
  createPaymentsService,
  createStripeGatewayFrom,
  paymentsHolder,
  type PaymentGateway,
} from './modules/payments/index.js';
import { createJournalService, journalHolder, type JournalService } from './modules/journal/index.js';
import {
  createLowStockDigest,
  createNotificationsService,
  notificationsHolder,
} from './modules/notifications/index.js';
import { createPrivacyService, createRetentionJob, privacyHolder } from './modules/privacy/index.js';
import { createPizzeriasService } from './modules/pizzerias/index.js';
import { createPurchasingService } from './modules/purchasing/index.js';
import { createStaffService } from './modules/staff/index.js';
import { createStockService, stockHolder } from './modules/stock/index.js';

export interface Infrastructure {
  settings: Settings;
  logger: Logger;
  db: Database;
  /** Where the exports and the dashboard read: a replica's routing (DATABASE_READ_URL), else `db`. */
  reads?: ReadDatabase;
  bus: EventBus;
  clock: Clock;
  /** Defaults from the settings: Google Maps with a key, else the offline approximation (never in production). */
  maps?: MapsProvider;
  /** Defaults from the settings: Stripe with its keys, else none (online payment off). The demo seeder gives its
   * own in-process gateway. */
  gateway?: PaymentGateway;
  /** Benchmarks only (bench/journal-app.mjs, through serve()): given the sales journal's service, what the other
   * modules get instead, to measure what writing the journal costs the order lifecycle. No setting, variable or
   * path of the product gives it: production always records every entry. */
  journal?: (real: JournalService) => JournalService;
}

export function createServices(infra: Infrastructure) {
  const { settings, db, bus, clock } = infra;
  const maps = infra.maps ?? createMapsProvider(settings, db);
  const pizzerias = createPizzeriasService({ db, clock });
  const catalog = createCatalogService({ db, bus, clock, mediaDir: settings.mediaDir });
  const stock = createStockService({ db, clock });
  const auth = createAuthService({ db, clock, settings });
  const notifications = createNotificationsService({ db, settings, bus });
  notifications.registerRenderer(RESET_MAIL_KIND, resetMailRenderer(settings.mail));
  const customers = createCustomersService({ db, clock, settings, notifications });
  const staff = createStaffService({ db, clock, settings, notifications, endBackOfficeSessions });
  const delivery = createDeliveryService({ db, maps, pizzerias, clock });
  // Online payment is on when Stripe keys are configured (always in production).
  const gateway = infra.gateway ?? createStripeGatewayFrom(settings);
  const real = createJournalService({ db, clock, settings: settings.journal });
  const journal = infra.journal ? infra.journal(real) : real;
  const payments = createPaymentsService({ db, bus, clock, gateway, notify: notifications.orders, journal });
  const orders = createOrdersService({
    db,
    bus,
    clock,
    maps,
    pizzerias,
    catalog,
    stock,
    delivery,
    customers,
    payments: payments.hooks,
    journal,
  });
  notifications.attachOrderView(orders.viewIn);
  payments.attachOrders(orders.forPayments);
  // Registers its template in every process (any process's worker may send a digest another one wrote).
  const lowStockDigest = createLowStockDigest({
    db,
    clock,
    hour: settings.mail.lowStockDigestHour,
    stock,
    notifications,
  });
  const purchasing = createPurchasingService({ db, clock, stock, notifications });
  const reads = infra.reads ?? db;
  const accounting = createAccountingService({ db: reads, settings });
  const dashboard = createDashboardService({ db: reads, clock });
  const privacy = createPrivacyService({
    db,
    clock,
    logger: infra.logger,
    // Erased in this order: delivery first, while the saved and delivery addresses it keys are still there.
    holders: [
      deliveryHolder(async (ex, subject) => [
        ...(await savedPostalAddresses(ex, subject.customerId)),
        ...(await deliveryAddressesOf(ex, subject.orderIds)),
      ]),
      notificationsHolder,
      authHolder,
      ordersHolder(() => clock.now()),
      paymentsHolder,
      stockHolder,
      journalHolder,
      privacyHolder,
      customersHolder,
    ],
    accounts: {
      lockAccount,
      findAccount: (ex, customerId) => findCustomer(ex, customerId),
      deleteAccount,
      checkPassword: (customerId, password) =>
        db.read((ex) => checkAccountPassword(ex, customerId, password)),
      ordersOf: ordersOfCustomer,
      lockOrders: lockOrdersOfCustomer,
    },
  });
  // The daily retention job: each category is its owning module's batch.
  const retention = createRetentionJob({
    db,
    clock,
    settings: settings.retention,
    steps: {
      inactiveCustomers: customers.inactiveCustomers,
      orders: async (before, limit) => (await orders.eraseFinishedBefore(before, limit)).orders,
      authTokens: auth.purgeDeadTokens,
      resetTokens: auth.purgeSpentResetTokens,
      adminSessions: (now, limit) => db.transaction((tx) => purgeExpiredBackOfficeSessions(tx, now, limit)),
      rateLimits: (now, limit) => purgeOldWindows(db, now, limit),
      geocodeCache: delivery.purgeGeocodeCache,
      outbox: notifications.purgeOldMessages,
      employees: staff.anonymiseDeparted,
      // The privacy service's erasure, as the customer's own or the admin's (one transaction, 409 while an
      // order is in progress).
      eraseCustomer: (customerId) => privacy.eraseCustomer(customerId, { origin: 'retention' }),
    },
  });
  return {
    pizzerias,
    catalog,
    stock,
    auth,
    customers,
    staff,
    delivery,
    payments,
    orders,
    notifications,
    journal,
    lowStockDigest,
    purchasing,
    accounting,
    dashboard,
    privacy,
    retention,
    maps,
  };
}

export type Services = ReturnType<typeof createServices>;
