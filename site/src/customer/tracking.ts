// Live tracking of one order: its steps, its estimated time, what was ordered. The page follows the order's
// event stream (SSE) and re-reads the order at each event, so each step shows without a reload. While the order
// is not in preparation it can be changed or cancelled; when it is too late, the server's answer says so.
import { api, ApiError } from '../shared/api';
import { euros, h, loading, mount, notice, STATUS_LABELS, time } from '../shared/dom';
import { stream } from '../shared/sse';
import { go } from './main';
import { paymentLabel } from '../../../src/modules/orders/payment-labels';
import { planned } from '../shared/planned';
import { forgetSession, persist, state } from './state';

interface Order {
  id: string;
  number: string;
  status: string;
  fulfilment: 'delivery' | 'takeaway';
  pizzeria: {
    id: number;
    name: string;
    phone: string;
    address: { line: string; postcode: string; city: string };
  };
  deliveryAddress: {
    line1: string;
    postcode: string;
    city: string;
    line2: string | null;
    instructions: string | null;
  } | null;
  lines: {
    productId: number;
    sizeId: number;
    productName: string;
    sizeLabel: string;
    quantity: number;
    extras: { id: number; name: string }[];
    lineTotalCents: number;
  }[];
  subtotalCents: number;
  deliveryFeeCents: number;
  totalCents: number;
  paymentMethod: string;
  paymentStatus: string;
  paymentFailureReason: string | null;
  estimatedReadyAt: string | null;
  estimatedDeliveryAt: string | null;
  scheduledFor: string | null;
  canModify: boolean;
  history: { to: string; at: string }[];
}

const STEPS = {
  delivery: ['received', 'preparing', 'ready', 'out_for_delivery', 'delivered'],
  takeaway: ['received', 'preparing', 'ready', 'collected'],
};

function timeline(order: Order): HTMLElement {
  // Said once: the cancel button's answer is this re-rendered page, not a second message.
  if (order.status === 'cancelled') return notice('info', `Commande ${order.number} annulée.`);
  const steps =
    order.status === 'pending_payment'
      ? ['pending_payment', ...STEPS[order.fulfilment]]
      : STEPS[order.fulfilment];
  const final = ['delivered', 'collected'].includes(order.status);
  // A finished order has every step done; otherwise the current step is highlighted.
  const current = final ? steps.length : steps.indexOf(order.status);
  const when = (status: string) => order.history.find((e) => e.to === status)?.at;
  return h(
    'ol.timeline',
    { 'aria-label': 'Étapes de la commande', 'data-testid': 'timeline' },
    steps.map((status, i) =>
      h(
        `li${i < current ? '.done' : i === current ? '.current' : ''}`,
        { 'aria-current': i === current ? 'step' : false, 'data-status': status },
        STATUS_LABELS[status] ?? status,
        when(status) ? h('span.muted', ` · ${time(when(status))}`) : null,
      ),
    ),
  );
}

function eta(order: Order): HTMLElement | null {
  if (['delivered', 'collected', 'cancelled'].includes(order.status)) return null;
  // An order for later: the time the customer chose.
  if (order.scheduledFor)
    return h('p.eta', { 'data-testid': 'eta' }, h('strong', planned(order.scheduledFor)));
  const at = order.fulfilment === 'delivery' ? order.estimatedDeliveryAt : order.estimatedReadyAt;
  if (!at) return null;
  return h(
    'p.eta',
    { 'data-testid': 'eta' },
    order.fulfilment === 'delivery' ? 'Livraison prévue vers ' : 'Prête vers ',
    h('strong', time(at)),
  );
}

function startEditing(order: Order): void {
  state.cart = order.lines.map((l) => ({
    productId: l.productId,
    sizeId: l.sizeId,
    quantity: l.quantity,
    extraIds: l.extras.map((e) => e.id).sort((a, b) => a - b),
    name: l.productName,
    sizeLabel: l.sizeLabel,
    extraNames: l.extras.map((e) => e.name),
  }));
  state.editingOrderId = order.id;
  if (state.context?.pizzeriaId !== order.pizzeria.id) {
    const a = order.deliveryAddress;
    state.context = {
      fulfilment: order.fulfilment,
      pizzeriaId: order.pizzeria.id,
      pizzeriaName: order.pizzeria.name,
      address: a ? { line1: a.line1, postcode: a.postcode, city: a.city } : undefined,
    };
  }
  persist();
  go('/panier');
}

export async function trackingView(main: HTMLElement, [orderId]: string[]): Promise<(() => void) | void> {
  if (!state.session) return go('/connexion');
  const token = state.session.token;
  const live = h('p.live.off', { 'aria-live': 'polite' }, 'Connexion au suivi en direct…');
  const body = h('div', loading('Chargement de la commande…'));
  const message = h('div', { 'aria-live': 'assertive' });
  mount(main, body, message, live);

  const render = (order: Order) => {
    const cancel = h('button.ghost', { type: 'button' }, 'Annuler la commande') as HTMLButtonElement;
    cancel.addEventListener('click', async () => {
      if (!confirm(`Annuler la commande ${order.number} ?`)) return;
      cancel.disabled = true;
      try {
        const { order: updated } = await api<{ order: Order }>(`/orders/${order.id}/cancel`, {
          body: {},
          token,
        });
        mount(message);
        render(updated);
      } catch (error) {
        mount(message, notice('error', (error as ApiError).message));
        cancel.disabled = false;
      }
    });
    const a = order.deliveryAddress;
    mount(
      body,
      h('h1', `Commande ${order.number}`),
      h(
        'p.muted',
        `${order.pizzeria.name} · ${order.pizzeria.phone} · ${order.fulfilment === 'delivery' ? 'livraison' : 'à emporter'}`,
      ),
      h('h2', { 'data-testid': 'status' }, STATUS_LABELS[order.status] ?? order.status),
      eta(order),
      order.paymentFailureReason && order.status === 'pending_payment'
        ? notice('error', order.paymentFailureReason)
        : null,
      timeline(order),
      a ? h('p', `Livraison : ${a.line1}${a.line2 ? `, ${a.line2}` : ''}, ${a.postcode} ${a.city}`) : null,
      order.fulfilment === 'takeaway'
        ? h(
            'p',
            { 'data-testid': 'pickup' },
            `À retirer chez ${order.pizzeria.name} : ${order.pizzeria.address.line}, ${order.pizzeria.address.postcode} ${order.pizzeria.address.city} · `,
            h('a', { href: `tel:${order.pizzeria.phone.replace(/[^\d+]/g, '')}` }, order.pizzeria.phone),
          )
        : null,
      h(
        'p',
        { 'data-testid': 'payment' },
        `Paiement : ${paymentLabel(order.paymentMethod, order.fulfilment)}`,
      ),
      h(
        'table',
        h(
          'tbody',
          order.lines.map((l) =>
            h(
              'tr',
              h(
                'td',
                `${l.quantity} × ${l.productName} (${l.sizeLabel})${l.extras.length ? ` + ${l.extras.map((e) => e.name).join(', ')}` : ''}`,
              ),
              h('td.num.price', euros(l.lineTotalCents)),
            ),
          ),
        ),
        h(
          'tfoot',
          order.deliveryFeeCents
            ? h('tr', h('td', 'Livraison'), h('td.num.price', euros(order.deliveryFeeCents)))
            : null,
          h('tr', h('th', 'Total TTC'), h('th.num.price', euros(order.totalCents))),
        ),
      ),
      order.canModify
        ? h(
            'div.actions',
            h(
              'button.secondary',
              { type: 'button', on: { click: () => startEditing(order) } },
              'Modifier la commande',
            ),
            cancel,
          )
        : order.status === 'preparing'
          ? h('p.muted', 'La préparation a commencé : la commande ne peut plus être modifiée ni annulée.')
          : null,
    );
  };

  const refresh = async () => {
    try {
      render((await api<{ order: Order }>(`/orders/${orderId}`, { token })).order);
    } catch (error) {
      const e = error as ApiError;
      if (e.status === 401) {
        forgetSession();
        return go('/connexion');
      }
      mount(body, notice('error', e.message));
    }
  };
  await refresh();
  return stream(
    `/orders/${orderId}/events`,
    token,
    () => void refresh(),
    (connected) => {
      live.className = `live ${connected ? 'on' : 'off'}`;
      live.textContent = connected ? 'Suivi en direct' : 'Suivi en direct interrompu, reconnexion…';
    },
  );
}
