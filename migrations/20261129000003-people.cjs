'use strict';
// Customers with their addresses, staff with their role, and bearer tokens (stored hashed).

/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface) {
    const q = (sql) => queryInterface.sequelize.query(sql);
    await q(
      `CREATE TYPE employee_role AS ENUM ('admin', 'manager', 'pizzaiolo', 'driver', 'counter', 'accountant')`,
    );
    await q(`CREATE TYPE token_subject AS ENUM ('customer', 'employee')`);
    await q(`
      CREATE TABLE customers (
        id serial PRIMARY KEY,
        email varchar(254) NOT NULL CHECK (email = lower(email)),
        password_hash varchar(100) NOT NULL,
        first_name varchar(80) NOT NULL,
        last_name varchar(80) NOT NULL,
        phone varchar(30),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT customers_email_key UNIQUE (email)
      )`);
    await q(`
      CREATE TABLE addresses (
        id serial PRIMARY KEY,
        customer_id integer NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
        label varchar(60) NOT NULL DEFAULT 'Domicile',
        line1 varchar(200) NOT NULL,
        line2 varchar(200),
        postcode varchar(10) NOT NULL,
        city varchar(100) NOT NULL,
        instructions varchar(300),
        lat double precision CHECK (lat BETWEEN -90 AND 90),
        lng double precision CHECK (lng BETWEEN -180 AND 180),
        is_default boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q(`CREATE INDEX addresses_customer_idx ON addresses (customer_id)`);
    await q(`
      CREATE TABLE employees (
        id serial PRIMARY KEY,
        email varchar(254) NOT NULL CHECK (email = lower(email)),
        password_hash varchar(100) NOT NULL,
        first_name varchar(80) NOT NULL,
        last_name varchar(80) NOT NULL,
        phone varchar(30),
        role employee_role NOT NULL,
        pizzeria_id integer REFERENCES pizzerias (id) ON DELETE RESTRICT,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT employees_email_key UNIQUE (email),
        CONSTRAINT employees_shop_staff_have_shop CHECK (role IN ('admin', 'accountant') OR pizzeria_id IS NOT NULL)
      )`);
    await q(`CREATE INDEX employees_pizzeria_idx ON employees (pizzeria_id)`);
    await q(`
      CREATE TABLE auth_tokens (
        id serial PRIMARY KEY,
        token_hash char(64) NOT NULL UNIQUE,
        subject token_subject NOT NULL,
        customer_id integer REFERENCES customers (id) ON DELETE CASCADE,
        employee_id integer REFERENCES employees (id) ON DELETE CASCADE,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT auth_tokens_one_subject CHECK (
          (subject = 'customer' AND customer_id IS NOT NULL AND employee_id IS NULL)
          OR (subject = 'employee' AND employee_id IS NOT NULL AND customer_id IS NULL)
        )
      )`);
    await q(`CREATE INDEX auth_tokens_expires_idx ON auth_tokens (expires_at)`);
  },

  async down(queryInterface) {
    const q = (sql) => queryInterface.sequelize.query(sql);
    await q(`DROP TABLE auth_tokens, employees, addresses, customers`);
    await q(`DROP TYPE token_subject, employee_role`);
  },
};
