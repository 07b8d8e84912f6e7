'use strict';
// The inalterable sales journal (article 286, I-3° bis du CGI; see src/modules/journal/index.ts and the
// dossier, chapter « Journal des ventes »):
// - sales_journal: one row per event that matters for the money of a sale, per shop, numbered 1, 2, 3… without
//   gap, each carrying the previous row's hash and its own (SHA-256 of its canonical serialisation), and the
//   perpetual grand total;
// - journal_heads: the last number, hash and grand total of each shop, the row locked (FOR UPDATE, as an
//   upsert) by every writer so that two settlements in one shop are numbered one after the other. It is a
//   cache the verifier compares with the journal, never trusts;
// - journal_closures: daily, monthly and fiscal-year closures, chained per shop and signed (Ed25519);
// - journal_keys: the public keys the closures were signed with (published in the back office and archives).
// UPDATE, DELETE and TRUNCATE of the journal, the closures and the keys are refused by triggers. The application's
// role must not own these tables (an owner may disable triggers): see the dossier for the role set-up.
// No personal data: an order's number and id, an employee's id, never a name, phone or address (a customer's
// erasure leaves the journal untouched and verifiable).

/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface) {
    const q = (sql) => queryInterface.sequelize.query(sql);
    await q(`
      CREATE TABLE journal_keys (
        key_id char(16) PRIMARY KEY,
        public_key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q(`
      CREATE TABLE sales_journal (
        pizzeria_id integer NOT NULL REFERENCES pizzerias(id),
        seq bigint NOT NULL CHECK (seq > 0),
        at timestamptz NOT NULL,
        kind varchar(16) NOT NULL CHECK (kind IN ('sale', 'payment', 'refund', 'cancellation', 'correction')),
        order_id uuid,
        order_number varchar(40) NOT NULL,
        amount_cents bigint NOT NULL,
        ht_cents bigint NOT NULL,
        vat jsonb NOT NULL,
        method varchar(16) NOT NULL,
        revenue boolean NOT NULL,
        employee_id integer,
        reference varchar(80),
        grand_total_cents bigint NOT NULL,
        prev_hash char(64) NOT NULL,
        hash char(64) NOT NULL,
        PRIMARY KEY (pizzeria_id, seq)
      )`);
    await q(`CREATE INDEX sales_journal_at_idx ON sales_journal (at)`);
    await q(`CREATE INDEX sales_journal_order_idx ON sales_journal (order_id)`);
    await q(`
      CREATE TABLE journal_heads (
        pizzeria_id integer PRIMARY KEY REFERENCES pizzerias(id),
        last_seq bigint NOT NULL DEFAULT 0,
        prev_hash char(64) NOT NULL DEFAULT repeat('0', 64),
        last_hash char(64) NOT NULL DEFAULT repeat('0', 64),
        grand_total_cents bigint NOT NULL DEFAULT 0
      )`);
    await q(`
      CREATE TABLE journal_closures (
        pizzeria_id integer NOT NULL REFERENCES pizzerias(id),
        seq integer NOT NULL CHECK (seq > 0),
        kind varchar(8) NOT NULL CHECK (kind IN ('day', 'month', 'year')),
        period varchar(10) NOT NULL,
        first_seq bigint,
        last_seq bigint,
        entries integer NOT NULL,
        totals jsonb NOT NULL,
        grand_total_cents bigint NOT NULL,
        closed_at timestamptz NOT NULL,
        closed_by_employee_id integer,
        prev_hash char(64) NOT NULL,
        hash char(64) NOT NULL,
        key_id char(16) NOT NULL REFERENCES journal_keys(key_id),
        signature text NOT NULL,
        PRIMARY KEY (pizzeria_id, seq),
        UNIQUE (pizzeria_id, kind, period)
      )`);
    // The canonical text of an entry and its hash. src/modules/journal/canonical.ts writes the same text for
    // the verifier (test/unit/journal/canonical.test.ts and every verification of fresh entries check they agree).
    await q(`
      CREATE FUNCTION journal_entry_hash(p_pizzeria integer, p_seq bigint, p_at timestamptz, p_kind text,
        p_order_id uuid, p_order_number text, p_amount bigint, p_ht bigint, p_vat jsonb, p_method text,
        p_revenue boolean, p_employee integer, p_reference text, p_grand_total bigint, p_prev text)
      RETURNS char(64) LANGUAGE sql STABLE AS $$
        SELECT encode(sha256(convert_to(concat_ws('|', 'OCPJ1', p_pizzeria, p_seq,
          to_char(p_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), p_kind,
          coalesce(p_order_id::text, ''), p_order_number, p_amount, p_ht,
          coalesce((SELECT string_agg(concat_ws(':', v->>'rateBp', v->>'baseCents', v->>'vatCents'), ';'
                                      ORDER BY (v->>'rateBp')::int)
                      FROM jsonb_array_elements(p_vat) v), ''),
          p_method, CASE WHEN p_revenue THEN '1' ELSE '0' END, coalesce(p_employee::text, ''),
          coalesce(p_reference, ''), p_grand_total, p_prev), 'UTF8')), 'hex')
      $$`);
    await q(`
      CREATE FUNCTION journal_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the sales journal is inalterable: % on % refused (a correction is a new entry)',
          TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const table of ['sales_journal', 'journal_closures', 'journal_keys']) {
      await q(`CREATE TRIGGER ${table}_no_change BEFORE UPDATE OR DELETE ON ${table}
               FOR EACH ROW EXECUTE FUNCTION journal_refuse_change()`);
      await q(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
               FOR EACH STATEMENT EXECUTE FUNCTION journal_refuse_change()`);
    }
  },

  async down(queryInterface) {
    const q = (sql) => queryInterface.sequelize.query(sql);
    await q(`DROP TABLE journal_closures, journal_heads, sales_journal, journal_keys`);
    await q(`DROP FUNCTION journal_refuse_change()`);
    await q(`DROP FUNCTION journal_entry_hash(integer, bigint, timestamptz, text, uuid, text, bigint, bigint, jsonb,
      text, boolean, integer, text, bigint, text)`);
  },
};
