import { expect } from 'chai';
import { recipeMemoHtml } from '../../../src/modules/catalog/recipe-memo.js';
import { seedDemo } from '../../../seeders/seed.js';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { createShopWorld, staffWithToken } from '../../factories/shop.js';
import { createIngredient, createProduct } from '../../factories/catalog.js';

describe('recipe memo', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app.close());

  it('when a pizzaiolo reads the memo, then each pizza lists its ingredients per size, scaled like the stock', async () => {
    const w = await createShopWorld(app.db);
    const pizzaiolo = await staffWithToken(app.db, 'pizzaiolo', w.shopId);
    const res = await client(app.url).get('/api/staff/recipes', { token: pizzaiolo.token });
    expect(res.status).to.equal(200);
    const [margherita] = res.body.recipes;
    expect(margherita.sizes.map((s: any) => s.code)).to.deep.equal(['M', 'L']);
    expect(margherita.ingredients).to.deep.include({ name: 'Mozzarella', unit: 'g', quantities: [120, 180] });
    const driver = await staffWithToken(app.db, 'driver', w.shopId);
    expect((await client(app.url).get('/api/staff/recipes', { token: driver.token })).status).to.equal(403);
  });

  it('when the demo menu is printed, then every pizza has a card with its steps, in French, escaped', async () => {
    await seedDemo(app.database);
    const memos = await app.services.catalog.recipeMemos();
    expect(memos.length).to.be.at.least(16);
    expect(memos.every((m) => m.steps.length >= 3 && m.sizes.length === 3)).to.equal(true);
    const html = recipeMemoHtml([...memos, { ...memos[0], name: '<script>x</script>' }]);
    expect(html).to.include('lang="fr"').and.include('Mémo recettes').and.include('@media print');
    expect(html.match(/<article>/g)).to.have.length(memos.length + 1);
    expect(html).not.to.include('<script>x</script>');
  });

  it('when a recipe has allergens and beef, then the memo lists them in French, and says when one is still to confirm', async () => {
    const w = await createShopWorld(app.db);
    const pizzaiolo = await staffWithToken(app.db, 'pizzaiolo', w.shopId);
    const db = app.db;
    const dough = await createIngredient(db, 'Pâte fine', 'g', { allergens: ['gluten'], reviewed: true });
    const cheese = await createIngredient(db, 'Parmesan', 'g', { allergens: ['milk'], reviewed: true });
    const beef = await createIngredient(db, 'Bœuf haché', 'g', { reviewed: true, beefOrigin: 'France' });
    const sauce = await createIngredient(db, 'Sauce du chef', 'ml');
    await createProduct(db, { name: 'Bolognaise', recipe: { [cheese]: 20, [dough]: 250, [beef]: 90 } });
    await createProduct(db, { name: 'Du chef', recipe: { [dough]: 250, [sauce]: 60 } });

    const res = await client(app.url).get('/api/staff/recipes', { token: pizzaiolo.token });
    const memo = (name: string) => res.body.recipes.find((r: { name: string }) => r.name === name);
    expect(memo('Bolognaise')).to.deep.include({
      allergens: [
        { code: 'gluten', label: 'Gluten' },
        { code: 'milk', label: 'Lait' },
      ],
      allergensIncomplete: false,
      beefOrigins: ['France'],
    });
    expect(memo('Du chef')).to.deep.include({ allergensIncomplete: true, beefOrigins: [] });

    const html = recipeMemoHtml(res.body.recipes);
    const card = (name: string) => html.split('<article>').find((a) => a.includes(`<h2>${name}</h2>`))!;
    expect(card('Bolognaise'))
      .to.include('<strong>Allergènes :</strong> Gluten, Lait')
      .and.include('Viande bovine : France');
    expect(card('Du chef')).to.include('à confirmer');
  });
});
