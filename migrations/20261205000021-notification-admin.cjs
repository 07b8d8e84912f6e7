'use strict';
// The back office's « Messages » list: failures first (newest first), then every other message newest first.
// The list reads one page in this order; without a matching index each page would sort the whole outbox.

/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query(
      `CREATE INDEX outbox_admin_list_idx ON outbox (failed_at DESC NULLS LAST, id DESC)`,
    );
  },

  async down(queryInterface) {
    await queryInterface.sequelize.query(`DROP INDEX outbox_admin_list_idx`);
  },
};
