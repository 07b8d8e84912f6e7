'use strict';
// Exceptional closures and holidays of a shop (« Fermeture annuelle », « Noël »…): a list of local date ranges
// with a reason, kept on the shop's row next to its weekly hours, because every reader of the hours (open now,
// next opening, slots, placement) needs both and reads the row anyway. The shop's manager edits them with the
// hours in the back office (« Réglages de la pizzeria »); the pizzerias module validates each entry.

/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query(`ALTER TABLE pizzerias
      ADD COLUMN closures jsonb NOT NULL DEFAULT '[]'::jsonb
        CONSTRAINT pizzerias_closures_array_check CHECK (jsonb_typeof(closures) = 'array')`);
  },

  async down(queryInterface) {
    await queryInterface.sequelize.query(`ALTER TABLE pizzerias DROP COLUMN closures`);
  },
};
