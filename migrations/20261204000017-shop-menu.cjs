'use strict';
// The shop's menu over the group catalogue (issue 17). The group catalogue (products, sizes, recipes, group
// prices, group-wide `active`) stays the group admin's; each shop layers over it:
// - products.pizzeria_id: NULL for the group catalogue, a shop for that shop's « spécialité de la maison »;
// - product_sizes.shop_price_min_cents / shop_price_max_cents: the bounds of a shop price set by the group admin
//   (NULL: the group price itself, i.e. no freedom on that side);
// - shop_products: a shop withdraws (offered = false) a catalogue product;
// - shop_sizes: a shop withdraws a size or sets its own price for it;
// - menu_ruptures: a size or an extra taken off for a while, with a reason and optionally an end; it ends by
//   itself at `until` (compared with the clock at read time) or when ended by hand (`ended_at`). At most one open
//   rupture per shop and item: a new one ends the previous (trigger), so the menu reads a bounded set.
// shop_price() is THE rule of a shop's price (menu, quote, placement and modification read it through SQL).

/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface) {
    const q = (sql) => queryInterface.sequelize.query(sql);
    await q(
      `ALTER TABLE products ADD COLUMN pizzeria_id integer NULL REFERENCES pizzerias (id) ON DELETE RESTRICT`,
    );
    await q(`CREATE INDEX products_pizzeria_idx ON products (pizzeria_id) WHERE pizzeria_id IS NOT NULL`);
    await q(`
      ALTER TABLE product_sizes
        ADD COLUMN shop_price_min_cents integer NULL CHECK (shop_price_min_cents >= 0),
        ADD COLUMN shop_price_max_cents integer NULL CHECK (shop_price_max_cents >= 0),
        ADD CONSTRAINT product_sizes_shop_price_bounds CHECK (
          COALESCE(shop_price_min_cents, price_cents) <= price_cents
          AND price_cents <= COALESCE(shop_price_max_cents, price_cents))`);
    await q(`
      CREATE FUNCTION shop_price(group_cents integer, min_cents integer, max_cents integer, shop_cents integer)
      RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE WHEN shop_cents IS NULL THEN group_cents
          ELSE LEAST(GREATEST(shop_cents, COALESCE(min_cents, group_cents)), COALESCE(max_cents, group_cents)) END
      $$`);
    await q(`
      CREATE TABLE shop_products (
        id serial PRIMARY KEY,
        pizzeria_id integer NOT NULL REFERENCES pizzerias (id) ON DELETE CASCADE,
        product_id integer NOT NULL REFERENCES products (id) ON DELETE CASCADE,
        offered boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (pizzeria_id, product_id)
      )`);
    await q(`CREATE INDEX shop_products_product_idx ON shop_products (product_id)`);
    await q(`
      CREATE TABLE shop_sizes (
        id serial PRIMARY KEY,
        pizzeria_id integer NOT NULL REFERENCES pizzerias (id) ON DELETE CASCADE,
        size_id integer NOT NULL REFERENCES product_sizes (id) ON DELETE CASCADE,
        offered boolean NOT NULL DEFAULT true,
        price_cents integer NULL CHECK (price_cents >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (pizzeria_id, size_id)
      )`);
    await q(`CREATE INDEX shop_sizes_size_idx ON shop_sizes (size_id)`);
    await q(`
      CREATE TABLE menu_ruptures (
        id serial PRIMARY KEY,
        pizzeria_id integer NOT NULL REFERENCES pizzerias (id) ON DELETE CASCADE,
        size_id integer NULL REFERENCES product_sizes (id) ON DELETE CASCADE,
        extra_id integer NULL REFERENCES extras (id) ON DELETE CASCADE,
        reason varchar(200) NOT NULL CONSTRAINT menu_ruptures_reason_not_blank CHECK (btrim(reason) <> ''),
        until timestamptz NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        ended_at timestamptz NULL,
        employee_id integer NULL REFERENCES employees (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT menu_ruptures_one_item CHECK ((size_id IS NULL) <> (extra_id IS NULL))
      )`);
    await q(`CREATE UNIQUE INDEX menu_ruptures_open_size ON menu_ruptures (pizzeria_id, size_id)
               WHERE ended_at IS NULL AND size_id IS NOT NULL`);
    await q(`CREATE UNIQUE INDEX menu_ruptures_open_extra ON menu_ruptures (pizzeria_id, extra_id)
               WHERE ended_at IS NULL AND extra_id IS NOT NULL`);
    await q(`CREATE INDEX menu_ruptures_shop_idx ON menu_ruptures (pizzeria_id, started_at DESC)`);
    // A new rupture of an item ends the open one of the same item in the same shop (in the same statement).
    await q(`
      CREATE FUNCTION menu_ruptures_end_previous() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE menu_ruptures SET ended_at = NEW.started_at, updated_at = now()
         WHERE pizzeria_id = NEW.pizzeria_id AND ended_at IS NULL
           AND size_id IS NOT DISTINCT FROM NEW.size_id AND extra_id IS NOT DISTINCT FROM NEW.extra_id;
        RETURN NEW;
      END $$`);
    await q(`CREATE TRIGGER menu_ruptures_end_previous BEFORE INSERT ON menu_ruptures
               FOR EACH ROW EXECUTE FUNCTION menu_ruptures_end_previous()`);
  },

  async down(queryInterface) {
    const q = (sql) => queryInterface.sequelize.query(sql);
    await q(`DROP TABLE menu_ruptures, shop_sizes, shop_products`);
    await q(`DROP FUNCTION menu_ruptures_end_previous(), shop_price(integer, integer, integer, integer)`);
    await q(`ALTER TABLE product_sizes DROP CONSTRAINT product_sizes_shop_price_bounds,
               DROP COLUMN shop_price_min_cents, DROP COLUMN shop_price_max_cents`);
    await q(`ALTER TABLE products DROP COLUMN pizzeria_id`);
  },
};
