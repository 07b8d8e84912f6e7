'use strict';
// Attempt counters for rate limiting (shared by every app process), and indexes for token look-ups by owner.

/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface) {
    const q = (sql) => queryInterface.sequelize.query(sql);
    await q(`
      CREATE TABLE rate_limits (
        key varchar(200) PRIMARY KEY,
        window_start timestamptz NOT NULL,
        count integer NOT NULL CHECK (count > 0)
      )`);
    await q(`CREATE INDEX rate_limits_window_idx ON rate_limits (window_start)`);
    await q(
      `CREATE INDEX auth_tokens_customer_idx ON auth_tokens (customer_id) WHERE customer_id IS NOT NULL`,
    );
    await q(
      `CREATE INDEX auth_tokens_employee_idx ON auth_tokens (employee_id) WHERE employee_id IS NOT NULL`,
    );
  },

  async down(queryInterface) {
    const q = (sql) => queryInterface.sequelize.query(sql);
    await q(`DROP INDEX auth_tokens_employee_idx, auth_tokens_customer_idx`);
    await q(`DROP TABLE rate_limits`);
  },
};
