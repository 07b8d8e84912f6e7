'use strict';
// Back-office sessions (express-session + connect-pg-simple): every app process reads the same sessions, so a
// staff member stays logged in whichever process answers. The store never creates its table itself
// (`createTableIfMissing: false`): the schema lives in the migrations like every other table.
// `expire` is timestamptz (the store compares it with to_timestamp(), which is timestamptz too); the index
// serves the store's periodic pruning of expired sessions.

/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface) {
    const q = (sql) => queryInterface.sequelize.query(sql);
    await q(`
      CREATE TABLE admin_sessions (
        sid varchar PRIMARY KEY,
        sess json NOT NULL,
        expire timestamptz(6) NOT NULL
      )`);
    await q(`CREATE INDEX admin_sessions_expire_idx ON admin_sessions (expire)`);
  },

  async down(queryInterface) {
    await queryInterface.sequelize.query(`DROP TABLE admin_sessions`);
  },
};
