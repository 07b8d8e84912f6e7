'use strict';
// Purchasing (issue 20): suppliers and what they sell (packs of an ingredient at a price), purchase orders to them
// and their receptions. Receiving writes `receipt` movements to the stock ledger (stock_movements.purchase_order_id
// says which purchase order brought them) in the reception's transaction. Prices are excluding VAT (HT), in cents
// per pack; a pack holds an integer quantity of the ingredient's base unit (g, ml, piece).
// Owned by src/modules/purchasing (the stock ledger stays written by src/modules/stock only).

/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface) {
    const q = (sql) => queryInterface.sequelize.query(sql);
    await q(`
      CREATE TABLE suppliers (
        id serial PRIMARY KEY,
        -- NULL: a supplier of the whole group (the group admin's); else one shop's own supplier
        pizzeria_id integer REFERENCES pizzerias (id),
        name varchar(120) NOT NULL CHECK (btrim(name) <> ''),
        contact_name varchar(120),
        email varchar(254) NOT NULL,
        phone varchar(30),
        -- Weekdays it delivers on: 'mon' … 'sun' (as pizzerias.opening_hours names them)
        delivery_days varchar(3)[] NOT NULL CHECK (
          cardinality(delivery_days) > 0
          AND delivery_days <@ ARRAY['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']::varchar(3)[]),
        -- Whole days between sending an order and the earliest delivery day it can come on
        lead_time_days smallint NOT NULL CHECK (lead_time_days BETWEEN 0 AND 60),
        minimum_order_cents integer NOT NULL DEFAULT 0 CHECK (minimum_order_cents >= 0),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q(`CREATE INDEX suppliers_pizzeria_idx ON suppliers (pizzeria_id)`);
    await q(`
      CREATE TABLE supplier_items (
        id serial PRIMARY KEY,
        supplier_id integer NOT NULL REFERENCES suppliers (id) ON DELETE CASCADE,
        ingredient_id integer NOT NULL REFERENCES ingredients (id),
        reference varchar(60),
        -- What a pack is called on the supplier's list (« Bloc 2,5 kg »)
        pack_label varchar(80) NOT NULL CHECK (btrim(pack_label) <> ''),
        -- Base units of the ingredient in one pack (2 500 g)
        pack_quantity integer NOT NULL CHECK (pack_quantity > 0),
        pack_price_cents integer NOT NULL CHECK (pack_price_cents >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (supplier_id, ingredient_id)
      )`);
    await q(`CREATE INDEX supplier_items_ingredient_idx ON supplier_items (ingredient_id)`);
    await q(
      `CREATE TYPE purchase_order_status AS ENUM ('draft', 'sent', 'partially_received', 'received', 'cancelled')`,
    );
    await q(`
      CREATE TABLE purchase_orders (
        id serial PRIMARY KEY,
        -- « BC-P01-0001 »: the shop's code and a number per shop (purchase_order_counters)
        number varchar(40) NOT NULL UNIQUE,
        pizzeria_id integer NOT NULL REFERENCES pizzerias (id),
        supplier_id integer NOT NULL REFERENCES suppliers (id),
        status purchase_order_status NOT NULL DEFAULT 'draft',
        -- The delivery day asked for (a delivery day of the supplier, lead time respected)
        expected_on date,
        note varchar(500),
        -- Sum of the lines (packs × pack price), HT
        total_cents integer NOT NULL DEFAULT 0 CHECK (total_cents >= 0),
        created_by_employee_id integer REFERENCES employees (id),
        sent_at timestamptz,
        sent_by_employee_id integer REFERENCES employees (id),
        received_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q(`CREATE INDEX purchase_orders_shop_idx ON purchase_orders (pizzeria_id, created_at)`);
    await q(`CREATE INDEX purchase_orders_supplier_idx ON purchase_orders (supplier_id)`);
    await q(`
      CREATE TABLE purchase_order_counters (
        pizzeria_id integer PRIMARY KEY REFERENCES pizzerias (id),
        last_number integer NOT NULL DEFAULT 0
      )`);
    await q(`
      CREATE TABLE purchase_order_lines (
        id serial PRIMARY KEY,
        purchase_order_id integer NOT NULL REFERENCES purchase_orders (id) ON DELETE CASCADE,
        ingredient_id integer NOT NULL REFERENCES ingredients (id),
        supplier_item_id integer REFERENCES supplier_items (id) ON DELETE SET NULL,
        -- Copied from the supplier's item when the line is written: the order keeps its own terms
        reference varchar(60),
        pack_label varchar(80) NOT NULL,
        pack_quantity integer NOT NULL CHECK (pack_quantity > 0),
        pack_price_cents integer NOT NULL CHECK (pack_price_cents >= 0),
        packs integer NOT NULL CHECK (packs > 0),
        -- What the suggestion proposed (NULL for a line added by hand)
        suggested_packs integer CHECK (suggested_packs >= 0),
        -- Base units accepted into stock and refused at delivery, over every reception
        received_quantity integer NOT NULL DEFAULT 0 CHECK (received_quantity >= 0),
        refused_quantity integer NOT NULL DEFAULT 0 CHECK (refused_quantity >= 0),
        UNIQUE (purchase_order_id, ingredient_id)
      )`);
    await q(`
      CREATE TABLE purchase_receipts (
        id serial PRIMARY KEY,
        purchase_order_id integer NOT NULL REFERENCES purchase_orders (id),
        employee_id integer REFERENCES employees (id),
        note varchar(500),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q(`CREATE INDEX purchase_receipts_order_idx ON purchase_receipts (purchase_order_id)`);
    await q(`
      CREATE TABLE purchase_receipt_lines (
        id serial PRIMARY KEY,
        purchase_receipt_id integer NOT NULL REFERENCES purchase_receipts (id) ON DELETE CASCADE,
        purchase_order_line_id integer NOT NULL REFERENCES purchase_order_lines (id),
        received_quantity integer NOT NULL CHECK (received_quantity >= 0),
        refused_quantity integer NOT NULL DEFAULT 0 CHECK (refused_quantity >= 0),
        refused_reason varchar(300),
        CONSTRAINT purchase_receipt_lines_reason CHECK (refused_quantity = 0 OR btrim(coalesce(refused_reason, '')) <> ''),
        UNIQUE (purchase_receipt_id, purchase_order_line_id)
      )`);
    await q(
      `ALTER TABLE stock_movements ADD COLUMN purchase_order_id integer REFERENCES purchase_orders (id)`,
    );
    await q(
      `CREATE INDEX stock_movements_purchase_order_idx ON stock_movements (purchase_order_id)
         WHERE purchase_order_id IS NOT NULL`,
    );
  },

  async down(queryInterface) {
    const q = (sql) => queryInterface.sequelize.query(sql);
    await q(`ALTER TABLE stock_movements DROP COLUMN purchase_order_id`);
    await q(`DROP TABLE purchase_receipt_lines, purchase_receipts, purchase_order_lines, purchase_order_counters,
      purchase_orders, supplier_items, suppliers`);
    await q(`DROP TYPE purchase_order_status`);
  },
};
