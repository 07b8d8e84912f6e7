'use strict';
// Notifications: the transactional outbox (a message is written in the same transaction as the business change
// that causes it, then sent by a worker in every app process), customers' choice of status e-mails, single-use
// password reset tokens (stored hashed), the low-stock digest's hour per shop, and each shop's SIRET for receipts.

/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface) {
    const q = (sql) => queryInterface.sequelize.query(sql);
    await q(`CREATE TYPE outbox_status AS ENUM ('pending', 'sent', 'failed')`);
    await q(`
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        -- One business event, one message: order id + event + version, token id, shop + day…
        key varchar(200) NOT NULL CONSTRAINT outbox_key_key UNIQUE,
        kind varchar(40) NOT NULL,
        recipient varchar(254) NOT NULL,
        recipient_name varchar(170),
        -- What the template needs that the database will not hold any more at send time (amounts of a refund…).
        payload jsonb NOT NULL DEFAULT '{}'::jsonb,
        order_id uuid REFERENCES orders (id) ON DELETE CASCADE,
        customer_id integer REFERENCES customers (id) ON DELETE CASCADE,
        employee_id integer REFERENCES employees (id) ON DELETE CASCADE,
        pizzeria_id integer REFERENCES pizzerias (id) ON DELETE CASCADE,
        status outbox_status NOT NULL DEFAULT 'pending',
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        -- A worker's claim: nobody else takes the message before this time (a process that died frees it then).
        locked_until timestamptz,
        last_error varchar(500),
        message_id varchar(300) NOT NULL,
        subject varchar(300),
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        failed_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q(`CREATE INDEX outbox_due_idx ON outbox (next_attempt_at) WHERE status = 'pending'`);
    await q(`CREATE INDEX outbox_failed_idx ON outbox (failed_at DESC) WHERE status = 'failed'`);
    await q(`CREATE INDEX outbox_order_idx ON outbox (order_id) WHERE order_id IS NOT NULL`);
    await q(`CREATE INDEX outbox_customer_idx ON outbox (customer_id) WHERE customer_id IS NOT NULL`);
    await q(`CREATE INDEX outbox_employee_idx ON outbox (employee_id) WHERE employee_id IS NOT NULL`);
    await q(`ALTER TABLE customers ADD COLUMN status_emails boolean NOT NULL DEFAULT true`);
    await q(`
      CREATE TABLE password_reset_tokens (
        id bigserial PRIMARY KEY,
        token_hash char(64) NOT NULL CONSTRAINT password_reset_tokens_hash_key UNIQUE,
        subject token_subject NOT NULL,
        customer_id integer REFERENCES customers (id) ON DELETE CASCADE,
        employee_id integer REFERENCES employees (id) ON DELETE CASCADE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT password_reset_tokens_one_subject CHECK (
          (subject = 'customer' AND customer_id IS NOT NULL AND employee_id IS NULL)
          OR (subject = 'employee' AND employee_id IS NOT NULL AND customer_id IS NULL)
        )
      )`);
    await q(`CREATE INDEX password_reset_tokens_customer_idx ON password_reset_tokens (customer_id)
      WHERE customer_id IS NOT NULL`);
    await q(`CREATE INDEX password_reset_tokens_employee_idx ON password_reset_tokens (employee_id)
      WHERE employee_id IS NOT NULL`);
    await q(`CREATE INDEX password_reset_tokens_expires_idx ON password_reset_tokens (expires_at)`);
    await q(`ALTER TABLE pizzerias
      ADD COLUMN siret char(14) CONSTRAINT pizzerias_siret_check CHECK (siret ~ '^[0-9]{14}$')`);
  },

  async down(queryInterface) {
    const q = (sql) => queryInterface.sequelize.query(sql);
    await q(`ALTER TABLE pizzerias DROP COLUMN siret`);
    await q(`DROP TABLE password_reset_tokens`);
    await q(`ALTER TABLE customers DROP COLUMN status_emails`);
    await q(`DROP TABLE outbox`);
    await q(`DROP TYPE outbox_status`);
  },
};
