'use strict';
// A customer has at most one default address: the database guarantees it, not only the service's row lock.

/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query(
      `CREATE UNIQUE INDEX addresses_one_default_per_customer ON addresses (customer_id) WHERE is_default`,
    );
  },

  async down(queryInterface) {
    await queryInterface.sequelize.query(`DROP INDEX addresses_one_default_per_customer`);
  },
};
