// Serves the built site (site/dist): the customer site at `/`, the staff screens at `/personnel`, the privacy
// page at `/confidentialite` (its figures from the settings), the hashed assets with a year-long immutable
// cache. Pages themselves are never cached, so a new release is seen at once.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import express, { Router, type RequestHandler, type Response } from 'express';
import type { Logger } from 'pino';
import { NotFoundError } from '../shared/errors.js';
import { escapeHtml } from '../shared/html.js';
import { SITE_DIST } from './build.js';
import { renderPrivacyPage, type PrivacyFacts } from './privacy-page.js';

const YEAR_SECONDS = 365 * 24 * 3600;

const notBuilt = (res: Response, logger: Logger, file: string) => {
  logger.error({ file }, 'site not built: run `npm run build`');
  res
    .status(503)
    .type('html')
    .send(
      '<!doctype html><html lang="fr"><meta charset="utf-8"><title>OC Pizza</title>' +
        '<p>Le site est en cours de mise à jour. Réessayez dans quelques instants.</p></html>',
    );
};

function page(file: string, logger: Logger): RequestHandler {
  const full = path.join(SITE_DIST, file);
  return (_req, res) => {
    if (!existsSync(full)) return notBuilt(res, logger, full);
    res.set('Cache-Control', 'no-cache');
    res.sendFile(full);
  };
}

/** Read at each request (a few kB): a new build is served at once, as the other pages are. */
function privacyPage(logger: Logger, facts: PrivacyFacts): RequestHandler {
  const full = path.join(SITE_DIST, 'confidentialite.html');
  return async (_req, res) => {
    let template: string;
    try {
      template = await readFile(full, 'utf8');
    } catch {
      return notBuilt(res, logger, full);
    }
    res.set('Cache-Control', 'no-cache');
    res.type('html').send(renderPrivacyPage(template, facts));
  };
}

export function siteRouter(logger: Logger, privacy: PrivacyFacts): Router {
  const router = Router();
  router.get('/', page('index.html', logger));
  router.get('/personnel', page('personnel.html', logger));
  router.get('/confidentialite', privacyPage(logger, privacy));
  router.use(
    '/assets',
    express.static(path.join(SITE_DIST, 'assets'), {
      immutable: true,
      maxAge: YEAR_SECONDS * 1000,
      fallthrough: true,
      index: false,
    }),
  );
  return router;
}

/**
 * Any other path: a browser (it accepts HTML) gets a French page with a way back to the site; any other client
 * the JSON error every route gives. /api/* never gets here (apiFallback answers route_not_found).
 */
export const pageNotFound: RequestHandler = (req, res, next) => {
  if ((req.method === 'GET' || req.method === 'HEAD') && req.accepts(['json', 'html']) === 'html') {
    res
      .status(404)
      .type('html')
      .send(
        '<!doctype html><html lang="fr"><head><meta charset="utf-8">' +
          '<meta name="viewport" content="width=device-width, initial-scale=1">' +
          '<title>Page introuvable — OC Pizza</title></head>' +
          '<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1f1f1f">' +
          '<main><h1>Page introuvable</h1>' +
          `<p>L’adresse <code>${escapeHtml(req.path.slice(0, 200))}</code> ne correspond à aucune page d’OC Pizza.</p>` +
          '<p><a href="/" style="color:#0b57d0">Retour à l’accueil et à la carte</a></p></main></body></html>',
      );
    return;
  }
  next(new NotFoundError('Page introuvable.', 'page_not_found'));
};
