'use strict';
// Personal data (RGPD): a customer's export and erasure, retention limits, staff who leave.
// - privacy_requests: the record of every export and erasure (by the customer, by the group admin on request
//   with a reason, by the retention job). It keeps the customer's number only (no foreign key: the customer row
//   is gone after an erasure) and never a name, an e-mail or an address.
// - orders.personal_data_erased_at: when the order's name, phone, delivery address and note were erased (the
//   customer's erasure, or the retention job once a finished order is old enough). The amounts, lines, VAT and
//   payments stay: accounting keeps them. The partial index lets the retention job find what is left to erase
//   without reading the orders already done (bounded work on millions of orders).
// - employees.deactivated_at / anonymised_at: an employee who leaves is deactivated; after the retention period
//   the row is anonymised (name, e-mail, phone) but kept, so the history keeps a role and a shop.
// - Indexes for erasing one customer's outbox messages and for purging the geocoding cache by age.

/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface) {
    const q = (sql) => queryInterface.sequelize.query(sql);
    await q(`CREATE TYPE privacy_request_kind AS ENUM ('export', 'erasure')`);
    await q(`CREATE TYPE privacy_request_origin AS ENUM ('customer', 'admin', 'retention')`);
    await q(`
      CREATE TABLE privacy_requests (
        id bigserial PRIMARY KEY,
        kind privacy_request_kind NOT NULL,
        origin privacy_request_origin NOT NULL,
        customer_id integer NOT NULL,
        employee_id integer REFERENCES employees(id) ON DELETE SET NULL,
        reason varchar(500),
        summary jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT privacy_requests_admin_has_reason CHECK (origin <> 'admin' OR (employee_id IS NOT NULL AND reason IS NOT NULL))
      )`);
    await q(`CREATE INDEX privacy_requests_created_idx ON privacy_requests (created_at DESC)`);
    await q(`CREATE INDEX privacy_requests_customer_idx ON privacy_requests (customer_id)`);

    await q(`ALTER TABLE orders ADD COLUMN personal_data_erased_at timestamptz`);
    // An erased delivery order keeps no address: the check asks for one only while the order holds personal data.
    await q(`ALTER TABLE orders DROP CONSTRAINT orders_delivery_has_address`);
    await q(`
      ALTER TABLE orders ADD CONSTRAINT orders_delivery_has_address CHECK (
        fulfilment = 'takeaway' OR personal_data_erased_at IS NOT NULL
        OR (delivery_line1 IS NOT NULL AND delivery_postcode IS NOT NULL AND delivery_city IS NOT NULL))`);
    await q(
      `CREATE INDEX orders_personal_data_pending_idx ON orders (updated_at) WHERE personal_data_erased_at IS NULL`,
    );

    await q(`ALTER TABLE employees ADD COLUMN deactivated_at timestamptz`);
    await q(`ALTER TABLE employees ADD COLUMN anonymised_at timestamptz`);
    await q(`UPDATE employees SET deactivated_at = updated_at WHERE NOT active`);
    await q(
      `CREATE INDEX employees_deactivated_idx ON employees (deactivated_at) WHERE deactivated_at IS NOT NULL AND anonymised_at IS NULL`,
    );

    await q(`CREATE INDEX outbox_customer_idx ON outbox (customer_id) WHERE customer_id IS NOT NULL`);
    await q(`CREATE INDEX outbox_order_idx ON outbox (order_id) WHERE order_id IS NOT NULL`);
    await q(`CREATE INDEX outbox_created_idx ON outbox (created_at)`);
    await q(`CREATE INDEX geocode_cache_created_idx ON geocode_cache (created_at)`);
  },

  async down(queryInterface) {
    const q = (sql) => queryInterface.sequelize.query(sql);
    await q(`DROP INDEX geocode_cache_created_idx`);
    await q(`DROP INDEX outbox_created_idx`);
    await q(`DROP INDEX outbox_order_idx`);
    await q(`DROP INDEX outbox_customer_idx`);
    await q(`ALTER TABLE employees DROP COLUMN anonymised_at, DROP COLUMN deactivated_at`);
    await q(`ALTER TABLE orders DROP CONSTRAINT orders_delivery_has_address`);
    await q(`
      ALTER TABLE orders ADD CONSTRAINT orders_delivery_has_address CHECK (
        fulfilment = 'takeaway'
        OR (delivery_line1 IS NOT NULL AND delivery_postcode IS NOT NULL AND delivery_city IS NOT NULL))`);
    await q(`ALTER TABLE orders DROP COLUMN personal_data_erased_at`);
    await q(`DROP TABLE privacy_requests`);
    await q(`DROP TYPE privacy_request_origin`);
    await q(`DROP TYPE privacy_request_kind`);
  },
};
