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

/** A short French explanation of why the cart cannot be ordered yet, or null. */
export function blocker(quote: Quote): string | null {
  if (quote.missingForMinimumCents > 0) {
    return `Minimum de commande en livraison : ${euros(quote.minimumOrderCents)}. Ajoutez encore ${euros(quote.missingForMinimumCents)}.`;
  }
  return null;
}

export const quoteError = (error: unknown) => (error as ApiError).message;
