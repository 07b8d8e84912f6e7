'use strict';
// The demo seeder once wrote order-line extras as {"extraId", …} where the app writes {"id", …}: demo databases
// seeded then answered bodies off the API contract and lost those extras from the kitchen memo. The seeder
// only adds what is missing, so it cannot repair them itself; this does. Orders placed through the app never
// had that shape: elsewhere nothing matches and nothing changes.

/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query(`
      UPDATE order_lines l SET extras = (
          SELECT jsonb_agg(CASE WHEN x ? 'extraId' THEN jsonb_build_object('id', x -> 'extraId') || (x - 'extraId')
                                ELSE x END ORDER BY n)
            FROM jsonb_array_elements(l.extras) WITH ORDINALITY AS e(x, n))
       WHERE jsonb_path_exists(l.extras, '$[*].extraId')`);
  },

  async down() {
    // Nothing to undo: the old shape was a bug, not a schema.
  },
};
