'use strict';
// When the preparation of an order paid online starts, the capture is claimed under the order's lock before
// Stripe is called: from then on a modification is refused, so what is captured is the order's final total
// (a modification landing between reading the total and capturing it used to leave the old total taken).

/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query(`ALTER TABLE payments ADD COLUMN capture_requested_at timestamptz`);
  },

  async down(queryInterface) {
    await queryInterface.sequelize.query(`ALTER TABLE payments DROP COLUMN capture_requested_at`);
  },
};
