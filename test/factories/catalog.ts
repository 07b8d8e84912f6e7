// Factories: each test builds the rows it needs with readable defaults. Plain SQL keeps them independent of
// the models and fast.
import { QueryTypes, type Sequelize } from 'sequelize';

let seq = 0;
const next = () => ++seq;

async function insert(db: Sequelize, sql: string, bind: unknown[]): Promise<number> {
  const rows = await db.query<{ id: number }>(sql + ' RETURNING id', { type: QueryTypes.SELECT, bind });
  return rows[0].id;
}

const ALWAYS_OPEN = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '00:00']]]),
);

export interface PizzeriaInput {
  code?: string;
  name?: string;
  lat?: number;
  lng?: number;
  openingHours?: object;
  active?: boolean;
  deliveryRadiusM?: number;
}

export async function createPizzeria(db: Sequelize, input: PizzeriaInput = {}): Promise<number> {
  const n = next();
  // The offline map approximation locates addresses of 75011 at the shop itself (inside its zone).
  await db.query(
    `INSERT INTO served_area_places (postcode, city, lat, lng) VALUES ('75011', 'Paris', $1, $2) ON CONFLICT DO NOTHING`,
    { bind: [input.lat ?? 48.8556, input.lng ?? 2.3749] },
  );
  return insert(
    db,
    `INSERT INTO pizzerias (code, name, address_line, postcode, city, lat, lng, phone, opening_hours,
       delivery_radius_m, min_delivery_order_cents, delivery_fee_cents, free_delivery_threshold_cents, active)
     VALUES (COALESCE($1, (SELECT c FROM generate_series(0, 99) k, LATERAL (SELECT 'P' || lpad((($9::int + k) % 100)::text, 2, '0') AS c) code
                            WHERE NOT EXISTS (SELECT 1 FROM pizzerias p WHERE p.code = code.c) ORDER BY k LIMIT 1)),
             $2, $3, '75011', 'Paris', $4, $5, '01 23 45 67 89', $6, $7, 1500, 250, 3000, $8)`,
    [
      // Unnamed: the first code free from the counter's on (a code a test names itself is never taken twice).
      input.code ?? null,
      input.name ?? `Pizzeria test ${n}`,
      `${n} rue de la Roquette`,
      input.lat ?? 48.8556,
      input.lng ?? 2.3749,
      JSON.stringify(input.openingHours ?? ALWAYS_OPEN),
      input.deliveryRadiusM ?? 3000,
      input.active ?? true,
      n,
    ],
  );
}

export interface IngredientAllergens {
  /** Annex II codes (default none). */
  allergens?: string[];
  /** Whether someone has reviewed its allergens (default: not yet, « à renseigner »). */
  reviewed?: boolean;
  beefOrigin?: string | null;
}

export async function createIngredient(
  db: Sequelize,
  name?: string,
  unit: 'g' | 'ml' | 'piece' = 'g',
  allergens?: IngredientAllergens,
) {
  const base = [name ?? `Ingrédient ${next()}`, unit];
  // Without allergens, the columns' defaults: also valid on a schema older than them (migration tests).
  if (!allergens) return insert(db, `INSERT INTO ingredients (name, unit) VALUES ($1, $2)`, base);
  return insert(
    db,
    `INSERT INTO ingredients (name, unit, allergens, allergens_reviewed, beef_origin) VALUES ($1, $2, $3, $4, $5)`,
    [...base, allergens.allergens ?? [], allergens.reviewed ?? false, allergens.beefOrigin ?? null],
  );
}

export interface ProductInput {
  name?: string;
  category?: 'pizza' | 'drink' | 'dessert' | 'side';
  vatRateBp?: number;
  active?: boolean;
  /** Recipe for the 100 % size: ingredient id → quantity in base units. */
  recipe: Record<number, number>;
  sizes?: { code: string; label: string; priceCents: number; factorPct: number; active?: boolean }[];
}

export interface CreatedProduct {
  id: number;
  sizeIds: Record<string, number>;
}

export async function createProduct(db: Sequelize, input: ProductInput): Promise<CreatedProduct> {
  const id = await insert(
    db,
    `INSERT INTO products (name, category, vat_rate_bp, active, description) VALUES ($1, $2, $3, $4, 'Une pizza de test')`,
    [
      input.name ?? `Pizza ${next()}`,
      input.category ?? 'pizza',
      input.vatRateBp ?? 1000,
      input.active ?? true,
    ],
  );
  const sizes = input.sizes ?? [
    { code: 'M', label: 'Sénior 31 cm', priceCents: 1290, factorPct: 100 },
    { code: 'L', label: 'Méga 36 cm', priceCents: 1590, factorPct: 150 },
  ];
  const sizeIds: Record<string, number> = {};
  for (const [i, s] of sizes.entries()) {
    sizeIds[s.code] = await insert(
      db,
      `INSERT INTO product_sizes (product_id, code, label, price_cents, recipe_factor_pct, sort_order, active)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [id, s.code, s.label, s.priceCents, s.factorPct, i, s.active ?? true],
    );
  }
  for (const [ingredientId, quantity] of Object.entries(input.recipe)) {
    await insert(db, `INSERT INTO recipe_lines (product_id, ingredient_id, quantity) VALUES ($1, $2, $3)`, [
      id,
      Number(ingredientId),
      quantity,
    ]);
  }
  return { id, sizeIds };
}

export async function createExtra(db: Sequelize, ingredientId: number, quantity: number, priceCents = 150) {
  return insert(
    db,
    `INSERT INTO extras (name, ingredient_id, quantity, price_cents) VALUES ($1, $2, $3, $4)`,
    [`Supplément ${next()}`, ingredientId, quantity, priceCents],
  );
}

/** Stocks an ingredient in a shop through a receipt movement, as the ledger requires. */
export async function stock(
  db: Sequelize,
  pizzeriaId: number,
  ingredientId: number,
  onHand: number,
  reserved = 0,
) {
  const id = await insert(
    db,
    `INSERT INTO stock_items (pizzeria_id, ingredient_id, on_hand, reserved) VALUES ($1, $2, $3, $4)`,
    [pizzeriaId, ingredientId, onHand, reserved],
  );
  for (const [kind, quantity] of [
    ['receipt', onHand],
    ['reservation', reserved],
  ] as const) {
    if (quantity > 0) {
      await db.query(`INSERT INTO stock_movements (stock_item_id, kind, quantity) VALUES ($1, $2, $3)`, {
        bind: [id, kind, quantity],
      });
    }
  }
  return id;
}
