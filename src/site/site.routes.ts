// Serves the built site (site/dist): the customer site at `/`, the staff screens at `/personnel`, the hashed
// assets with a year-long immutable cache. Pages themselves are never cached, so a new release is seen at once.
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import { NotFoundError } from '../shared/errors.js';
import { escapeHtml } from '../shared/html.js';
import { SITE_DIST } from './build.js';

const YEAR_SECONDS = 365 * 24 * 3600;

function page(file: string, logger: Logger): RequestHandler {
  const full = path.join(SITE_DIST, file);
  return (_req, res) => {
    if (!existsSync(full)) {
      logger.error({ file: full }, 'site not built: run `npm run build`');
      res
        .status(503)
        .type('html')
        .send(
          '<!doctype html><html lang="fr"><meta charset="utf-8"><title>OC Pizza</title>' +
            '<p>Le site est en cours de mise à jour. Réessayez dans quelques instants.</p></html>',
        );
      return;
    }
    res.set('Cache-Control', 'no-cache');
    res.sendFile(full);
  };
}

export function siteRouter(logger: Logger): Router {
  const router = Router();
  router.get('/', page('index.html', logger));
  router.get('/personnel', page('personnel.html', logger));
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
