'use strict';
// Shops and catalogue. Plain SQL so that every CHECK, unique key and index is visible in one place.
// ENUM types are created outside any transaction (PGlite hangs on CREATE TYPE inside one).

/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface) {
    const q = (sql) => queryInterface.sequelize.query(sql);
    await q(`CREATE TYPE product_category AS ENUM ('pizza', 'drink', 'dessert', 'side')`);
    await q(`CREATE TYPE ingredient_unit AS ENUM ('g', 'ml', 'piece')`);
    await q(`
      CREATE TABLE pizzerias (
        id serial PRIMARY KEY,
        code varchar(8) NOT NULL UNIQUE CHECK (code ~ '^P[0-9]{2}$'),
        name varchar(120) NOT NULL,
        address_line varchar(200) NOT NULL,
        postcode varchar(10) NOT NULL,
        city varchar(100) NOT NULL,
        lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
        lng double precision NOT NULL CHECK (lng BETWEEN -180 AND 180),
        phone varchar(30) NOT NULL,
        email varchar(200),
        timezone varchar(60) NOT NULL DEFAULT 'Europe/Paris',
        opening_hours jsonb NOT NULL DEFAULT '{}'::jsonb,
        delivery_radius_m integer NOT NULL CHECK (delivery_radius_m >= 0),
        min_delivery_order_cents integer NOT NULL DEFAULT 0 CHECK (min_delivery_order_cents >= 0),
        delivery_fee_cents integer NOT NULL DEFAULT 0 CHECK (delivery_fee_cents >= 0),
        free_delivery_threshold_cents integer CHECK (free_delivery_threshold_cents >= 0),
        prep_minutes_per_order integer NOT NULL DEFAULT 10 CHECK (prep_minutes_per_order > 0),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q(`
      CREATE TABLE ingredients (
        id serial PRIMARY KEY,
        name varchar(120) NOT NULL,
        unit ingredient_unit NOT NULL,
        allergens varchar(200),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q(`CREATE UNIQUE INDEX ingredients_name_key ON ingredients (lower(name))`);
    await q(`
      CREATE TABLE products (
        id serial PRIMARY KEY,
        name varchar(120) NOT NULL,
        description text NOT NULL DEFAULT '',
        category product_category NOT NULL,
        vat_rate_bp integer NOT NULL CHECK (vat_rate_bp IN (0, 210, 550, 1000, 2000)),
        recipe_steps text NOT NULL DEFAULT '',
        sort_order integer NOT NULL DEFAULT 0,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q(`CREATE UNIQUE INDEX products_name_key ON products (lower(name))`);
    await q(`
      CREATE TABLE product_sizes (
        id serial PRIMARY KEY,
        product_id integer NOT NULL REFERENCES products (id) ON DELETE CASCADE,
        code varchar(10) NOT NULL,
        label varchar(60) NOT NULL,
        price_cents integer NOT NULL CHECK (price_cents >= 0),
        recipe_factor_pct integer NOT NULL DEFAULT 100 CHECK (recipe_factor_pct > 0),
        sort_order integer NOT NULL DEFAULT 0,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (product_id, code)
      )`);
    await q(`
      CREATE TABLE recipe_lines (
        id serial PRIMARY KEY,
        product_id integer NOT NULL REFERENCES products (id) ON DELETE CASCADE,
        ingredient_id integer NOT NULL REFERENCES ingredients (id) ON DELETE RESTRICT,
        quantity integer NOT NULL CHECK (quantity > 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (product_id, ingredient_id)
      )`);
    await q(`CREATE INDEX recipe_lines_ingredient_idx ON recipe_lines (ingredient_id)`);
    await q(`
      CREATE TABLE extras (
        id serial PRIMARY KEY,
        name varchar(120) NOT NULL,
        ingredient_id integer NOT NULL REFERENCES ingredients (id) ON DELETE RESTRICT,
        quantity integer NOT NULL CHECK (quantity > 0),
        price_cents integer NOT NULL CHECK (price_cents >= 0),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q(`CREATE UNIQUE INDEX extras_name_key ON extras (lower(name))`);
  },

  async down(queryInterface) {
    const q = (sql) => queryInterface.sequelize.query(sql);
    await q(`DROP TABLE extras, recipe_lines, product_sizes, products, ingredients, pizzerias`);
    await q(`DROP TYPE ingredient_unit, product_category`);
  },
};
