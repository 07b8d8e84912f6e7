// Checkout: the delivery details, how to pay, then the order, placed with an Idempotency-Key kept until it
// succeeds (a double click or a retry after a lost answer gets the same order back, never a second one).
import { api, ApiError, newKey } from '../shared/api';
import { h, loading, mount, notice } from '../shared/dom';
import { clearFieldErrors, showFieldErrors } from '../shared/field-errors';
import { go } from './main';
import { blocker, linesTable, quoteCart, quoteError, totalsTable } from './quote';
import { slotPicker } from './slots';
import { clearCart, itemsForApi, persist, state } from './state';
import { PAYMENT_METHODS as METHODS } from '../../../src/modules/orders/payment-labels';
import { payOnline } from './stripe';

export async function checkoutView(main: HTMLElement): Promise<void> {
  const context = state.context;
  if (!context || state.cart.length === 0) return go('/panier');
  if (!state.session) return go('/connexion');
  mount(main, loading());
  let config: { paymentMethods: string[] };
  let quote;
  try {
    [config, quote] = await Promise.all([api<{ paymentMethods: string[] }>('/config'), quoteCart()]);
  } catch (error) {
    return mount(main, notice('error', quoteError(error)), h('a', { href: '#/panier' }, 'Retour au panier'));
  }
  const problem = quote && blocker(quote);
  if (!quote || problem) return go('/panier');
  const delivery = context.fulfilment === 'delivery';
  const message = h('div', { 'aria-live': 'assertive' });
  const submit = h('button', { type: 'submit' }, 'Valider la commande') as HTMLButtonElement;
  const payment = h('div');
  const methods = config.paymentMethods.map((method, i) =>
    h(
      'label.choice',
      h('input', { type: 'radio', name: 'paymentMethod', value: method, checked: i === 0, required: true }),
      METHODS[method]?.[delivery ? 0 : 1] ?? method,
    ),
  );
  const a = context.address;
  const when = slotPicker(context.pizzeriaId, () => context.fulfilment);
  const form = h(
    'form',
    { 'aria-label': 'Validation de la commande' },
    h('h1', 'Valider ma commande'),
    h(
      'section.card',
      h('h2', 'Récapitulatif'),
      h('p', `${context.pizzeriaName} · ${delivery ? 'livraison' : 'à emporter'}`),
      linesTable(quote),
      totalsTable(quote),
    ),
    // The driver or the shop calls this number: asked here when the account has none, saved on the account.
    state.session.customer.phone
      ? null
      : h(
          'section.card',
          h('h2', 'Téléphone'),
          h('label', { for: 'phone' }, 'Votre numéro de téléphone (pour la pizzeria et le livreur)'),
          h('input', { id: 'phone', name: 'phone', type: 'tel', autocomplete: 'tel', required: true }),
        ),
    delivery && a
      ? h(
          'section.card',
          h('h2', 'Livraison'),
          h('p', `${a.line1}, ${a.postcode} ${a.city} `, h('a', { href: '#/' }, 'changer')),
          h('label', { for: 'line2' }, 'Complément (bâtiment, étage, code)'),
          h('input', { id: 'line2', name: 'line2', value: a.line2 ?? '', autocomplete: 'address-line2' }),
          h('label', { for: 'instructions' }, 'Instructions pour le livreur'),
          h('input', { id: 'instructions', name: 'instructions', value: a.instructions ?? '' }),
        )
      : null,
    when.el,
    h('fieldset.card', h('legend', 'Paiement'), methods),
    h('label', { for: 'note' }, 'Un mot pour la pizzeria (facultatif)'),
    h('textarea', { id: 'note', name: 'note', rows: 2, maxlength: 500 }),
    message,
    h('div.actions', h('a.button.secondary', { href: '#/panier' }, 'Retour au panier'), submit),
  );
  mount(main, form, payment);
  // « Complément » and « Instructions » are kept with the cart as they are typed: a reload keeps them.
  form.addEventListener('input', (event) => {
    const input = event.target as HTMLInputElement;
    if (!context.address || (input.name !== 'line2' && input.name !== 'instructions')) return;
    context.address[input.name] = input.value;
    persist();
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(form as HTMLFormElement)) as Record<string, string>;
    submit.disabled = true;
    clearFieldErrors(form);
    if (data.phone !== undefined) {
      try {
        const { customer } = await api<{ customer: NonNullable<typeof state.session>['customer'] }>('/me', {
          method: 'PATCH',
          body: { phone: data.phone },
          token: state.session!.token,
        });
        state.session = { ...state.session!, customer };
        persist();
      } catch (error) {
        const e = error as ApiError;
        if (!showFieldErrors(form, e)) mount(message, notice('error', e.message));
        else mount(message);
        submit.disabled = false;
        return;
      }
    }
    mount(message, loading('Envoi de la commande…'));
    state.pendingKey ??= newKey();
    persist();
    const address =
      delivery && a
        ? {
            ...a,
            line2: data.line2?.trim() || undefined,
            instructions: data.instructions?.trim() || undefined,
          }
        : undefined;
    try {
      const placed = await api<{ order: any; payment?: { clientSecret: string; publishableKey: string } }>(
        '/orders',
        {
          token: state.session!.token,
          headers: { 'Idempotency-Key': state.pendingKey },
          body: {
            pizzeriaId: context.pizzeriaId,
            fulfilment: context.fulfilment,
            address,
            items: itemsForApi(),
            paymentMethod: data.paymentMethod,
            note: data.note?.trim() || undefined,
            scheduledFor: when.value(),
          },
        },
      );
      clearCart();
      if (placed.payment) {
        mount(
          main,
          notice('success', `Commande ${placed.order.number} enregistrée : il reste à la payer.`),
          payment,
        );
        return payOnline(payment, placed.payment, placed.order);
      }
      // The checkout is done: back from tracking leads to the customer's orders (not to an empty checkout), and
      // forward from there returns to tracking.
      history.replaceState(null, '', '#/commandes');
      go(`/suivi/${placed.order.id}`);
    } catch (error) {
      const e = error as ApiError;
      // A refused order may be fixed (stock, address…): a new attempt is a new order, with a new key.
      if (e.status >= 400 && e.status < 500 && e.code !== 'idempotency_key_reused') state.pendingKey = null;
      persist();
      if (e.code === 'slot_full' || e.code === 'slot_invalid') void when.reload();
      mount(
        message,
        notice('error', e.message),
        e.code === 'insufficient_stock' ? h('a', { href: '#/panier' }, 'Modifier le panier') : null,
      );
      submit.disabled = false;
    }
  });
}
