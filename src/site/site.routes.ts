// Serves the built site (site/dist): the customer site at `/`, the staff screens at `/personnel`, the hashed
// assets with a year-long immutable cache. Pages themselves are never cached, so a new release is seen at once.
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router, type RequestHandler } from 'express';
import type { Logger } from 'pino';
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
