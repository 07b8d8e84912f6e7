// The back office: AdminJS over the Sequelize models, at the secret path SECRET_ADMIN_URL only (root, login
// and logout all under it), behind staff sign-in with sessions in PostgreSQL. createApp mounts the router
// returned here before any body parser (AdminJS parses its own forms). Who may see and do what: access.ts;
// the data layer that scopes every query to the staff member's shop: scoped-resource.ts.
// First: sets AdminJS's environment before the package loads.
import { BUNDLE_DIR } from './env.js';
import { existsSync } from 'node:fs';
import path from 'node:path';
import AdminJS from 'adminjs';
import { buildAuthenticatedRouter } from '@adminjs/express';
import { Database, Resource } from '@adminjs/sequelize';
import express, { type ErrorRequestHandler, type RequestHandler, type Router } from 'express';
import session from 'express-session';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { initModels } from '../src/db/models/index.js';
import { authenticateStaff, refreshStaff, SESSION_COOKIE, sessionOptions } from './auth.js';
import { dashboardOption } from './dashboard.js';
import { frontendAssets } from './assets.js';
import { frenchNotFound, frenchNotices } from './french-errors.js';
import { adminDeps, type AdminContext, type AdminDeps } from './deps.js';
import { baseOptions } from './options.js';
import { adminPages } from './pages.js';
import { PICTURE_PATH_PATTERN, pictureRoutes } from './pictures.js';
import { customersResource } from './resources/customers.resource.js';
import { employeesResource } from './resources/employees.resource.js';
import { extrasResource } from './resources/extras.resource.js';
import { ingredientsResource } from './resources/ingredients.resource.js';
import { orderLinesResource } from './resources/order-lines.resource.js';
import { outboxResource } from './resources/outbox.resource.js';
import { orderStatusEventsResource } from './resources/order-status-events.resource.js';
import { ordersResource } from './resources/orders.resource.js';
import { paymentsResource } from './resources/payments.resource.js';
import { pizzeriasResource } from './resources/pizzerias.resource.js';
import { privacyRequestsResource } from './resources/privacy-requests.resource.js';
import { productSizesResource } from './resources/product-sizes.resource.js';
import { productsResource } from './resources/products.resource.js';
import { recipeLinesResource } from './resources/recipe-lines.resource.js';
import { paymentCorrectionsResource } from './resources/payment-corrections.resource.js';
import { refundsResource } from './resources/refunds.resource.js';
import {
  menuRupturesResource,
  shopProductsResource,
  shopSizesResource,
} from './resources/shop-menu.resource.js';
import { stockItemsResource } from './resources/stock-items.resource.js';
import { stockMovementsResource } from './resources/stock-movements.resource.js';
import { purchaseOrdersResource } from './resources/purchase-orders.resource.js';
import { supplierItemsResource } from './resources/supplier-items.resource.js';
import { suppliersResource } from './resources/suppliers.resource.js';

AdminJS.registerAdapter({ Database, Resource });

/** Order of the sidebar: Catalogue, Stock, Achats, Commandes, Comptabilité, Équipe, Notifications. */
function resources(deps: AdminDeps) {
  return [
    productsResource(),
    productSizesResource(),
    recipeLinesResource(),
    extrasResource(),
    shopProductsResource(deps),
    shopSizesResource(deps),
    menuRupturesResource(deps),
    ingredientsResource(),
    stockItemsResource(deps),
    stockMovementsResource(),
    suppliersResource(),
    supplierItemsResource(),
    purchaseOrdersResource(deps),
    ordersResource(deps),
    orderLinesResource(deps),
    orderStatusEventsResource(deps),
    customersResource(deps),
    privacyRequestsResource(),
    paymentsResource(deps),
    refundsResource(deps),
    paymentCorrectionsResource(deps),
    employeesResource(deps),
    pizzeriasResource(deps),
    outboxResource(deps),
  ];
}

export function createAdmin(ctx: AdminContext): AdminJS {
  initModels(ctx.sequelize);
  return new AdminJS({
    ...baseOptions(ctx.settings.adminPath),
    resources: resources(adminDeps(ctx)),
    dashboard: dashboardOption(ctx),
  });
}

// AdminJS's pages run inline scripts and styles: the API's strict policy would blank them, so the back office
// has its own. Nothing comes from another origin (admin/assets.ts cuts AdminJS's Google Fonts link).
const adminHelmet = helmet({
  contentSecurityPolicy: {
    directives: {
      'script-src': ["'self'", "'unsafe-inline'"],
      'style-src': ["'self'", "'unsafe-inline'"],
      'font-src': ["'self'", 'data:'],
      'img-src': ["'self'", 'data:'],
    },
  },
});

// AdminJS parses every POST (login included, before any sign-in) with formidable, which by default accepts
// 200 MB files into the temp folder and urlencoded or JSON bodies of any size. The back office uploads
// nothing through it: no file byte is accepted, and a body must announce a length of at most 1 MB. The one upload,
// a product's picture, has its own page and parser (admin/pictures.ts) and a 5 MB limit.
const MAX_FORM_BYTES = 1024 * 1024;
const FORM_LIMITS = { maxFileSize: 1, maxFieldsSize: MAX_FORM_BYTES, maxFields: 500 };

const tooLarge = {
  error: { code: 'payload_too_large', message: 'Le formulaire envoyé est trop volumineux.' },
};

const limitFormSize: RequestHandler = (req, res, next) => {
  // The picture's parser (multer) stops at its own limits and answers picture_too_large in French.
  if (PICTURE_PATH_PATTERN.test(req.path)) return next();
  const length = Number(req.headers['content-length'] ?? 0);
  if (req.headers['transfer-encoding'] && !req.headers['content-length']) {
    res
      .status(411)
      .json({ error: { code: 'length_required', message: 'La longueur du formulaire est requise.' } });
  } else if (length > MAX_FORM_BYTES) res.status(413).json(tooLarge);
  else next();
};

const formTooLarge: ErrorRequestHandler = (error: Error, _req, res, next) => {
  if (!/^max(FileSize|FieldsSize|Fields)\b/.test(error?.message ?? '')) return next(error);
  res.status(413).json(tooLarge);
};

/**
 * Production serves the bundle made at build time (admin/bundle.ts). Without it the page still works while
 * there are no custom components, but the missing file must be a clear 404 and a log, not a 500 per page.
 */
function bundleGuard(logger: Logger): RequestHandler {
  const file = path.join(BUNDLE_DIR, 'bundle.js');
  const missing =
    'back office: no component bundle in dist/admin-bundle; run `node dist/admin/bundle.js` after the build';
  if (!existsSync(file)) logger.error(missing);
  return (req, res, next) => {
    if (req.path !== '/frontend/assets/components.bundle.js' || existsSync(file)) return next();
    res.status(404).type('text/javascript').send(`/* ${missing} */`);
  };
}

const API_ROUTE = /^\/api\/resources\/([^/]+)(?:\/(?:actions|bulk)\/([^/]+)|\/records\/[^/]+\/([^/]+))?/;

/** Unknown resources and actions answer 404 (AdminJS itself would throw, i.e. a 500). */
function knownRoutesOnly(admin: AdminJS): RequestHandler {
  return (req, res, next) => {
    const match = req.session?.adminUser ? API_ROUTE.exec(req.path) : null;
    if (!match) return next();
    const resource = admin.resources.find((r) => r.decorate().id() === decodeURIComponent(match[1]));
    const action = match[2] ?? match[3];
    if (resource && (!action || resource.decorate().actions[decodeURIComponent(action)])) return next();
    res.status(404).json({ error: { code: 'not_found', message: 'Ressource ou action inconnue.' } });
  };
}

/** The router to mount at settings.adminPath. */
export function adminRouter(ctx: AdminContext): Router {
  const { sequelize: db, settings, logger } = ctx;
  const admin = createAdmin(ctx);
  const options = sessionOptions(db, settings, logger);
  const router = express.Router();
  router.use(adminHelmet);
  router.use(limitFormSize);
  if (process.env.NODE_ENV === 'production') router.use(bundleGuard(logger));
  router.use((req, res, next) => {
    if (!req.path.startsWith('/frontend/assets/')) res.set('Cache-Control', 'no-store');
    next();
  });
  // AdminJS's production builds, the favicon, pages without Google Fonts: before the session (no lookup per file).
  router.use(frontendAssets(settings.adminPath));
  // The session is opened here (AdminJS's own session middleware then sees it and steps aside) so that the
  // signed-in employee can be re-read between the session and AdminJS's routes.
  router.use(session(options));
  router.use(refreshStaff(db, admin.options.loginPath));
  router.use(adminPages(ctx, admin.options.loginPath));
  router.use(pictureRoutes(ctx, admin.options.loginPath));
  router.use(knownRoutesOnly(admin));
  router.use(frenchNotices);
  const adminJsRouter = buildAuthenticatedRouter(
    admin,
    { authenticate: authenticateStaff(ctx), cookiePassword: settings.secretKey, cookieName: SESSION_COOKIE },
    null,
    options,
    FORM_LIMITS,
  );
  // express-formidable reports a parse error twice (its error listener and its parse callback): once the
  // answer is sent, the second report is dropped instead of reaching the app's error handler.
  router.use((req, res, next) =>
    adminJsRouter(req, res, (error?: unknown) => (res.headersSent ? undefined : next(error))),
  );
  router.use(formTooLarge);
  router.use(frenchNotFound);
  // Development: bundle the custom components at start and on change (tests and production never do).
  if (settings.name === 'development') void admin.watch();
  return router;
}
