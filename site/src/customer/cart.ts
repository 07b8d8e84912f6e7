// The cart: quantities, the server's totals, and the way on (checkout, or saving the change of a placed order).
import { api, ApiError } from '../shared/api';
import { h, loading, mount, notice } from '../shared/dom';
import { go, renderNav } from './main';
import { blocker, quoteCart, quoteError, totalsTable } from './quote';
import { clearCart, itemsForApi, setQuantity, state } from './state';

function lineRow(index: number, refresh: () => void): HTMLElement {
  const item = state.cart[index];
  const change = (delta: number) => {
    setQuantity(index, item.quantity + delta);
    refresh();
  };
  const label = `${item.name} (${item.sizeLabel})`;
  return h(
    'tr',
    { 'data-line': index + 1 },
    h(
      'td',
      h('strong', item.name),
      ` ${item.sizeLabel}`,
      item.extraNames.length ? h('div.muted', `+ ${item.extraNames.join(', ')}`) : null,
    ),
    h(
      'td.num',
      h(
        'span.qty',
        h(
          'button.secondary',
          { type: 'button', 'aria-label': `Retirer un ${label}`, on: { click: () => change(-1) } },
          '−',
        ),
        h('span', { 'aria-label': `Quantité de ${label}` }, String(item.quantity)),
        h(
          'button.secondary',
          { type: 'button', 'aria-label': `Ajouter un ${label}`, on: { click: () => change(1) } },
          '+',
        ),
      ),
    ),
  );
}

export async function cartView(main: HTMLElement): Promise<void> {
  const refresh = () => void cartView(main);
  renderNav();
  if (!state.context) return go('/');
  if (state.cart.length === 0) {
    return mount(
      main,
      h('h1', 'Votre panier'),
      h('p', 'Votre panier est vide.'),
      h('a.button', { href: '#/carte' }, 'Voir la carte'),
      state.editingOrderId
        ? h(
            'p',
            h(
              'button.ghost',
              {
                type: 'button',
                on: {
                  click: () => {
                    clearCart();
                    go('/commandes');
                  },
                },
              },
              'Abandonner la modification',
            ),
          )
        : null,
    );
  }
  const totals = h('div', { 'aria-live': 'polite' }, loading('Calcul du total…'));
  const message = h('div', { 'aria-live': 'assertive' });
  const next = h(
    'button',
    { type: 'button', disabled: true },
    state.editingOrderId ? 'Enregistrer la modification' : 'Commander',
  );
  mount(
    main,
    h('h1', state.editingOrderId ? 'Modifier ma commande' : 'Votre panier'),
    h(
      'p.muted',
      `${state.context.pizzeriaName} · ${state.context.fulfilment === 'delivery' ? 'livraison' : 'à emporter'}`,
    ),
    h(
      'table',
      h('thead', h('tr', h('th', 'Article'), h('th.num', 'Quantité'))),
      h(
        'tbody',
        state.cart.map((_, i) => lineRow(i, refresh)),
      ),
    ),
    totals,
    message,
    h('div.actions', h('a.button.secondary', { href: '#/carte' }, 'Continuer mes achats'), next),
  );
  try {
    const quote = await quoteCart();
    if (!quote) return;
    mount(totals, totalsTable(quote));
    // A placed order being changed still holds its own stock: the quote cannot tell, the PATCH checks it.
    const out = state.editingOrderId ? [] : quote.unavailable;
    for (const line of out) {
      const row = main.querySelector<HTMLElement>(`tr[data-line="${line.position}"]`);
      row?.classList.add('cart-out');
      row?.firstElementChild?.append(h('span.badge.out', 'plus disponible'));
    }
    const problem = blocker(quote);
    if (problem) return mount(message, notice('error', problem));
    (next as HTMLButtonElement).disabled = false;
  } catch (error) {
    mount(totals);
    return mount(message, notice('error', quoteError(error)));
  }
  next.addEventListener('click', async () => {
    if (!state.editingOrderId) return go(state.session ? '/commander' : '/connexion');
    (next as HTMLButtonElement).disabled = true;
    try {
      const id = state.editingOrderId;
      await api(`/orders/${id}`, {
        method: 'PATCH',
        body: { items: itemsForApi() },
        token: state.session?.token,
      });
      clearCart();
      go(`/suivi/${id}`);
    } catch (error) {
      const e = error as ApiError;
      // Too late (preparation started, or the order is gone): the change can never be saved, so leave modify
      // mode at once; otherwise the customer could not order anything until every line was removed by hand.
      if (e.code === 'order_locked' || e.status === 404) {
        const id = state.editingOrderId;
        clearCart();
        renderNav();
        return mount(
          main,
          h('h1', 'Modification impossible'),
          notice(
            'error',
            `${e.message} Votre modification n’a pas été enregistrée et votre panier a été vidé : vous pouvez passer une nouvelle commande.`,
          ),
          h(
            'div.actions',
            id ? h('a.button.secondary', { href: `#/suivi/${id}` }, 'Suivre ma commande') : null,
            h('a.button', { href: '#/carte' }, 'Nouvelle commande'),
          ),
        );
      }
      mount(message, notice('error', e.message));
      (next as HTMLButtonElement).disabled = false;
    }
  });
}
