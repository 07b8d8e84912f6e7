// The counter's hand-over list: takeaway orders of the shop not handed over yet, ready ones first, kept live by
// the shop's takeaway stream (live.ts). « Remettre » records the hand-over with the payment collected when the
// order was not paid beforehand.
import { STAFF_STEPS } from '../../../src/modules/orders/staff-steps';
import { euros, h, loading, mount, notice, STATUS_LABELS, time } from '../shared/dom';
import { keyedList } from './keyed';
import { liveList } from './live';
import { paymentFields } from './payment';
import { planned } from '../shared/planned';
import { staffApi } from './session';
import type { TakeawayOrder } from './types';

/** `onList` hears how many orders wait and how many of them are ready, after each reload. */
export function handoverList(shopId: number, onList: (waiting: number, ready: number) => void = () => {}) {
  const refresh = h('button.secondary', { type: 'button', on: { click: () => live.reload() } }, 'Actualiser');
  const head = h('div.screen-head', h('h2', 'À remettre'), refresh);
  const message = h('div.feedback', { 'aria-live': 'polite' });
  const list = h('ul.handover');
  const empty = h('p.empty', { hidden: true }, 'Aucune commande à emporter en attente.');
  const el = h(
    'section.handover-box',
    { 'aria-label': 'Commandes à remettre' },
    head,
    message,
    loading('Chargement…'),
    empty,
    list,
  );
  let stopped = false;

  async function handOver(
    o: TakeawayOrder,
    button: HTMLButtonElement,
    out: HTMLElement,
    pay: ReturnType<typeof paymentFields> | null,
  ) {
    const payment = pay?.read();
    if (typeof payment === 'string') return mount(out, notice('error', payment));
    button.disabled = true;
    button.textContent = 'Envoi…';
    mount(out);
    try {
      await staffApi(`/staff/orders/${o.id}/${STAFF_STEPS.collect.path}`, {
        body: payment ? { payment } : {},
      });
      const change = payment ? pay!.changeCents(payment) : 0;
      mount(
        message,
        notice(
          'success',
          `Commande n° ${o.number} remise${change > 0 ? ` — monnaie rendue : ${euros(change)}` : ''}.`,
        ),
      );
      await live.reload();
    } catch (error) {
      mount(out, notice('error', (error as Error).message));
      button.disabled = false;
      button.textContent = 'Remettre';
    }
  }

  function card(o: TakeawayOrder): HTMLElement {
    const ready = o.status === 'ready';
    const out = h('div.feedback');
    const pay =
      ready && o.amountToCollectCents > 0 ? paymentFields(o.amountToCollectCents, o.paymentMethod) : null;
    const button = ready
      ? (h(
          'button.big',
          {
            type: 'button',
            'aria-label': `${STAFF_STEPS.collect.button} la commande n° ${o.number}`,
            on: { click: () => handOver(o, button!, out, pay) },
          },
          STAFF_STEPS.collect.button,
        ) as HTMLButtonElement)
      : null;
    return h(
      `li.card.ticket${ready ? '.ready' : '.preparing'}`,
      { 'data-order-id': o.id },
      h(
        'header.ticket-head',
        h('h3', `n° ${o.number}`),
        h(`span.badge${ready ? '.ok' : ''}`, STATUS_LABELS[o.status] ?? o.status),
      ),
      h(
        'p',
        h('strong', o.customerName),
        o.customerPhone && [
          ' · ',
          h('a', { href: `tel:${o.customerPhone.replace(/[^\d+]/g, '')}` }, o.customerPhone),
        ],
      ),
      h('p.muted', o.lines.map((l) => `${l.quantity} × ${l.productName} (${l.sizeLabel})`).join(', ')),
      h(
        'p',
        'Total ',
        h('span.price', euros(o.totalCents)),
        // The payment form of a ready order says what to collect itself.
        !pay && ' · ',
        !pay &&
          (o.amountToCollectCents > 0
            ? `à encaisser : ${euros(o.amountToCollectCents)}`
            : h('span.badge.ok', 'Déjà payée')),
      ),
      !ready && h('p.muted', `En cuisine — prête vers ${time(o.estimatedReadyAt)}`),
      o.scheduledFor && h('p.planned', planned(o.scheduledFor)),
      pay?.el,
      out,
      button && h('div.actions', button),
    );
  }

  const show = keyedList<TakeawayOrder>(list, card);

  async function load(): Promise<void> {
    refresh.setAttribute('disabled', '');
    try {
      const { orders } = await staffApi<{ orders: TakeawayOrder[] }>(`/staff/takeaway?pizzeriaId=${shopId}`);
      if (stopped) return;
      el.querySelector('.loading')?.remove();
      message.querySelector('.notice-error')?.remove();
      empty.hidden = orders.length > 0;
      show(orders);
      onList(orders.length, orders.filter((o) => o.status === 'ready').length);
    } catch (error) {
      if (stopped) return;
      el.querySelector('.loading')?.remove();
      mount(message, notice('error', (error as Error).message));
    } finally {
      refresh.removeAttribute('disabled');
    }
  }

  const live = liveList(`/staff/takeaway/events?pizzeriaId=${shopId}`, load);
  head.insertBefore(live.status, refresh);
  return {
    el,
    reload: live.reload,
    dispose() {
      stopped = true;
      live.dispose();
    },
  };
}
