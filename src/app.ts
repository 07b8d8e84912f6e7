// Builds the Express app (no listen): security headers, request logs with a request id, the API routers,
// JSON 404 for unknown API routes and the one error middleware.
import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { lazyAdminRouter } from '../admin/lazy.js';
import type { AppContext } from './context.js';
import { accountingRouter } from './modules/accounting/index.js';
import { journalRouter, journalVerifyRouter } from './modules/journal/index.js';
import { authenticate } from './modules/auth/index.js';
import { catalogRouter } from './modules/catalog/index.js';
import { customersRouter } from './modules/customers/index.js';
import { privacyRouter } from './modules/privacy/index.js';
import { deliveryRouter } from './modules/delivery/index.js';
import { docsRouter } from './modules/docs/index.js';
import { healthRouter } from './modules/health/index.js';
import { ordersRouter, staffOrdersRouter, trackingRouter } from './modules/orders/index.js';
import { paymentsRouter, stripeWebhookRouter } from './modules/payments/index.js';
import { pizzeriasRouter } from './modules/pizzerias/index.js';
import { staffRouter } from './modules/staff/index.js';
import { stockRouter } from './modules/stock/index.js';
import { purchasingRouter } from './modules/purchasing/index.js';
import { errorHandler } from './shared/http-errors.js';
import { apiFallback, apiOptions } from './shared/openapi.js';
import { NotFoundError } from './shared/errors.js';
import { tagRequest } from './shared/monitoring.js';
import { requestLog } from './shared/request-log.js';
import { scrubString } from './shared/scrub.js';
import { mediaRouter } from './site/media.routes.js';
import { pageNotFound, siteRouter } from './site/site.routes.js';

export type { AppContext } from './context.js';

// The site loads Stripe.js (and its frames) only when online payment is on; everything else is our own origin.
const SITE_CSP = {
  'script-src': ["'self'", 'https://js.stripe.com'],
  'frame-src': ['https://js.stripe.com', 'https://hooks.stripe.com'],
  'connect-src': ["'self'", 'https://api.stripe.com'],
  'img-src': ["'self'", 'data:', 'https://*.stripe.com'],
};

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;
export const JSON_BODY_LIMIT = '64kb';

export function createApp(ctx: AppContext): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', ctx.settings.http.trustProxy);
  app.set('query parser', 'simple');
  // Every API answer is `no-store`, so no client ever revalidates it: hashing each body for an ETag was wasted
  // (the site's static files have their own validators from express.static).
  app.set('etag', false);

  app.use(
    requestLog({
      logger: ctx.logger,
      requestId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        // A client's id is kept only when it carries nothing to scrub (it goes to every log line and to Sentry).
        const id =
          typeof incoming === 'string' && REQUEST_ID.test(incoming) && scrubString(incoming) === incoming
            ? incoming
            : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      ignore: (req) => req.url === '/healthz',
    }),
  );
  app.use((req, _res, next) => {
    tagRequest(String(req.id));
    next();
  });
  // The back office, at the secret path only: before helmet (it sets its own policy for AdminJS's inline
  // scripts) and before any body parser (AdminJS parses its own forms). Loaded after start-up: admin/lazy.ts.
  // An `api` process never loads it (production runs it as its own Supervisor program, OCPIZZA_ROLE=admin).
  const { role } = ctx.settings;
  if (role !== 'api') app.use(ctx.settings.adminPath, lazyAdminRouter(ctx));
  app.use(helmet({ contentSecurityPolicy: { directives: SITE_CSP } }));
  // AdminJS's default path answers 404 like any unknown one, said explicitly so no default brings it back.
  app.use('/admin', (_req, _res, next) => next(new NotFoundError('Page introuvable.')));
  const isShuttingDown = ctx.isShuttingDown ?? (() => false);

  app.use(healthRouter(ctx, isShuttingDown));
  if (role === 'admin') {
    // The back office's process serves nothing else: NGINX sends it the secret path only.
    app.use((_req, _res, next) => next(new NotFoundError('Page introuvable.')));
    app.use(errorHandler);
    return app;
  }

  // OPTIONS from the document (see apiOptions); then, before any JSON parser, Stripe's webhook: its signature
  // covers the raw bytes.
  app.use('/api', apiOptions);
  app.use('/api', stripeWebhookRouter(ctx));

  const api = express.Router();
  api.use(express.json({ limit: JSON_BODY_LIMIT }));
  api.use(authenticate(ctx.services.auth));
  api.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  api.use(docsRouter());
  api.use(deliveryRouter(ctx));
  api.use(pizzeriasRouter(ctx));
  api.use(catalogRouter(ctx));
  api.use(staffRouter(ctx));
  api.use(customersRouter(ctx));
  api.use(privacyRouter(ctx));
  api.use(stockRouter(ctx));
  api.use(purchasingRouter(ctx));
  api.use(trackingRouter(ctx));
  api.use(paymentsRouter(ctx));
  api.use(ordersRouter(ctx));
  api.use(staffOrdersRouter(ctx));
  api.use(accountingRouter(ctx));
  api.use(journalRouter(ctx));
  api.use(journalVerifyRouter(ctx));
  api.use(apiFallback);
  app.use('/api', api);

  app.use(mediaRouter(ctx.settings.mediaDir));
  app.use(siteRouter(ctx.logger));
  app.use(pageNotFound);

  app.use(errorHandler);
  return app;
}
