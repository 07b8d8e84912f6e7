// Livraisons: the driver's run in route order (those out with them first, then those ready at the shop), with
// directions, the customer's phone and the money to collect. Live: the shop's delivery stream reloads the run as
// soon as an order becomes ready or leaves (live.ts); a card being filled in is kept as is (see keyed.ts).
import { STAFF_STEPS } from '../../../src/modules/orders/staff-steps';
import { euros, h, loading, mount, notice, time } from '../shared/dom';
import { keyedList } from './keyed';
import { liveList } from './live';
import { paymentFields } from './payment';
import { planned } from '../shared/planned';
import { staffApi } from './session';
import type { Delivery, Screen } from './types';

const PAYMENT_LABELS: Record<string, string> = {
  card_online: 'payée en ligne',
  card_on_delivery: 'carte à la livraison',
  cash: 'espèces',
  meal_voucher: 'titres-restaurant',
};

const link = (href: string, text: string, label: string) =>
  h('a.button.secondary', { href, target: '_blank', rel: 'noopener', 'aria-label': label }, text);

export const driverScreen: Screen = (root, { shopId }) => {
  const refresh = h('button.secondary', { type: 'button', on: { click: () => live.reload() } }, 'Actualiser');
  const updated = h('span.muted.updated');
  const message = h('div.feedback', { 'aria-live': 'polite' });
  const run = h('div.run');
  const list = h('ol.deliveries');
  const empty = h('p.empty', { hidden: true }, 'Aucune livraison pour le moment.');
  const actions = h('div.head-actions', updated, refresh);
  mount(
    root,
    h('div.screen-head', h('h1', 'Livraisons'), actions),
    message,
    loading('Chargement de la tournée…'),
    run,
    empty,
    list,
  );
  let disposed = false;

  async function step(
    d: Delivery,
    button: HTMLButtonElement,
    out: HTMLElement,
    body?: unknown,
    done?: string,
  ) {
    const label = button.textContent;
    button.disabled = true;
    button.textContent = 'Envoi…';
    mount(out);
    try {
      const path = `/staff/orders/${d.id}/${STAFF_STEPS[d.status === 'ready' ? 'pickup' : 'deliver'].path}`;
      await staffApi(path, { method: 'POST', body: body ?? {} });
      if (done) mount(message, notice('success', done));
      await live.reload();
    } catch (error) {
      mount(out, notice('error', (error as Error).message));
      button.disabled = false;
      button.textContent = label;
    }
  }

  function card(d: Delivery): HTMLElement {
    const out = h('div.feedback');
    const a = d.address;
    const payment =
      d.status === 'out_for_delivery' && d.amountToCollectCents > 0
        ? paymentFields(d.amountToCollectCents, d.paymentMethod)
        : null;
    const button = h(
      'button.big',
      {
        type: 'button',
        'aria-label': `${d.status === 'ready' ? 'Je pars avec' : 'Livrée :'} la commande n° ${d.number}`,
        on: {
          click: () => {
            if (d.status === 'ready') return step(d, button, out);
            if (!payment) return step(d, button, out, {}, `Commande n° ${d.number} livrée.`);
            const paid = payment.read();
            if (typeof paid === 'string') return mount(out, notice('error', paid));
            const change = payment.changeCents(paid);
            const done = `Commande n° ${d.number} livrée${change > 0 ? ` — monnaie rendue : ${euros(change)}` : ''}.`;
            return step(d, button, out, { payment: paid }, done);
          },
        },
      },
      STAFF_STEPS[d.status === 'ready' ? 'pickup' : 'deliver'].button,
    ) as HTMLButtonElement;
    return h(
      `li.card.stop.${d.status}`,
      { 'data-order-id': d.id },
      h(
        'header.ticket-head',
        h('h2', `${d.routePosition}. n° ${d.number}`),
        h(
          `span.badge${d.status === 'ready' ? '.ok' : ''}`,
          d.status === 'ready' ? 'Prête à partir' : 'En livraison',
        ),
      ),
      h(
        'p.customer',
        h('strong', d.customerName),
        d.scheduledFor
          ? ` · ${planned(d.scheduledFor)}`
          : d.estimatedDeliveryAt && ` · prévue vers ${time(d.estimatedDeliveryAt)}`,
      ),
      h('address', a.line1, a.line2 && [h('br'), a.line2], h('br'), `${a.postcode} ${a.city}`),
      a.instructions && h('p.knote', `Indications : ${a.instructions}`),
      h(
        'div.actions',
        d.customerPhone &&
          h(
            'a.button.secondary',
            { href: `tel:${d.customerPhone.replace(/[^\d+]/g, '')}` },
            `Appeler ${d.customerPhone}`,
          ),
        link(d.directionsUrl, 'Itinéraire', `Itinéraire vers la commande n° ${d.number}`),
      ),
      // The payment form says the amount itself once the driver is at the door.
      payment
        ? payment.el
        : h(
            'p.collect',
            d.amountToCollectCents > 0
              ? [
                  `À encaisser : `,
                  h('strong.price', euros(d.amountToCollectCents)),
                  ` (${PAYMENT_LABELS[d.paymentMethod] ?? d.paymentMethod})`,
                ]
              : h('span.badge.ok', 'Déjà payée'),
          ),
      out,
      h('div.actions', button),
    );
  }

  const show = keyedList<Delivery>(list, card);

  async function load(): Promise<void> {
    refresh.setAttribute('disabled', '');
    try {
      const res = await staffApi<{ deliveries: Delivery[]; runDirectionsUrl: string | null }>(
        `/staff/deliveries?pizzeriaId=${shopId}`,
      );
      if (disposed) return;
      root.querySelector('.loading')?.remove();
      message.querySelector('.notice-error')?.remove();
      mount(
        run,
        res.runDirectionsUrl &&
          link(res.runDirectionsUrl, 'Itinéraire de toute la tournée', 'Itinéraire de toute la tournée'),
      );
      empty.hidden = res.deliveries.length > 0;
      show(res.deliveries);
      updated.textContent = `Mis à jour à ${time(new Date().toISOString())}`;
    } catch (error) {
      if (disposed) return;
      root.querySelector('.loading')?.remove();
      mount(message, notice('error', (error as Error).message));
    } finally {
      refresh.removeAttribute('disabled');
    }
  }

  const live = liveList(`/staff/deliveries/events?pizzeriaId=${shopId}`, load);
  actions.prepend(live.status);
  return () => {
    disposed = true;
    live.dispose();
  };
};
