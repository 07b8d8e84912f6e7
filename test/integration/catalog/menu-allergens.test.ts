// Allergens on the menu (regulation (EU) 1169/2011, annex II): computed from the recipes and the extras'
// ingredients in the menu's one statement, labelled in French, in the regulation's order.
import { expect } from 'chai';
import { createExtra, createIngredient, createPizzeria, createProduct } from '../../factories/catalog.js';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';

interface MenuSize {
  code: string;
  allergens: { code: string; label: string }[];
}
interface MenuProduct {
  name: string;
  beefOrigins: string[];
  allergensIncomplete: boolean;
  sizes: MenuSize[];
}

describe('GET /api/pizzerias/:id/menu: allergens and beef origin', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(async () => {
    await app.close();
  });

  const reviewed = (...allergens: string[]) => ({ allergens, reviewed: true });
  const menuOf = async (shop: number) => {
    const res = await client(app.url).get(`/api/pizzerias/${shop}/menu`);
    expect(res.status).to.equal(200);
    return res.body;
  };
  const product = (menu: { products: MenuProduct[] }, name: string) =>
    menu.products.find((p) => p.name === name)!;

  it('when a recipe mixes ingredients, then every size lists the union of their allergens once, in the regulation’s order, in French', async () => {
    const db = app.db;
    const shop = await createPizzeria(db);
    // Listed out of order on purpose, and milk twice: the API gives annex II's order, each code once.
    const dough = await createIngredient(db, 'Pâte', 'g', reviewed('gluten'));
    const mozza = await createIngredient(db, 'Mozzarella', 'g', reviewed('milk'));
    const sauce = await createIngredient(db, 'Sauce', 'ml', reviewed('sulphites', 'milk', 'celery'));
    const anchovy = await createIngredient(db, 'Anchois', 'g', reviewed('fish'));
    const basil = await createIngredient(db, 'Basilic', 'g', reviewed());
    await createProduct(db, {
      name: 'Napolitaine',
      recipe: { [sauce]: 80, [mozza]: 100, [anchovy]: 20, [dough]: 250 },
    });
    await createProduct(db, { name: 'Basilic seul', recipe: { [basil]: 3 } });

    const menu = await menuOf(shop);
    const napolitaine = product(menu, 'Napolitaine');
    expect(napolitaine.sizes).to.have.length(2);
    for (const size of napolitaine.sizes) {
      expect(size.allergens).to.deep.equal([
        { code: 'gluten', label: 'Gluten' },
        { code: 'fish', label: 'Poissons' },
        { code: 'milk', label: 'Lait' },
        { code: 'celery', label: 'Céleri' },
        { code: 'sulphites', label: 'Sulfites' },
      ]);
    }
    expect(napolitaine).to.include({ allergensIncomplete: false });
    expect(napolitaine.beefOrigins).to.deep.equal([]);
    const basilOnly = product(menu, 'Basilic seul');
    expect(basilOnly.sizes.map((s) => s.allergens)).to.deep.equal([[], []]);
    expect(basilOnly.allergensIncomplete, 'reviewed with no allergen is complete').to.equal(false);
  });

  it('when an extra is on the menu, then it carries its ingredient’s allergens', async () => {
    const db = app.db;
    const shop = await createPizzeria(db);
    const egg = await createIngredient(db, 'Œuf', 'piece', reviewed('eggs'));
    const cheese = await createIngredient(db, 'Chèvre', 'g', reviewed('milk'));
    const olives = await createIngredient(db, 'Olives', 'g');
    await createExtra(db, egg, 1, 100);
    await createExtra(db, cheese, 40, 180);
    await createExtra(db, olives, 15, 80);

    const { extras } = await menuOf(shop);
    const byPrice = (cents: number) => extras.find((e: { priceCents: number }) => e.priceCents === cents);
    expect(byPrice(100)).to.deep.include({
      allergens: [{ code: 'eggs', label: 'Œufs' }],
      allergensIncomplete: false,
    });
    expect(byPrice(180)).to.deep.include({
      allergens: [{ code: 'milk', label: 'Lait' }],
      allergensIncomplete: false,
    });
    expect(byPrice(80)).to.deep.include({ allergens: [], allergensIncomplete: true });
  });

  it('when a recipe contains beef, then the product gives the distinct origins of its beef ingredients', async () => {
    const db = app.db;
    const shop = await createPizzeria(db);
    const dough = await createIngredient(db, 'Pâte', 'g', reviewed('gluten'));
    const minced = await createIngredient(db, 'Viande hachée de bœuf', 'g', {
      ...reviewed(),
      beefOrigin: 'France',
    });
    const merguez = await createIngredient(db, 'Merguez', 'g', {
      ...reviewed('sulphites'),
      beefOrigin: 'Irlande',
    });
    const meatballs = await createIngredient(db, 'Boulettes', 'g', {
      ...reviewed('eggs'),
      beefOrigin: 'France',
    });
    await createProduct(db, {
      name: 'Bolognaise',
      recipe: { [dough]: 250, [minced]: 90, [merguez]: 40, [meatballs]: 30 },
    });
    await createProduct(db, { name: 'Sans viande', recipe: { [dough]: 250 } });

    const menu = await menuOf(shop);
    expect(product(menu, 'Bolognaise').beefOrigins).to.deep.equal(['France', 'Irlande']);
    expect(product(menu, 'Sans viande').beefOrigins).to.deep.equal([]);
  });

  it('when one ingredient of a recipe is not reviewed yet, then the product says its allergens are incomplete', async () => {
    const db = app.db;
    const shop = await createPizzeria(db);
    const dough = await createIngredient(db, 'Pâte', 'g', reviewed('gluten'));
    const unknown = await createIngredient(db, 'Sauce maison', 'ml'); // « à renseigner »
    const spicy = await createIngredient(db, 'Piment', 'g', { allergens: ['mustard'], reviewed: false });
    await createProduct(db, { name: 'Maison', recipe: { [dough]: 250, [unknown]: 60 } });
    await createProduct(db, { name: 'Piquante', recipe: { [dough]: 250, [spicy]: 5 } });
    await createProduct(db, { name: 'Pâte seule', recipe: { [dough]: 250 } });

    const menu = await menuOf(shop);
    expect(product(menu, 'Maison').allergensIncomplete).to.equal(true);
    expect(product(menu, 'Maison').sizes[0].allergens).to.deep.equal([{ code: 'gluten', label: 'Gluten' }]);
    // What is already entered is given, even before the review.
    expect(product(menu, 'Piquante')).to.include({ allergensIncomplete: true });
    expect(product(menu, 'Piquante').sizes[0].allergens.map((a) => a.code)).to.deep.equal([
      'gluten',
      'mustard',
    ]);
    expect(product(menu, 'Pâte seule').allergensIncomplete).to.equal(false);
  });

  it('when an ingredient is given a code outside annex II, then the database refuses it', async () => {
    const error = await createIngredient(app.db, 'Inconnu', 'g', { allergens: ['gluten', 'kiwi'] }).then(
      () => null,
      (e: { original?: { constraint?: string } }) => e.original?.constraint,
    );
    expect(error).to.equal('ingredients_allergens_known');
  });
});
