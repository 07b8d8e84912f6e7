'use strict';
// The customer's e-mails about an order's steps are written by the database itself, in the transaction of each
// status change: an AFTER INSERT trigger on order_status_events (every status change writes one row there, the
// placement included) adds the message to the outbox. Same transaction, same guarantee as an INSERT sent by the
// application, but no extra round trip inside the placement and the staff steps (benchmark 7: an INSERT per
// order from the application cost the placement about 10 % of its throughput).
//
// The rules (which events, which are optional, « ready » only for takeaway) are those of ORDER_MESSAGES in
// src/modules/notifications/index.ts; test/integration/notifications/order-messages.test.ts checks both agree.
// The Message-ID is derived from the key by the worker when it sends (it needs MAIL_FROM's domain).

/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface) {
    const q = (sql) => queryInterface.sequelize.query(sql);
    await q(`ALTER TABLE outbox ALTER COLUMN message_id DROP NOT NULL`);
    // Three indexes fewer for every message written: orders and employees are never deleted, and a customer's
    // messages are looked for only on a rare request (their erasure), which may read the whole table.
    await q(`DROP INDEX outbox_order_idx`);
    await q(`DROP INDEX outbox_employee_idx`);
    await q(`DROP INDEX outbox_customer_idx`);
    await q(`
      CREATE FUNCTION outbox_order_status_message() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        event text := CASE WHEN NEW.to_status = 'received' THEN 'confirmation' ELSE NEW.to_status::text END;
      BEGIN
        IF event NOT IN ('confirmation', 'preparing', 'ready', 'out_for_delivery', 'delivered', 'collected',
                         'cancelled') THEN
          RETURN NULL;
        END IF;
        INSERT INTO outbox (key, kind, recipient, recipient_name, payload, order_id, customer_id, pizzeria_id)
        SELECT 'order:' || o.id || ':' || event || ':' || o.version, 'order.' || event, c.email,
               c.first_name || ' ' || c.last_name,
               jsonb_build_object('actor', NEW.actor_type::text, 'note', NEW.note), o.id, c.id, o.pizzeria_id
          FROM orders o JOIN customers c ON c.id = o.customer_id
         WHERE o.id = NEW.order_id
           AND (event <> 'ready' OR o.fulfilment = 'takeaway')
           AND (event IN ('confirmation', 'cancelled') OR c.status_emails)
        ON CONFLICT (key) DO NOTHING;
        RETURN NULL;
      END $$`);
    await q(`CREATE TRIGGER order_status_events_outbox AFTER INSERT ON order_status_events
      FOR EACH ROW EXECUTE FUNCTION outbox_order_status_message()`);
  },

  async down(queryInterface) {
    const q = (sql) => queryInterface.sequelize.query(sql);
    await q(`DROP TRIGGER order_status_events_outbox ON order_status_events`);
    await q(`DROP FUNCTION outbox_order_status_message()`);
    await q(`CREATE INDEX outbox_customer_idx ON outbox (customer_id) WHERE customer_id IS NOT NULL`);
    await q(`CREATE INDEX outbox_employee_idx ON outbox (employee_id) WHERE employee_id IS NOT NULL`);
    await q(`CREATE INDEX outbox_order_idx ON outbox (order_id) WHERE order_id IS NOT NULL`);
    await q(`UPDATE outbox SET message_id = '<' || id || '@ocpizza.invalid>' WHERE message_id IS NULL`);
    await q(`ALTER TABLE outbox ALTER COLUMN message_id SET NOT NULL`);
  },
};
