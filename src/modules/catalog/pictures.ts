// Product pictures: an uploaded image (or a demo illustration) is checked, cropped square and written as WebP
// in a few widths under MEDIA_DIR, named by a hash of its content, so that a URL never changes meaning and can be
// cached for a year (`/media/products/<hash>-<width>.webp`). The product row keeps only the key
// (`products/<hash>`); the menu API turns it into `src`/`srcset`. Old variants stay on disk: a menu cached by a
// browser may still name them.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from '../../db/executor.js';
import { AppError, NotFoundError, ValidationError } from '../../shared/errors.js';

/** Widths written for every picture (px); the pictures are square. */
export const PICTURE_WIDTHS = [160, 320, 640] as const;
/** The width `src` names (and `width`/`height` describe): what a phone card shows at 2×. */
export const DEFAULT_PICTURE_WIDTH = 320;
export const MAX_PICTURE_BYTES = 5 * 1024 * 1024;
/** What browsers and sharp both read; anything else (PDF, SVG with scripts, text) is refused. */
const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp', 'avif', 'gif', 'heif', 'tiff']);
export const MEDIA_URL_PREFIX = '/media';

export interface ProductImage {
  src: string;
  srcset: string;
  width: number;
  height: number;
}

/** A stored picture's key (POSIX regular expression: the menu statement applies it too). */
export const PICTURE_KEY_PATTERN = '^products/[0-9a-f]{16,64}$';
const KEY = new RegExp(PICTURE_KEY_PATTERN);

/** The menu's description of a stored picture, or null when the product has none. */
export function imageOf(key: string | null | undefined): ProductImage | null {
  if (!key || !KEY.test(key)) return null;
  const url = (width: number) => `${MEDIA_URL_PREFIX}/${key}-${width}.webp`;
  return {
    src: url(DEFAULT_PICTURE_WIDTH),
    srcset: PICTURE_WIDTHS.map((w) => `${url(w)} ${w}w`).join(', '),
    width: DEFAULT_PICTURE_WIDTH,
    height: DEFAULT_PICTURE_WIDTH,
  };
}

export class PictureTooLargeError extends AppError {
  constructor() {
    super(413, 'picture_too_large', 'L’image dépasse 5 Mo : envoyez une image plus légère.');
  }
}

const notAnImage = () =>
  new ValidationError(
    'Le fichier envoyé n’est pas une image (JPEG, PNG, WebP, AVIF ou GIF attendu).',
    { field: 'picture' },
    'picture_not_image',
  );

/**
 * Writes the WebP variants of `input` under `mediaDir` and returns their key. Throws picture_not_image for
 * anything sharp cannot read as one of the accepted formats, picture_too_large above 5 MB.
 */
export async function storePicture(mediaDir: string, input: Buffer): Promise<string> {
  if (input.length > MAX_PICTURE_BYTES) throw new PictureTooLargeError();
  // Loaded on the first upload only: API processes, which never resize, do not pay for the native module.
  const { default: sharp } = await import('sharp');
  let format: string | undefined;
  try {
    format = (await sharp(input).metadata()).format;
  } catch {
    throw notAnImage();
  }
  if (!format || !ACCEPTED_FORMATS.has(format)) throw notAnImage();
  const hash = createHash('sha256').update(input).digest('hex').slice(0, 24);
  const key = `products/${hash}`;
  const folder = path.join(mediaDir, 'products');
  const fileOf = (width: number) => path.join(folder, `${hash}-${width}.webp`);
  // Named by content: variants already there are this very picture (a re-upload, a demo seeded again).
  if (PICTURE_WIDTHS.every((width) => existsSync(fileOf(width)))) return key;
  await mkdir(folder, { recursive: true });
  try {
    for (const width of PICTURE_WIDTHS) {
      const webp = await sharp(input, { animated: false })
        .rotate()
        .resize(width, width, { fit: 'cover', position: 'attention' })
        .webp({ quality: 78, effort: 2 })
        .toBuffer();
      const file = fileOf(width);
      // Written beside, then renamed: a reader never gets half a file.
      const partial = `${file}.${process.pid}.part`;
      await writeFile(partial, webp);
      await rename(partial, file);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw notAnImage();
  }
  return key;
}

/** A product's name and picture key (the back office's picture page), or undefined. */
export const findProductPicture = (db: Database, productId: number) =>
  db.read((ex) =>
    ex.one<{ name: string; imageKey: string | null }>(
      'SELECT name, image_key AS "imageKey" FROM products WHERE id = $1',
      [productId],
    ),
  );

/** Stores the picture, then points the product at it. */
export async function setProductPicture(
  db: Database,
  mediaDir: string,
  productId: number,
  input: Buffer,
): Promise<{ productId: number; image: ProductImage }> {
  if (!(await findProductPicture(db, productId)))
    throw new NotFoundError('Ce produit n’existe pas.', 'product_not_found');
  const key = await storePicture(mediaDir, input);
  const updated = await db.transaction((tx) =>
    tx.exec('UPDATE products SET image_key = $1, updated_at = now() WHERE id = $2', [key, productId]),
  );
  if (updated === 0) throw new NotFoundError('Ce produit n’existe pas.', 'product_not_found');
  return { productId, image: imageOf(key)! };
}
