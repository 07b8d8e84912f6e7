'use strict';
// A payment can never be refunded beyond what it took, whatever writes the refunds (the service, a script, a
// console): payments.refunded_cents is the running total of the payment's refunds that did not fail, kept by
// a trigger on refunds IN THE SAME STATEMENT as the refund's own insert, update or delete, and CHECKed against
// amount_cents. Concurrent refunds all update the one payment row, so PostgreSQL serialises them and the last
// one past the cap is refused. A Stripe refund is recorded once: its reference is unique.
//
// Existing rows that already break the rule (over-refunded payments, a Stripe refund recorded twice) are not
// silently "fixed": which refund was really handed out is for a person to decide. The migration stops and
// names them instead.

/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface) {
    const q = (sql) => queryInterface.sequelize.query(sql);
    const [over] = await q(`
      SELECT p.id, p.order_id, p.amount_cents, SUM(r.amount_cents)::int AS refunded_cents
        FROM payments p JOIN refunds r ON r.payment_id = p.id AND r.status <> 'failed'
       GROUP BY p.id HAVING SUM(r.amount_cents) > p.amount_cents ORDER BY p.id`);
    const [twice] = await q(`
      SELECT provider_reference, array_agg(id ORDER BY id) AS refund_ids
        FROM refunds WHERE provider_reference IS NOT NULL
       GROUP BY provider_reference HAVING count(*) > 1 ORDER BY provider_reference`);
    if (over.length > 0 || twice.length > 0) {
      const lines = [
        ...over.map(
          (p) =>
            `payment ${p.id} (order ${p.order_id}): ${p.refunded_cents} cents refunded of ${p.amount_cents} paid`,
        ),
        ...twice.map((r) => `provider refund ${r.provider_reference} recorded by refunds ${r.refund_ids}`),
      ];
      throw new Error(
        'refund-cap: existing refunds break the rule this migration enforces; correct them (e.g. set the ' +
          "status of the refunds that were never handed out to 'failed') and migrate again:\n  " +
          lines.join('\n  '),
      );
    }
    await q(`ALTER TABLE payments ADD COLUMN refunded_cents integer NOT NULL DEFAULT 0`);
    await q(`
      UPDATE payments p SET refunded_cents = r.total
        FROM (SELECT payment_id, SUM(amount_cents)::int AS total FROM refunds WHERE status <> 'failed'
               GROUP BY payment_id) r
       WHERE r.payment_id = p.id`);
    await q(`
      ALTER TABLE payments ADD CONSTRAINT payments_refunded_within_amount
        CHECK (refunded_cents >= 0 AND refunded_cents <= amount_cents)`);
    await q(`ALTER TABLE refunds ADD CONSTRAINT refunds_provider_reference_key UNIQUE (provider_reference)`);
    await q(`
      CREATE FUNCTION refunds_keep_payment_total() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'INSERT' AND OLD.status <> 'failed' THEN
          UPDATE payments SET refunded_cents = refunded_cents - OLD.amount_cents WHERE id = OLD.payment_id;
        END IF;
        IF TG_OP <> 'DELETE' AND NEW.status <> 'failed' THEN
          UPDATE payments SET refunded_cents = refunded_cents + NEW.amount_cents WHERE id = NEW.payment_id;
        END IF;
        RETURN NULL;
      END $$`);
    await q(`
      CREATE TRIGGER refunds_keep_payment_total
        AFTER INSERT OR DELETE OR UPDATE OF payment_id, amount_cents, status ON refunds
        FOR EACH ROW EXECUTE FUNCTION refunds_keep_payment_total()`);
  },

  async down(queryInterface) {
    const q = (sql) => queryInterface.sequelize.query(sql);
    await q(`DROP TRIGGER refunds_keep_payment_total ON refunds`);
    await q(`DROP FUNCTION refunds_keep_payment_total()`);
    await q(`ALTER TABLE refunds DROP CONSTRAINT refunds_provider_reference_key`);
    await q(`ALTER TABLE payments DROP COLUMN refunded_cents`);
  },
};
