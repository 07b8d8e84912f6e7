// Allergens in the back office: the 14 of annex II offered as choices with their French wording, the
// « Allergènes vérifiés » checkbox, the origin of beef, the « À renseigner » marker in the list, and French
// refusals (never a 500) for a code outside the list or a blank origin.
import { expect } from 'chai';
import { createIngredient } from '../../factories/catalog.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { ALLERGEN_CODES, ALLERGEN_DESCRIPTIONS } from '../../../src/shared/allergens.js';
import { ValidationError } from 'adminjs';
import { toAdminError } from '../../../admin/scoped-resource.js';
import { parseCsv } from '../accounting/support.js';
import { loggedIn } from './support.js';
import { rowOf } from './world.js';

describe('back office: ingredient allergens', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(async () => {
    await app.close();
  });

  const admin = () => loggedIn(app, app.db, 'admin', null);

  it('when the back office is opened, then the 14 allergens are offered with the regulation’s French wording, and the fields are named in French', async () => {
    const page = await (await admin()).get('');
    const state = JSON.parse(/window\.REDUX_STATE = (.*);\n/.exec(page.body)![1]);
    const resource = state.resources.find((r: { id: string }) => r.id === 'ingredients');
    const allergens = resource.editProperties.find((p: { name: string }) => p.name === 'allergens');
    expect(allergens.isArray).to.equal(true);
    expect(allergens.availableValues).to.deep.equal(
      ALLERGEN_CODES.map((code) => ({ value: code, label: ALLERGEN_DESCRIPTIONS[code] })),
    );
    expect(resource.editProperties.map((p: { name: string }) => p.name)).to.include.members([
      'allergensReviewed',
      'beefOrigin',
    ]);
    expect(resource.listProperties.map((p: { name: string }) => p.name)).to.include.members([
      'allergenSummary',
      'allergensReviewed',
    ]);
    expect(resource.filterProperties.map((p: { name: string }) => p.name)).to.include('allergensReviewed');
    const fr = state.locale.translations.fr.resources.ingredients;
    expect(fr.properties).to.include({
      allergensReviewed: 'Allergènes vérifiés',
      beefOrigin: 'Origine de la viande bovine',
      allergenSummary: 'Allergènes',
    });
    expect(fr.labels.allergensReviewed).to.deep.equal({ true: 'Oui', false: 'À renseigner' });
  });

  it('when allergens are chosen and the ingredient reviewed, then they are saved once each, in the regulation’s order, with the origin of beef', async () => {
    const client = await admin();
    const id = await createIngredient(app.db, 'Boulettes de bœuf');
    const res = await client.edit('ingredients', id, {
      'allergens.0': 'milk',
      'allergens.1': 'gluten',
      'allergens.2': 'milk',
      'allergens.3': 'eggs',
      allergensReviewed: 'true',
      beefOrigin: '  France ',
    });
    expect(res.body.notice.type).to.equal('success');
    expect(await rowOf(app.db, 'ingredients', id)).to.deep.include({
      allergens: ['gluten', 'eggs', 'milk'],
      allergens_reviewed: true,
      beef_origin: 'France',
    });
    const shown = await client.show('ingredients', id);
    expect(shown.body.record.params.allergenSummary).to.equal('Gluten, Œufs, Lait');

    // Every choice removed, origin emptied: none, and no blank origin stored.
    const cleared = await client.edit('ingredients', id, { allergens: '', beefOrigin: '' });
    expect(cleared.body.notice.type).to.equal('success');
    expect(await rowOf(app.db, 'ingredients', id)).to.deep.include({ allergens: [], beef_origin: null });
  });

  it('when the list is opened or exported, then unreviewed ingredients say « À renseigner » and can be filtered', async () => {
    const client = await admin();
    const todo = await createIngredient(app.db, 'Sauce maison', 'ml', { allergens: ['mustard'] });
    const none = await createIngredient(app.db, 'Eau', 'ml', { reviewed: true });
    const flour = await createIngredient(app.db, 'Farine', 'g', { allergens: ['gluten'], reviewed: true });
    const list = await client.list('ingredients', 'perPage=100');
    const summary = (id: number) =>
      list.body.records.find((r: { id: string }) => Number(r.id) === id).params.allergenSummary;
    expect(summary(todo)).to.equal('À renseigner (déjà saisi : Moutarde)');
    expect(summary(none)).to.equal('Aucun');
    expect(summary(flour)).to.equal('Gluten');
    const unreviewed = await client.list('ingredients', 'filters.allergensReviewed=false&perPage=100');
    const ids = unreviewed.body.records.map((r: { id: string }) => Number(r.id));
    expect(ids).to.include(todo).and.not.include(none).and.not.include(flour);

    const csv = parseCsv(
      (await client.post('/api/resources/ingredients/actions/csvExport')).body.exportedData.slice(1),
    );
    const [header, ...rows] = csv;
    const column = header.indexOf('Allergènes');
    const row = (name: string) => rows.find((r) => r.includes(name))!;
    expect(column).to.be.above(-1);
    expect(row('Farine')[column]).to.equal('Gluten');
    expect(row('Sauce maison')[column]).to.equal('À renseigner (déjà saisi : Moutarde)');
    expect(header).to.include.members(['Allergènes vérifiés', 'Origine de la viande bovine']);
  });

  it('when a code outside annex II is sent, then the form says why in French and nothing is saved', async () => {
    const client = await admin();
    const id = await createIngredient(app.db, 'Mozzarella', 'g', { allergens: ['milk'], reviewed: true });
    const before = await rowOf(app.db, 'ingredients', id);
    const unknown = await client.edit('ingredients', id, { 'allergens.0': 'milk', 'allergens.1': 'kiwi' });
    expect(unknown.status).to.equal(200);
    expect(unknown.body.notice.type).to.equal('error');
    expect(unknown.body.record.errors.allergens.message).to.match(/^Allergène inconnu/);
    expect(await rowOf(app.db, 'ingredients', id)).to.deep.equal(before);

    const created = await client.create('ingredients', { name: 'Kiwi', unit: 'g', 'allergens.0': 'kiwi' });
    expect(created.status).to.equal(200);
    expect(created.body.notice.type).to.equal('error');
    expect(created.body.record.errors.allergens.message).to.match(/^Allergène inconnu/);
  });

  it('when the database itself refuses an allergen code or a blank origin, then the back office words it in French on the field', async () => {
    const id = await createIngredient(app.db, 'Chorizo');
    const refusal = (sql: string) =>
      app.db.query(sql, { bind: [id] }).then(
        () => expect.fail('the database accepted it'),
        (error: unknown) => toAdminError(error) as ValidationError,
      );
    const code = await refusal(`UPDATE ingredients SET allergens = '{milk,kiwi}' WHERE id = $1`);
    expect(code).to.be.instanceOf(ValidationError);
    expect(code.propertyErrors.allergens.message).to.match(/^Allergène inconnu/);
    const origin = await refusal(`UPDATE ingredients SET beef_origin = '  ' WHERE id = $1`);
    expect(origin.propertyErrors.beefOrigin.message).to.match(/^Indiquez un pays/);
  });
});
