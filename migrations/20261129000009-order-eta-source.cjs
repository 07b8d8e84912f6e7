'use strict';
// Whether an order's distance and times come from the map provider or from the offline approximation
// (development without a Maps key): shown to customers and staff as such.

/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query(
      `ALTER TABLE orders ADD COLUMN estimate_approximate boolean NOT NULL DEFAULT false`,
    );
  },

  async down(queryInterface) {
    await queryInterface.sequelize.query(`ALTER TABLE orders DROP COLUMN estimate_approximate`);
  },
};
