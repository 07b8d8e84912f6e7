import { expect } from 'chai';
import {
  DatabaseError,
  QueryTypes,
  ValidationError,
  type Model,
  type ModelStatic,
  type Sequelize,
} from 'sequelize';
import { initModels, models, type Models } from '../../../src/db/models/index.js';
import { testDb } from '../../helpers/db.js';

interface ColumnRow {
  table_name: string;
  column_name: string;
  is_nullable: 'YES' | 'NO';
  data_type: string;
  udt_name: string;
  character_maximum_length: number | null;
}

// Sequelize type keys -> PostgreSQL udt names, for the types the migrations use.
const UDT_BY_KEY: Record<string, string> = {
  INTEGER: 'int4',
  SMALLINT: 'int2',
  BIGINT: 'int8',
  STRING: 'varchar',
  CHAR: 'bpchar',
  TEXT: 'text',
  'DOUBLE PRECISION': 'float8',
  BOOLEAN: 'bool',
  DATE: 'timestamptz',
  DATEONLY: 'date',
  JSONB: 'jsonb',
  UUID: 'uuid',
};

/** "name type[(length)] null|not null", with enums spelt out, so that one deep equality shows every drift. */
function modelColumns(model: ModelStatic<Model>): string[] {
  return Object.values(model.getAttributes()).map((attribute) => {
    const type = attribute.type as unknown as {
      key: string;
      values?: string[];
      options?: { length?: number };
      type?: { key: string };
    };
    const sqlType =
      type.key === 'ENUM'
        ? `enum(${type.values!.join(',')})`
        : type.key === 'ARRAY'
          ? `_${UDT_BY_KEY[type.type!.key] ?? type.type!.key}`
          : `${UDT_BY_KEY[type.key] ?? type.key}${type.options?.length ? `(${type.options.length})` : ''}`;
    const notNull = attribute.allowNull === false || attribute.primaryKey === true;
    return `${attribute.field} ${sqlType} ${notNull ? 'not null' : 'null'}`;
  });
}

async function tableColumns(db: Sequelize, table: string): Promise<string[]> {
  const rows = await db.query<ColumnRow>(
    `SELECT table_name, column_name, is_nullable, data_type, udt_name, character_maximum_length
       FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`,
    { bind: [table], type: QueryTypes.SELECT },
  );
  const columns: string[] = [];
  for (const row of rows) {
    let sqlType = `${row.udt_name}${row.character_maximum_length ? `(${row.character_maximum_length})` : ''}`;
    if (row.data_type === 'USER-DEFINED') {
      const labels = await db.query<{ enumlabel: string }>(
        `SELECT e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid
          WHERE t.typname = $1 ORDER BY e.enumsortorder`,
        { bind: [row.udt_name], type: QueryTypes.SELECT },
      );
      sqlType = `enum(${labels.map((l) => l.enumlabel).join(',')})`;
    }
    columns.push(`${row.column_name} ${sqlType} ${row.is_nullable === 'NO' ? 'not null' : 'null'}`);
  }
  return columns;
}

/** The error a promise rejects with; fails the test if it resolves. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

function checkViolation(error: unknown): string | undefined {
  expect(error).to.be.instanceOf(DatabaseError);
  const pgError = (error as DatabaseError).parent as Error & { code?: string; constraint?: string };
  expect(pgError.code, 'check_violation').to.equal('23514');
  return pgError.constraint;
}

describe('Sequelize models', () => {
  let db: Sequelize;
  let m: Models;
  before(async () => {
    db = await testDb();
    m = initModels(db);
  });

  // Tables of the infrastructure, not of the domain: no model, never shown in the back office.
  const INFRASTRUCTURE_TABLES = [
    'SequelizeMeta',
    'rate_limits',
    'geocode_cache',
    'served_area_places',
    'admin_sessions',
    // Hashes of single-use reset links: read and written by the auth module only, never shown.
    'password_reset_tokens',
    // The sales journal: appended and read by the journal module only (SQL, composite keys, never changed),
    // shown in the back office by its own page (« Journal des ventes »), not as AdminJS resources.
    'sales_journal',
    'journal_heads',
    'journal_closures',
    'journal_keys',
    // The retention job's record of its daily runs (counts only): written and read by the job, logged.
    'retention_runs',
  ];

  it('when the migrations have run, then every domain table of the public schema has a model', async () => {
    const rows = await db.query<{ tablename: string }>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND NOT (tablename = ANY($1))`,
      { type: QueryTypes.SELECT, bind: [INFRASTRUCTURE_TABLES] },
    );
    const modelled = Object.values(m).map((model) => model.getTableName() as string);
    expect(modelled.sort()).to.deep.equal(rows.map((r) => r.tablename).sort());
  });

  for (const name of Object.keys(models) as (keyof Models)[]) {
    it(`when the ${name} model is compared with its table, then they have the same columns, types and nullability`, async () => {
      const model = m[name];
      const columns = await tableColumns(db, model.getTableName() as string);
      const described = modelColumns(model);
      const fieldName = (column: string) => column.split(' ')[0];
      expect(described.map(fieldName).sort(), 'column names').to.deep.equal(columns.map(fieldName).sort());
      expect(described.sort()).to.deep.equal(columns.sort());
    });
  }

  async function shopWithMozzarella() {
    const pizzeria = await m.Pizzeria.create({
      code: 'P01',
      name: 'OC Pizza Montmartre',
      addressLine: '12 rue Lepic',
      postcode: '75018',
      city: 'Paris',
      lat: 48.8867,
      lng: 2.3333,
      phone: '01 42 00 00 01',
      deliveryRadiusM: 3000,
      openingHours: { mon: [['11:30', '14:30']] },
    });
    const mozzarella = await m.Ingredient.create({ name: 'Mozzarella', unit: 'g' });
    return { pizzeria, mozzarella };
  }

  it('when a small catalogue and its stock are created through the models, then includes read the graph back', async () => {
    const { pizzeria, mozzarella } = await shopWithMozzarella();
    const pizza = await m.Product.create({ name: 'Margherita', category: 'pizza', vatRateBp: 1000 });
    await m.ProductSize.create({ productId: pizza.id, code: 'M', label: 'Sénior 31 cm', priceCents: 1290 });
    await m.RecipeLine.create({ productId: pizza.id, ingredientId: mozzarella.id, quantity: 120 });
    await m.StockItem.create({
      pizzeriaId: pizzeria.id,
      ingredientId: mozzarella.id,
      onHand: 600,
      reserved: 120,
    });

    const product = await m.Product.findByPk(pizza.id, {
      include: [
        { association: 'sizes' },
        { association: 'recipeLines', include: [{ association: 'ingredient' }] },
      ],
      rejectOnEmpty: true,
    });
    expect(product.sizes!.map((s) => [s.code, s.priceCents, s.recipeFactorPct])).to.deep.equal([
      ['M', 1290, 100],
    ]);
    expect(product.recipeLines!.map((l) => [l.ingredient!.name, l.quantity])).to.deep.equal([
      ['Mozzarella', 120],
    ]);

    const shop = await m.Pizzeria.findByPk(pizzeria.id, {
      include: [{ association: 'stockItems', include: [{ association: 'ingredient' }] }],
      rejectOnEmpty: true,
    });
    expect(shop.openingHours).to.deep.equal({ mon: [['11:30', '14:30']] });
    const [item] = shop.stockItems!;
    expect(item).to.include({ onHand: 600, reserved: 120, alertThreshold: 0 });
    expect(item.ingredient!.unit).to.equal('g');

    const ingredient = await m.Ingredient.findByPk(mozzarella.id, {
      include: [
        { association: 'recipeLines', include: [{ association: 'product' }] },
        { association: 'stockItems' },
      ],
      rejectOnEmpty: true,
    });
    expect(ingredient.recipeLines!.map((l) => l.product!.name)).to.deep.equal(['Margherita']);
    expect(ingredient.stockItems!.map((s) => s.pizzeriaId)).to.deep.equal([pizzeria.id]);
  });

  it('when a stock item reserves more than is on hand, then the database rejects it', async () => {
    const { pizzeria, mozzarella } = await shopWithMozzarella();
    const item = { pizzeriaId: pizzeria.id, ingredientId: mozzarella.id, onHand: 100, reserved: 101 };
    // validate: false so that the row reaches PostgreSQL: the CHECK is the guarantee, the model rule a courtesy.
    const error = await rejection(m.StockItem.create(item, { validate: false }));
    expect(checkViolation(error)).to.equal('stock_items_reserved_within_on_hand');
    expect(await m.StockItem.count()).to.equal(0);
  });

  it('when a stock item has a negative reservation, then the database rejects it', async () => {
    const { pizzeria, mozzarella } = await shopWithMozzarella();
    const item = { pizzeriaId: pizzeria.id, ingredientId: mozzarella.id, onHand: 100, reserved: -1 };
    const error = await rejection(m.StockItem.create(item, { validate: false }));
    expect(checkViolation(error)).to.equal('stock_items_reserved_nonnegative');
  });

  it('when an update pushes reserved above on hand, then the database rejects it and the row is unchanged', async () => {
    const { pizzeria, mozzarella } = await shopWithMozzarella();
    const item = await m.StockItem.create({
      pizzeriaId: pizzeria.id,
      ingredientId: mozzarella.id,
      onHand: 100,
    });
    const error = await rejection(
      m.StockItem.update({ reserved: 150 }, { where: { id: item.id }, validate: false }),
    );
    expect(checkViolation(error)).to.equal('stock_items_reserved_within_on_hand');
    await item.reload();
    expect(item.reserved).to.equal(0);
  });

  it('when a stock item breaks the reservation rule through the model, then validation refuses it first', async () => {
    const { pizzeria, mozzarella } = await shopWithMozzarella();
    const error = await rejection(
      m.StockItem.create({ pizzeriaId: pizzeria.id, ingredientId: mozzarella.id, onHand: 10, reserved: 11 }),
    );
    expect(error).to.be.instanceOf(ValidationError);
    expect((error as ValidationError).message).to.match(/reserved cannot exceed on hand/);
  });
});
