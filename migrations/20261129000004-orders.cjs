'use strict';
// Orders, their lines (price snapshots) and status history. Amounts in integer cents, VAT rates in
// basis points (1000 = 10 %) stored per line.

/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface) {
    const q = (sql) => queryInterface.sequelize.query(sql);
    await q(`CREATE TYPE order_channel AS ENUM ('web', 'phone', 'counter')`);
    await q(`CREATE TYPE order_fulfilment AS ENUM ('delivery', 'takeaway')`);
    await q(`
      CREATE TYPE order_status AS ENUM (
        'pending_payment', 'received', 'preparing', 'ready', 'out_for_delivery', 'delivered', 'collected', 'cancelled'
      )`);
    await q(`CREATE TYPE payment_method AS ENUM ('card_online', 'card_on_delivery', 'cash', 'meal_voucher')`);
    await q(`
      CREATE TYPE order_payment_status AS ENUM (
        'unpaid', 'pending', 'authorized', 'paid', 'partially_refunded', 'refunded', 'failed', 'voided'
      )`);
    await q(`CREATE TYPE actor_type AS ENUM ('customer', 'employee', 'system')`);
    await q(`
      CREATE TABLE order_counters (
        pizzeria_id integer PRIMARY KEY REFERENCES pizzerias (id) ON DELETE CASCADE,
        last_value integer NOT NULL DEFAULT 0 CHECK (last_value >= 0)
      )`);
    await q(`
      CREATE TABLE orders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number varchar(20) NOT NULL UNIQUE,
        pizzeria_id integer NOT NULL REFERENCES pizzerias (id) ON DELETE RESTRICT,
        customer_id integer REFERENCES customers (id) ON DELETE SET NULL,
        customer_name varchar(160) NOT NULL,
        customer_phone varchar(30),
        channel order_channel NOT NULL,
        fulfilment order_fulfilment NOT NULL,
        status order_status NOT NULL,
        delivery_line1 varchar(200),
        delivery_line2 varchar(200),
        delivery_postcode varchar(10),
        delivery_city varchar(100),
        delivery_instructions varchar(300),
        delivery_lat double precision,
        delivery_lng double precision,
        distance_m integer CHECK (distance_m >= 0),
        travel_seconds integer CHECK (travel_seconds >= 0),
        estimated_ready_at timestamptz,
        estimated_delivery_at timestamptz,
        subtotal_cents integer NOT NULL CHECK (subtotal_cents >= 0),
        delivery_fee_cents integer NOT NULL DEFAULT 0 CHECK (delivery_fee_cents >= 0),
        total_cents integer NOT NULL CHECK (total_cents >= 0),
        vat_breakdown jsonb NOT NULL DEFAULT '[]'::jsonb,
        payment_method payment_method NOT NULL,
        payment_status order_payment_status NOT NULL DEFAULT 'unpaid',
        payment_failure_reason varchar(300),
        idempotency_key varchar(100),
        request_hash char(64),
        note varchar(500),
        version integer NOT NULL DEFAULT 1 CHECK (version > 0),
        placed_by_employee_id integer REFERENCES employees (id) ON DELETE SET NULL,
        prepared_by_employee_id integer REFERENCES employees (id) ON DELETE SET NULL,
        delivered_by_employee_id integer REFERENCES employees (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT orders_total_is_sum CHECK (total_cents = subtotal_cents + delivery_fee_cents),
        CONSTRAINT orders_delivery_has_address CHECK (
          fulfilment = 'takeaway' OR (delivery_line1 IS NOT NULL AND delivery_postcode IS NOT NULL AND delivery_city IS NOT NULL)
        ),
        CONSTRAINT orders_idempotency_key_key UNIQUE (idempotency_key)
      )`);
    await q(`CREATE INDEX orders_pizzeria_status_created_idx ON orders (pizzeria_id, status, created_at)`);
    await q(
      `CREATE INDEX orders_customer_created_idx ON orders (customer_id, created_at DESC) WHERE customer_id IS NOT NULL`,
    );
    await q(`CREATE INDEX orders_created_idx ON orders (created_at DESC)`);
    await q(`
      CREATE TABLE order_lines (
        id bigserial PRIMARY KEY,
        order_id uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
        position integer NOT NULL CHECK (position > 0),
        product_id integer NOT NULL REFERENCES products (id) ON DELETE RESTRICT,
        product_size_id integer NOT NULL REFERENCES product_sizes (id) ON DELETE RESTRICT,
        product_name varchar(120) NOT NULL,
        size_label varchar(60) NOT NULL,
        unit_price_cents integer NOT NULL CHECK (unit_price_cents >= 0),
        extras jsonb NOT NULL DEFAULT '[]'::jsonb,
        quantity integer NOT NULL CHECK (quantity > 0),
        vat_rate_bp integer NOT NULL CHECK (vat_rate_bp >= 0),
        line_total_cents integer NOT NULL CHECK (line_total_cents >= 0),
        UNIQUE (order_id, position)
      )`);
    await q(`CREATE INDEX order_lines_product_idx ON order_lines (product_id)`);
    await q(`
      CREATE TABLE order_status_events (
        id bigserial PRIMARY KEY,
        order_id uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
        from_status order_status,
        to_status order_status NOT NULL,
        actor_type actor_type NOT NULL,
        actor_customer_id integer REFERENCES customers (id) ON DELETE SET NULL,
        actor_employee_id integer REFERENCES employees (id) ON DELETE SET NULL,
        note varchar(500),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q(`CREATE INDEX order_status_events_order_idx ON order_status_events (order_id, created_at)`);
    await q(`
      ALTER TABLE stock_movements
        ADD CONSTRAINT stock_movements_order_fk FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE SET NULL,
        ADD CONSTRAINT stock_movements_employee_fk FOREIGN KEY (employee_id) REFERENCES employees (id) ON DELETE SET NULL`);
  },

  async down(queryInterface) {
    const q = (sql) => queryInterface.sequelize.query(sql);
    await q(
      `ALTER TABLE stock_movements DROP CONSTRAINT stock_movements_order_fk, DROP CONSTRAINT stock_movements_employee_fk`,
    );
    await q(`DROP TABLE order_status_events, order_lines, orders, order_counters`);
    await q(
      `DROP TYPE actor_type, order_payment_status, payment_method, order_status, order_fulfilment, order_channel`,
    );
  },
};
