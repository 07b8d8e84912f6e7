// A phone or counter order in a few keystrokes: who, how (takeaway or delivery), what (from the shop's menu),
// the totals computed by the server, and how it will be paid. The Idempotency-Key is kept until the order is
// recorded, so sending again after a network error replays the same order instead of creating a second one.
import { api, newKey } from '../shared/api';
import { euros, h, loading, mount, notice } from '../shared/dom';
import { slotPicker } from '../customer/slots';
import { createCart, type ItemInput } from './counter-cart';
import { staffApi } from './session';
import type { Menu, Quote } from './types';

const PAYMENT_CHOICES: [string, string][] = [
  ['card_on_delivery', 'Carte bancaire (à la remise)'],
  ['cash', 'Espèces'],
  ['meal_voucher', 'Titres-restaurant'],
];

const field = (id: string, label: string, input: HTMLElement) =>
  h('div', h('label', { for: id }, label), input);
const input = (id: string, attrs: Record<string, unknown> = {}) =>
  h('input', { id, name: id.replace(/^co-/, ''), ...attrs }) as HTMLInputElement;
// `checked` as an attribute: it is then the default that form.reset() comes back to.
const radio = (name: string, value: string, label: string, checked = false) =>
  h('label.choice', h('input', { type: 'radio', name, value, checked: checked && '' }), label);

export function counterOrderForm(shopId: number, onPlaced: () => void) {
  const name = input('co-name', { autocomplete: 'off' });
  const phone = input('co-phone', { type: 'tel', autocomplete: 'off' });
  const line1 = input('co-line1', { autocomplete: 'off' });
  const postcode = input('co-postcode', { inputmode: 'numeric', maxlength: '5' });
  const city = input('co-city');
  const note = h('textarea', {
    id: 'co-note',
    name: 'note',
    rows: 2,
    maxlength: '500',
  }) as HTMLTextAreaElement;
  const payment = h(
    'select',
    { id: 'co-payment', name: 'paymentMethod' },
    PAYMENT_CHOICES.map(([v, l]) => h('option', { value: v }, l)),
  ) as HTMLSelectElement;
  const address = h(
    'fieldset.address',
    { hidden: true },
    h('legend', 'Adresse de livraison'),
    field('co-line1', 'Numéro et rue', line1),
    h('div.row', field('co-postcode', 'Code postal', postcode), field('co-city', 'Ville', city)),
  );
  const quoteBox = h('div.quote', { 'aria-live': 'polite' });
  const feedback = h('div.feedback');
  const submit = h('button.big', { type: 'submit' }, 'Enregistrer la commande') as HTMLButtonElement;
  const menuBox = h('div.menu-box', loading('Chargement de la carte…'));
  const cart = createCart(() => requestQuote());
  let key: string | null = null;
  // « Dès que possible / Pour plus tard », as on the site (the fulfilment is read when the slots are asked).
  const when = slotPicker(shopId, () => fulfilment(), { idPrefix: 'co-' });

  // Four parts: on a phone they follow one another (the foot stuck to the bottom of the screen); on a tablet the
  // menu stands beside the other three, which fit the screen's height (counter.ts, styles.css).
  const cartPane = h(
    'div.counter-cart.pane',
    cart.cart,
    field('co-note', 'Note pour la cuisine ou le livreur (facultatif)', note),
  );
  const form = h(
    'form.counter-form',
    {
      novalidate: true,
      'aria-label': 'Nouvelle commande',
      on: {
        submit: (e: SubmitEvent) => send(e),
        // A refusal is about what was sent: once something is changed it no longer applies.
        change: () => feedback.querySelector('.notice-error')?.remove(),
      },
    },
    h(
      'div.counter-who.pane',
      h('h2', 'Nouvelle commande'),
      h(
        'fieldset',
        h('legend', 'Client'),
        h(
          'div.choices',
          radio('channel', 'phone', 'Téléphone', true),
          radio('channel', 'counter', 'Comptoir'),
        ),
        h(
          'div.row',
          field('co-name', 'Nom du client', name),
          field('co-phone', 'Téléphone du client', phone),
        ),
      ),
      h(
        'fieldset',
        h('legend', 'Retrait'),
        h(
          'div.choices',
          { on: { change: () => toggleAddress() } },
          radio('fulfilment', 'takeaway', 'À emporter', true),
          radio('fulfilment', 'delivery', 'Livraison'),
        ),
      ),
      address,
      when.el,
    ),
    h('section.counter-products.pane', { 'aria-label': 'Carte' }, menuBox, cart.picker),
    cartPane,
    h(
      'div.counter-foot.pane',
      quoteBox,
      h('div.row', field('co-payment', 'Paiement', payment)),
      feedback,
      h('div.actions', submit),
    ),
  );

  const checked = (group: string) =>
    (form.querySelector(`input[name="${group}"]:checked`) as HTMLInputElement).value;
  const fulfilment = () => checked('fulfilment') as 'takeaway' | 'delivery';

  function toggleAddress() {
    address.hidden = fulfilment() !== 'delivery';
    void when.reload();
    requestQuote();
  }

  let quoteTimer: number | undefined;
  let quoteSeq = 0;
  function requestQuote() {
    window.clearTimeout(quoteTimer);
    const items: ItemInput[] = cart.items();
    if (items.length === 0) return mount(quoteBox);
    mount(quoteBox, loading('Calcul du total…'));
    // Quantities change by keystrokes and taps: ask the server once they settle.
    quoteTimer = window.setTimeout(async () => {
      const seq = ++quoteSeq;
      try {
        const quote = await api<Quote & { lines: { lineTotalCents: number }[] }>('/orders/quote', {
          body: { pizzeriaId: shopId, fulfilment: fulfilment(), items },
        });
        if (seq !== quoteSeq) return;
        cart.showTotals(quote.lines.map((l) => l.lineTotalCents));
        mount(quoteBox, quoteTable(quote));
      } catch (error) {
        if (seq === quoteSeq) mount(quoteBox, notice('error', (error as Error).message));
      }
    }, 250);
  }

  function quoteTable(q: Quote): HTMLElement[] {
    const row = (label: string, cents: number, cls = '') =>
      h(`tr${cls}`, h('td', label), h('td.num.price', euros(cents)));
    return [
      h(
        'table.totals',
        h(
          'tbody',
          // To take away, the total is the subtotal: one line says it.
          fulfilment() === 'delivery' && row('Sous-total', q.subtotalCents),
          fulfilment() === 'delivery' && row('Livraison', q.deliveryFeeCents),
          row('Total à payer', q.totalCents, '.total'),
        ),
      ),
      q.missingForMinimumCents > 0 &&
        notice(
          'info',
          `Minimum de commande en livraison : ${euros(q.minimumOrderCents)} (il manque ${euros(q.missingForMinimumCents)}).`,
        ),
    ].filter(Boolean) as HTMLElement[];
  }

  /** French messages for what is obviously missing, before asking the server; the first field gets focus. */
  function problems(): [string, HTMLElement | null][] {
    const out: [string, HTMLElement | null][] = [];
    const delivery = fulfilment() === 'delivery';
    if (!name.value.trim()) out.push(['Indiquez le nom du client.', name]);
    if (phone.value.trim() && phone.value.trim().length < 6)
      out.push(['Le numéro de téléphone est trop court.', phone]);
    if (delivery && !phone.value.trim())
      out.push(['Indiquez le téléphone du client pour le livreur.', phone]);
    if (delivery && line1.value.trim().length < 3) out.push(['Indiquez le numéro et la rue.', line1]);
    if (delivery && !/^\d{5}$/.test(postcode.value.trim()))
      out.push(['Le code postal a 5 chiffres.', postcode]);
    if (delivery && !city.value.trim()) out.push(['Indiquez la ville.', city]);
    if (cart.items().length === 0) out.push(['Ajoutez au moins un article.', null]);
    return out;
  }

  async function send(event: SubmitEvent) {
    event.preventDefault();
    const found = problems();
    if (found.length > 0) {
      mount(feedback, notice('error', found.map(([m]) => m).join(' ')));
      found.find(([, el]) => el)?.[1]?.focus();
      return;
    }
    const delivery = fulfilment() === 'delivery';
    const body = {
      channel: checked('channel'),
      pizzeriaId: shopId,
      customerName: name.value.trim(),
      ...(phone.value.trim() ? { customerPhone: phone.value.trim() } : {}),
      fulfilment: fulfilment(),
      ...(delivery ? { address: { line1: line1.value, postcode: postcode.value, city: city.value } } : {}),
      items: cart.items(),
      paymentMethod: payment.value,
      ...(note.value.trim() ? { note: note.value.trim() } : {}),
      ...(when.value() ? { scheduledFor: when.value() } : {}),
    };
    key ??= newKey();
    submit.disabled = true;
    submit.textContent = 'Enregistrement…';
    mount(feedback);
    try {
      const { order } = await staffApi<{ order: { number: string; totalCents: number } }>('/staff/orders', {
        body,
        headers: { 'Idempotency-Key': key },
      });
      key = null;
      (form as HTMLFormElement).reset();
      address.hidden = true;
      when.reset();
      cart.clear();
      // On a tablet the items scroll in their pane: the next order starts at its top.
      cartPane.scrollTop = 0;
      mount(quoteBox);
      mount(
        feedback,
        notice('success', `Commande n° ${order.number} enregistrée — total ${euros(order.totalCents)}.`),
      );
      name.focus();
      onPlaced();
    } catch (error) {
      mount(feedback, notice('error', (error as Error).message));
    } finally {
      submit.disabled = false;
      submit.textContent = 'Enregistrer la commande';
    }
  }

  async function loadMenu() {
    try {
      const menu = await api<Menu>(`/pizzerias/${shopId}/menu`);
      mount(menuBox);
      cart.setMenu(menu);
    } catch (error) {
      mount(menuBox, notice('error', (error as Error).message));
    }
  }

  void loadMenu();
  return { el: form, refreshMenu: loadMenu };
}
