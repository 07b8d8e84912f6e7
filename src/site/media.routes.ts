// Serves the product pictures from MEDIA_DIR at /media/ (NGINX serves the same folder in production, see
// deploy/nginx-admin.sh). Names carry a content hash, so every file is cached for a year, immutable.
import path from 'node:path';
import express, { Router, type RequestHandler } from 'express';
import { MEDIA_URL_PREFIX } from '../modules/catalog/index.js';
import { NotFoundError } from '../shared/errors.js';

const PICTURE_FILE = /^\/products\/[0-9a-f]{16,64}-\d{2,4}\.webp$/;
const YEAR_MS = 365 * 24 * 3600 * 1000;

export function mediaRouter(mediaDir: string): Router {
  const router = Router();
  const notFound: RequestHandler = (_req, _res, next) =>
    next(new NotFoundError('Image introuvable.', 'media_not_found'));
  router.use(
    MEDIA_URL_PREFIX,
    // Only the variants the catalog writes: never a half-written `*.part` file nor anything else in the folder.
    (req, res, next) => (PICTURE_FILE.test(req.path) ? next() : notFound(req, res, next)),
    express.static(path.resolve(mediaDir), {
      immutable: true,
      maxAge: YEAR_MS,
      index: false,
      dotfiles: 'ignore',
      redirect: false,
    }),
    notFound,
  );
  return router;
}
