// Product pictures: uploaded in the back office by managers and admins (checked, resized to WebP 160/320/640,
// content-hashed under MEDIA_DIR), given by the menu API as src/srcset, served at /media/ with a year-long
// immutable cache.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import sharp from 'sharp';
import { createIngredient, createPizzeria, createProduct, stock } from '../../factories/catalog.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { loggedIn, type AdminClient } from '../admin/support.js';

describe('product pictures: back-office upload, menu API and /media', function () {
  this.timeout(60_000);
  let app: TestApp;
  let mediaDir: string;
  before(async () => {
    mediaDir = await mkdtemp(path.join(os.tmpdir(), 'ocpizza-media-'));
    app = await startTestApp({ MEDIA_DIR: mediaDir });
  });
  after(async () => {
    await app.close();
    await rm(mediaDir, { recursive: true, force: true });
  });

  async function shopWithPizza() {
    const shop = await createPizzeria(app.db, {});
    const dough = await createIngredient(app.db);
    await stock(app.db, shop, dough, 10_000);
    const pizza = await createProduct(app.db, { recipe: { [dough]: 250 } });
    return { shop, productId: pizza.id };
  }

  const photo = (width: number, height: number) =>
    sharp({ create: { width, height, channels: 3, background: '#c8372d' } })
      .jpeg()
      .toBuffer();

  async function upload(client: AdminClient, productId: number, bytes: Buffer, type: string, name: string) {
    const form = new FormData();
    form.append('picture', new Blob([bytes], { type }), name);
    const res = await fetch(`${client.base}/produits/${productId}/photo`, {
      method: 'POST',
      headers: { Cookie: client.cookie!, Accept: 'application/json' },
      body: form,
      redirect: 'manual',
    });
    const text = await res.text();
    const json = (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : null;
    return { status: res.status, body: json, text, headers: res.headers };
  }

  const menuProduct = async (shop: number, productId: number) => {
    const menu: any = await (await fetch(`${app.url}/api/pizzerias/${shop}/menu`)).json();
    return menu.products.find((p: { id: number }) => p.id === productId);
  };

  it('when a product has no picture, then the menu gives image null', async () => {
    const { shop, productId } = await shopWithPizza();
    expect((await menuProduct(shop, productId)).image).to.equal(null);
  });

  it('when a manager uploads a JPEG, then the menu gives src/srcset of square WebP files cached for a year', async () => {
    const { shop, productId } = await shopWithPizza();
    const manager = await loggedIn(app, app.db, 'manager', shop);
    const res = await upload(manager, productId, await photo(1200, 800), 'image/jpeg', 'reine.jpg');
    expect(res.status, res.text).to.equal(200);

    const { image } = await menuProduct(shop, productId);
    expect(image).to.deep.equal(res.body.image);
    expect(image).to.include({ width: 320, height: 320 });
    expect(image.src).to.match(/^\/media\/products\/[0-9a-f]{24}-320\.webp$/);
    const candidates = image.srcset.split(', ').map((c: string) => c.split(' '));
    expect(candidates.map(([, w]: string[]) => w)).to.deep.equal(['160w', '320w', '640w']);
    for (const [url, w] of candidates) {
      const file = await fetch(app.url + url);
      expect(file.status, url).to.equal(200);
      expect(file.headers.get('content-type')).to.equal('image/webp');
      expect(file.headers.get('cache-control')).to.equal('public, max-age=31536000, immutable');
      const meta = await sharp(Buffer.from(await file.arrayBuffer())).metadata();
      expect(meta).to.include({ format: 'webp', width: parseInt(w, 10), height: parseInt(w, 10) });
    }
    expect(await readdir(path.join(mediaDir, 'products'))).to.include(image.src.split('/').pop());
  });

  it('when the admin opens the picture page, then it shows the French form', async () => {
    const { shop, productId } = await shopWithPizza();
    const admin = await loggedIn(app, app.db, 'admin', null);
    const res = await admin.get(`/produits/${productId}/photo`);
    expect(res.status).to.equal(200);
    expect(res.body).to.include('enctype="multipart/form-data"').and.include('Enregistrer la photo');
    void shop;
  });

  it('when the file is not an image, then 422 picture_not_image in French and the product keeps no picture', async () => {
    const { shop, productId } = await shopWithPizza();
    const manager = await loggedIn(app, app.db, 'manager', shop);
    const res = await upload(manager, productId, Buffer.from('%PDF-1.4 pas une image'), 'image/png', 'x.png');
    expect(res.status).to.equal(422);
    expect(res.body.error.code).to.equal('picture_not_image');
    expect(res.body.error.message).to.match(/n’est pas une image/);
    expect((await menuProduct(shop, productId)).image).to.equal(null);
  });

  it('when the image is larger than 5 MB, then 413 picture_too_large in French and nothing is stored', async () => {
    const { shop, productId } = await shopWithPizza();
    const admin = await loggedIn(app, app.db, 'admin', null);
    const big = Buffer.concat([await photo(64, 64), Buffer.alloc(5 * 1024 * 1024)]);
    const res = await upload(admin, productId, big, 'image/jpeg', 'big.jpg');
    expect(res.status).to.equal(413);
    expect(res.body.error).to.deep.include({ code: 'picture_too_large' });
    expect(res.body.error.message).to.match(/5 Mo/);
    expect((await menuProduct(shop, productId)).image).to.equal(null);
  });

  it('when a browser posts a non-image, then the page is shown again with the French refusal', async () => {
    const { shop, productId } = await shopWithPizza();
    const manager = await loggedIn(app, app.db, 'manager', shop);
    const form = new FormData();
    form.append('picture', new Blob(['bonjour'], { type: 'text/plain' }), 'notes.txt');
    const res = await fetch(`${manager.base}/produits/${productId}/photo`, {
      method: 'POST',
      headers: { Cookie: manager.cookie!, Accept: 'text/html' },
      body: form,
    });
    expect(res.status).to.equal(422);
    expect(await res.text())
      .to.include('role="alert"')
      .and.include('n’est pas une image');
  });

  it('when a pizzaiolo uploads, then 403 and the product keeps no picture; without a session, the login page', async () => {
    const { shop, productId } = await shopWithPizza();
    const pizzaiolo = await loggedIn(app, app.db, 'pizzaiolo', shop);
    const res = await upload(pizzaiolo, productId, await photo(400, 400), 'image/jpeg', 'p.jpg');
    expect(res.status).to.equal(403);
    expect(res.body.error.code).to.equal('forbidden');
    const page = await pizzaiolo.get(`/produits/${productId}/photo`);
    expect(page.status).to.equal(403);
    const anonymous = await fetch(`${app.url}${app.settings.adminPath}/produits/${productId}/photo`, {
      method: 'POST',
      redirect: 'manual',
    });
    expect(anonymous.status).to.equal(302);
    expect((await menuProduct(shop, productId)).image).to.equal(null);
  });

  it('when a media path is not a stored picture, then 404 in French (no folder listing, no way out)', async () => {
    for (const url of ['/media/', '/media/products/', '/media/../package.json', '/media/products/zz.webp']) {
      const res = await fetch(app.url + url);
      expect(res.status, url).to.equal(404);
    }
    const res = await fetch(`${app.url}/media/products/${'a'.repeat(24)}-320.webp`);
    expect(res.status).to.equal(404);
    expect(((await res.json()) as any).error).to.include({
      code: 'media_not_found',
      message: 'Image introuvable.',
    });
  });
});
