'use strict';
// The retention job (issue 21, point 3).
// - retention_runs: one row per local day on which the daily run finished, with its report (counts only, no
//   personal data). Several app processes check each few minutes; the one holding the advisory lock runs, and
//   the row tells the others (and tomorrow's run) that the day is done.
// - customers.last_login_at: when the customer last signed in. The job erases an account inactive for
//   RETENTION_CUSTOMER_INACTIVE_DAYS (no order, no sign-in, no change); the sign-in tokens themselves are purged
//   once expired, so the last sign-in must be kept on the account. Filled from the tokens still there.

/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface) {
    const q = (sql) => queryInterface.sequelize.query(sql);
    await q(`
      CREATE TABLE retention_runs (
        day date PRIMARY KEY,
        started_at timestamptz NOT NULL,
        finished_at timestamptz NOT NULL,
        report jsonb NOT NULL DEFAULT '{}'::jsonb
      )`);
    await q(`ALTER TABLE customers ADD COLUMN last_login_at timestamptz`);
    await q(`
      UPDATE customers c SET last_login_at = t.last
        FROM (SELECT customer_id, max(created_at) AS last FROM auth_tokens
               WHERE customer_id IS NOT NULL GROUP BY customer_id) t
       WHERE t.customer_id = c.id`);
  },

  async down(queryInterface) {
    const q = (sql) => queryInterface.sequelize.query(sql);
    await q(`ALTER TABLE customers DROP COLUMN last_login_at`);
    await q(`DROP TABLE retention_runs`);
  },
};
