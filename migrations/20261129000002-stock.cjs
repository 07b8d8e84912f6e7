'use strict';
// Stock per shop and its ledger. on_hand and reserved are caches of the ledger's sums:
// on_hand  = Σ quantity of receipt, consumption, waste, adjustment
// reserved = Σ quantity of reservation, release, consumption
// (a consumption lowers both). The CHECKs keep 0 <= reserved <= on_hand at every commit.

/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface) {
    const q = (sql) => queryInterface.sequelize.query(sql);
    await q(
      `CREATE TYPE stock_movement_kind AS ENUM ('receipt', 'reservation', 'release', 'consumption', 'waste', 'adjustment')`,
    );
    await q(`
      CREATE TABLE stock_items (
        id serial PRIMARY KEY,
        pizzeria_id integer NOT NULL REFERENCES pizzerias (id) ON DELETE CASCADE,
        ingredient_id integer NOT NULL REFERENCES ingredients (id) ON DELETE RESTRICT,
        on_hand integer NOT NULL DEFAULT 0,
        reserved integer NOT NULL DEFAULT 0,
        alert_threshold integer NOT NULL DEFAULT 0 CHECK (alert_threshold >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT stock_items_reserved_nonnegative CHECK (reserved >= 0),
        CONSTRAINT stock_items_reserved_within_on_hand CHECK (on_hand >= reserved),
        CONSTRAINT stock_items_pizzeria_ingredient_key UNIQUE (pizzeria_id, ingredient_id)
      )`);
    await q(`CREATE INDEX stock_items_ingredient_idx ON stock_items (ingredient_id)`);
    await q(`
      CREATE TABLE stock_movements (
        id bigserial PRIMARY KEY,
        stock_item_id integer NOT NULL REFERENCES stock_items (id) ON DELETE CASCADE,
        kind stock_movement_kind NOT NULL,
        quantity integer NOT NULL,
        order_id uuid,
        employee_id integer,
        note varchar(500),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT stock_movements_sign CHECK (
          (kind IN ('receipt', 'reservation') AND quantity > 0)
          OR (kind IN ('release', 'consumption', 'waste') AND quantity < 0)
          OR (kind = 'adjustment' AND quantity <> 0)
        )
      )`);
    await q(`CREATE INDEX stock_movements_item_created_idx ON stock_movements (stock_item_id, created_at)`);
    await q(
      `CREATE INDEX stock_movements_order_idx ON stock_movements (order_id) WHERE order_id IS NOT NULL`,
    );
  },

  async down(queryInterface) {
    const q = (sql) => queryInterface.sequelize.query(sql);
    await q(`DROP TABLE stock_movements, stock_items`);
    await q(`DROP TYPE stock_movement_kind`);
  },
};
