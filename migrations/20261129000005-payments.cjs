'use strict';
// Money actually moved: payments (online or collected), refunds, and the webhook events already processed.

/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface) {
    const q = (sql) => queryInterface.sequelize.query(sql);
    await q(`CREATE TYPE payment_provider AS ENUM ('stripe', 'cash', 'card_terminal', 'meal_voucher')`);
    await q(
      `CREATE TYPE payment_record_status AS ENUM ('pending', 'requires_capture', 'succeeded', 'failed', 'canceled')`,
    );
    await q(`CREATE TYPE refund_status AS ENUM ('pending', 'succeeded', 'failed')`);
    await q(`
      CREATE TABLE payments (
        id serial PRIMARY KEY,
        order_id uuid NOT NULL REFERENCES orders (id) ON DELETE RESTRICT,
        provider payment_provider NOT NULL,
        provider_reference varchar(100),
        amount_cents integer NOT NULL CHECK (amount_cents >= 0),
        amount_received_cents integer CHECK (amount_received_cents >= 0),
        change_cents integer CHECK (change_cents >= 0),
        status payment_record_status NOT NULL,
        failure_reason varchar(300),
        collected_by_employee_id integer REFERENCES employees (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT payments_provider_reference_key UNIQUE (provider, provider_reference)
      )`);
    await q(`CREATE INDEX payments_order_idx ON payments (order_id)`);
    await q(`
      CREATE TABLE refunds (
        id serial PRIMARY KEY,
        payment_id integer NOT NULL REFERENCES payments (id) ON DELETE RESTRICT,
        order_id uuid NOT NULL REFERENCES orders (id) ON DELETE RESTRICT,
        amount_cents integer NOT NULL CHECK (amount_cents > 0),
        reason varchar(500) NOT NULL CHECK (length(trim(reason)) > 0),
        provider_reference varchar(100),
        status refund_status NOT NULL,
        employee_id integer REFERENCES employees (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q(`CREATE INDEX refunds_order_idx ON refunds (order_id)`);
    await q(`CREATE INDEX refunds_payment_idx ON refunds (payment_id)`);
    await q(`
      CREATE TABLE processed_webhook_events (
        id serial PRIMARY KEY,
        provider payment_provider NOT NULL,
        event_id varchar(100) NOT NULL,
        event_type varchar(100) NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT processed_webhook_events_event_key UNIQUE (provider, event_id)
      )`);
  },

  async down(queryInterface) {
    const q = (sql) => queryInterface.sequelize.query(sql);
    await q(`DROP TABLE processed_webhook_events, refunds, payments`);
    await q(`DROP TYPE refund_status, payment_record_status, payment_provider`);
  },
};
