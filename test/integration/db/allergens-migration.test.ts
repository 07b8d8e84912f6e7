// The allergens migration over a database that already has ingredients described in free text: the text is
// mapped to annex II codes, only fully understood rows are marked reviewed, and down() gives text back.
import { createRequire } from 'node:module';
import { expect } from 'chai';
import { QueryTypes, type Sequelize } from 'sequelize';
import { createSequelize } from '../../../src/db/sequelize.js';
import { createMigrator } from '../../../src/db/migrator.js';
import { ALLERGEN_CODES } from '../../../src/shared/allergens.js';
import { dropDatabase, recreateDatabase, siblingDatabaseUrl, TEST_DATABASE_URL } from '../../helpers/db.js';

const BEFORE = '20261129000013-capture-claim.cjs';
const ALLERGENS = '20261204000014-ingredient-allergens.cjs';
const NAME = `${new URL(TEST_DATABASE_URL).pathname.slice(1)}_allergens_migration`;
const migration = createRequire(import.meta.url)(`../../../migrations/${ALLERGENS}`) as { CODES: string[] };

describe('migration: ingredient allergens from free text to annex II codes', function () {
  this.timeout(60_000);
  let db: Sequelize;

  before(async () => {
    await recreateDatabase(NAME);
    db = createSequelize({
      url: siblingDatabaseUrl(NAME),
      poolMax: 2,
      applicationName: 'ocpizza-tests-allergens',
    });
  });
  after(async () => {
    await db?.close();
    await dropDatabase(NAME);
  });

  const rows = <T extends object>(sql: string) => db.query<T>(sql, { type: QueryTypes.SELECT });

  it('when the migration is written, then its list of codes is the shared one, in the same order', () => {
    expect(migration.CODES).to.deep.equal([...ALLERGEN_CODES]);
  });

  it('when migrated over free text, then known words become codes, only understood rows are reviewed, and down gives text back', async () => {
    const migrator = await createMigrator(db);
    await migrator.up({ to: BEFORE });
    const texts: [string, string | null][] = [
      ['Pâte', 'Gluten'],
      ['Tiramisu', 'gluten, LAIT et Œufs'],
      ['Pesto', 'fromage; noix de cajou'],
      ['Crevettes', 'crustacés / mollusques'],
      ['Sauce tomate', null],
      ['Eau', 'aucun'],
      ['Biscuit', 'blé, traces de noisettes'],
      ['Laitue', 'laitue'],
    ];
    for (const [name, text] of texts) {
      await db.query(`INSERT INTO ingredients (name, unit, allergens) VALUES ($1, 'g', $2)`, {
        bind: [name, text],
      });
    }

    await migrator.up();
    const after = await rows<{ name: string; allergens: string[]; reviewed: boolean; beef: string | null }>(
      `SELECT name, allergens, allergens_reviewed AS reviewed, beef_origin AS beef FROM ingredients ORDER BY id`,
    );
    expect(after.map((r) => [r.name, r.allergens, r.reviewed])).to.deep.equal([
      ['Pâte', ['gluten'], true],
      ['Tiramisu', ['gluten', 'eggs', 'milk'], true],
      ['Pesto', ['milk', 'nuts'], true],
      ['Crevettes', ['crustaceans', 'molluscs'], true],
      // Nothing entered: nobody has said, « à renseigner ».
      ['Sauce tomate', [], false],
      ['Eau', [], true],
      // A hedge (« traces de ») keeps the codes on the safe side but leaves the decision to a person.
      ['Biscuit', ['gluten', 'nuts'], false],
      // Words it does not know: nothing guessed, left to review.
      ['Laitue', [], false],
    ]);
    expect(after.every((r) => r.beef === null)).to.equal(true);

    await migrator.down({ to: ALLERGENS });
    const back = await rows<{ name: string; allergens: string | null }>(
      `SELECT name, allergens FROM ingredients ORDER BY id`,
    );
    expect(back.map((r) => r.allergens)).to.deep.equal([
      'gluten',
      'gluten, œufs, lait',
      'lait, fruits à coque',
      'crustacés, mollusques',
      null,
      null,
      'gluten, fruits à coque',
      null,
    ]);
    // The text down() writes is read back to the same codes.
    await migrator.up();
    const again = await rows<{ allergens: string[] }>(`SELECT allergens FROM ingredients ORDER BY id`);
    expect(again.map((r) => r.allergens)).to.deep.equal(after.map((r) => r.allergens));
  });
});
