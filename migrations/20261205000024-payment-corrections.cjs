'use strict';
// « Corriger le moyen de paiement »: a payment collected at hand-over was recorded with the wrong means (cash
// typed for a card-terminal payment, say). The payment row then says how the money was really taken (refunds
// follow it), and each correction is kept here: the sales journal writes it as two correction entries and the
// FEC books it on its own day as a transfer between money accounts, never by rewriting a past day.
// A correction is refused once the payment has refunds, so every refund of a payment is on its final means.

/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface) {
    const q = (sql) => queryInterface.sequelize.query(sql);
    await q(`
      CREATE TABLE payment_corrections (
        id serial PRIMARY KEY,
        payment_id integer NOT NULL REFERENCES payments(id),
        order_id uuid NOT NULL REFERENCES orders(id),
        from_provider payment_provider NOT NULL,
        to_provider payment_provider NOT NULL,
        amount_cents integer NOT NULL CHECK (amount_cents > 0),
        reason varchar(500) NOT NULL,
        employee_id integer REFERENCES employees(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT payment_corrections_changes_means CHECK (from_provider <> to_provider),
        CONSTRAINT payment_corrections_collected CHECK (from_provider <> 'stripe' AND to_provider <> 'stripe')
      )`);
    await q(`CREATE INDEX payment_corrections_payment_idx ON payment_corrections (payment_id, id)`);
    await q(`CREATE INDEX payment_corrections_order_idx ON payment_corrections (order_id)`);
    await q(`CREATE INDEX payment_corrections_created_idx ON payment_corrections (created_at)`);
  },

  async down(queryInterface) {
    await queryInterface.sequelize.query(`DROP TABLE payment_corrections`);
  },
};
