// The cart's totals, always from the server (POST /api/orders/quote): the same computation as placement.
import { api, ApiError } from '../shared/api';
import { euros, h } from '../shared/dom';
import { itemsForApi, state } from './state';

export interface Quote {
  lines: {
    productName: string;
    sizeLabel: string;
    quantity: number;
    unitPriceCents: number;
    lineTotalCents: number;
    extras: { name: string }[];
  }[];
  subtotalCents: number;
  deliveryFeeCents: number;
  totalCents: number;
  minimumOrderCents: number;
  missingForMinimumCents: number;
  freeDeliveryThresholdCents: number | null;
  /** Lines the shop's stock can no longer make (position = index in the cart + 1). */
  unavailable: { position: number; productName: string; sizeLabel: string }[];
}

export async function quoteCart(): Promise<Quote | null> {
  if (!state.context || state.cart.length === 0) return null;
  return api<Quote>('/orders/quote', {
    body: {
      pizzeriaId: state.context.pizzeriaId,
      fulfilment: state.context.fulfilment,
      items: itemsForApi(),
    },
  });
}

export function totalsTable(quote: Quote): HTMLElement {
  const row = (label: string, cents: number, cls = '') =>
    h(`tr${cls}`, h('td', label), h('td.num.price', euros(cents)));
  return h(
    'table.totals',
    { 'aria-label': 'Totaux' },
    h(
      'tbody',
      row('Sous-total', quote.subtotalCents),
      state.context?.fulfilment === 'delivery'
        ? row(quote.deliveryFeeCents ? 'Livraison' : 'Livraison offerte', quote.deliveryFeeCents)
        : null,
      row('Total TTC', quote.totalCents, '.total'),
    ),
  );
}

/** What is ordered, line by line, as the server priced it (the checkout's recap). */
export function linesTable(quote: Quote): HTMLElement {
  return h(
    'table.recap',
    { 'aria-label': 'Articles' },
    h(
      'tbody',
      quote.lines.map((l) =>
        h(
          'tr',
          h(
            'td',
            `${l.quantity} × `,
            h('strong', l.productName),
            ` (${l.sizeLabel})`,
            l.extras.length ? h('div.muted', `+ ${l.extras.map((e) => e.name).join(', ')}`) : null,
          ),
          h('td.num.price', euros(l.lineTotalCents)),
        ),
      ),
    ),
  );
}

/** A short French explanation of why the cart cannot be ordered yet, or null. */
export function blocker(quote: Quote): string | null {
  // A placed order being changed still holds its own stock, which the quote cannot tell: the PATCH checks it.
  if (!state.editingOrderId && quote.unavailable.length > 0) {
    const names = [...new Set(quote.unavailable.map((l) => `${l.productName} (${l.sizeLabel})`))];
    return `Plus assez de stock pour : ${names.join(', ')}. Retirez-le ou réduisez la quantité pour commander.`;
  }
  if (quote.missingForMinimumCents > 0) {
    return `Minimum de commande en livraison : ${euros(quote.minimumOrderCents)}. Ajoutez encore ${euros(quote.missingForMinimumCents)}.`;
  }
  return null;
}

export const quoteError = (error: unknown) => (error as ApiError).message;
