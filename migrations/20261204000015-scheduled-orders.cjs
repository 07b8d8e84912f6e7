'use strict';
// Orders for later (« Pour plus tard »): an order may name the 15-minute slot it is wanted in (null: as soon as
// possible), and each shop says how many orders its kitchen can prepare per slot. Placement counts the
// non-cancelled orders of a shop's slot under a lock; the partial index serves that count and the slot list.

/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.transaction(async (transaction) => {
      const q = (sql) => queryInterface.sequelize.query(sql, { transaction });
      await q(`ALTER TABLE pizzerias
        ADD COLUMN slot_capacity integer NOT NULL DEFAULT 6 CONSTRAINT pizzerias_slot_capacity_check CHECK (slot_capacity >= 0)`);
      await q(`ALTER TABLE orders ADD COLUMN scheduled_for timestamptz`);
      // Slots start on a quarter-hour (seconds and milliseconds included); the service checks the local minute.
      await q(`ALTER TABLE orders ADD CONSTRAINT orders_scheduled_for_quarter_check
        CHECK (scheduled_for IS NULL OR (EXTRACT(epoch FROM scheduled_for)::numeric % 900) = 0)`);
      await q(`CREATE INDEX orders_scheduled_slot_idx ON orders (pizzeria_id, scheduled_for)
        WHERE scheduled_for IS NOT NULL AND status <> 'cancelled'`);
    });
  },

  async down(queryInterface) {
    await queryInterface.sequelize.transaction(async (transaction) => {
      const q = (sql) => queryInterface.sequelize.query(sql, { transaction });
      await q(`DROP INDEX orders_scheduled_slot_idx`);
      await q(`ALTER TABLE orders DROP COLUMN scheduled_for`);
      await q(`ALTER TABLE pizzerias DROP COLUMN slot_capacity`);
    });
  },
};
