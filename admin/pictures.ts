// The picture of a product, in the back office: a plain French page (shown inside AdminJS in a frame by the
// product's « Photo » action, see admin/components/frame-page.jsx) with the current picture and a multipart form.
// The upload goes to the catalog service, which checks the image, resizes it to WebP and sets it. A browser gets
// the page again (with the message); a client asking for JSON gets the API's error shape.
import { Router, type ErrorRequestHandler, type Request, type Response } from 'express';
import multer from 'multer';
import {
  imageOf,
  MAX_PICTURE_BYTES,
  PictureTooLargeError,
  type ProductImage,
} from '../src/modules/catalog/index.js';
import { AppError, NotFoundError, ValidationError } from '../src/shared/errors.js';
import { escapeHtml } from '../src/shared/html.js';
import type { AdminContext } from './deps.js';
import { requireRight } from './pages.js';

/** Under the secret path: `<admin>/produits/<id>/photo`. */
export const PICTURE_PATH = '/produits/:productId/photo';
export const PICTURE_PATH_PATTERN = /^\/produits\/(\d{1,9})\/photo$/;

const upload = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: MAX_PICTURE_BYTES, files: 1, fields: 5, fieldSize: 1024 },
}).single('picture');

const wantsJson = (req: Request) => !req.accepts('html') || req.accepts(['json', 'html']) === 'json';

function page(name: string, image: ProductImage | null, message?: { kind: 'ok' | 'error'; text: string }) {
  const picture = image
    ? `<img src="${escapeHtml(image.src)}" srcset="${escapeHtml(image.srcset)}" sizes="160px" width="160" height="160" alt="Photo actuelle de ${escapeHtml(name)}">`
    : '<p class="muted">Pas encore de photo : le site n’en montre aucune.</p>';
  const note = message
    ? `<p class="${message.kind}" role="${message.kind === 'error' ? 'alert' : 'status'}">${escapeHtml(message.text)}</p>`
    : '';
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Photo — ${escapeHtml(name)}</title>
<style>body{font-family:system-ui,sans-serif;margin:1rem;color:#1f1f1f}h1{font-size:1.3rem}
img{border-radius:8px;border:1px solid #ddd}.muted{color:#555}.error{color:#b3261e;font-weight:600}
.ok{color:#1b5e20;font-weight:600}button{margin-top:.75rem;padding:.5rem 1rem}</style></head>
<body><h1>Photo de « ${escapeHtml(name)} »</h1>${note}${picture}
<form method="post" enctype="multipart/form-data">
<p><label for="picture">Nouvelle photo (JPEG, PNG, WebP, AVIF ou GIF, 5 Mo au plus)</label><br>
<input id="picture" name="picture" type="file" accept="image/*" required></p>
<p class="muted">Elle est recadrée en carré et convertie en WebP (160, 320 et 640 px de large).</p>
<button type="submit">Enregistrer la photo</button></form></body></html>`;
}

export function pictureRoutes(ctx: AdminContext, loginPath: string): Router {
  const router = Router();
  const product = async (req: Request) => {
    // From the path itself: the error handler below runs outside the route, without its params.
    const id = Number(PICTURE_PATH_PATTERN.exec(req.path)?.[1] ?? 0);
    const row = id > 0 ? await ctx.services.catalog.productPicture(id) : undefined;
    if (!row) throw new NotFoundError('Ce produit n’existe pas.', 'product_not_found');
    return { id, ...row };
  };
  const guard = requireRight('catalog.pictures', loginPath);
  router.get(PICTURE_PATH, guard, async (req, res) => {
    const p = await product(req);
    res.type('html').send(page(p.name, imageOf(p.imageKey)));
  });
  router.post(PICTURE_PATH, guard, upload, async (req, res) => {
    const p = await product(req);
    if (!req.file) {
      throw new ValidationError('Choisissez une image à envoyer.', { field: 'picture' }, 'picture_missing');
    }
    const saved = await ctx.services.catalog.setPicture(p.id, req.file.buffer);
    if (wantsJson(req)) return void res.json(saved);
    res.type('html').send(page(p.name, saved.image, { kind: 'ok', text: 'Photo enregistrée.' }));
  });
  // multer's own errors become ours (French), and a browser sees the refusal on the page it posted from.
  const refused: ErrorRequestHandler = async (error: unknown, req: Request, res: Response, next) => {
    if (!PICTURE_PATH_PATTERN.test(req.path)) return next(error);
    let appError = error;
    if (error instanceof multer.MulterError) {
      appError =
        error.code === 'LIMIT_FILE_SIZE'
          ? new PictureTooLargeError()
          : new ValidationError('Le formulaire de la photo est invalide.', { field: 'picture' });
    }
    if (!(appError instanceof AppError) || appError.status === 404 || wantsJson(req)) return next(appError);
    try {
      const p = await product(req);
      res
        .status(appError.status)
        .type('html')
        .send(page(p.name, imageOf(p.imageKey), { kind: 'error', text: appError.message }));
    } catch (again) {
      next(again);
    }
  };
  router.use(refused);
  return router;
}
