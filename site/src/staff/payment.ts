// The payment collected at the door or at the counter, for orders not paid online: method and amount received
// (prefilled with the total). The change shown is for display; the server computes and records its own.
import { euros, h } from '../shared/dom';

export interface CollectedPayment {
  method: 'cash' | 'card_terminal' | 'meal_voucher';
  amountReceivedCents: number;
}

const METHODS: [CollectedPayment['method'], string][] = [
  ['cash', 'Espèces'],
  ['card_terminal', 'Carte (terminal)'],
  ['meal_voucher', 'Titres-restaurant'],
];

/** What the customer said they would pay with, as the method collected by default. */
const PREFERRED: Record<string, CollectedPayment['method']> = {
  cash: 'cash',
  card_on_delivery: 'card_terminal',
  meal_voucher: 'meal_voucher',
};

/** "28,30", "28.3", "28" or "28 €" → cents; null when it is not an amount. */
export function parseEuros(text: string): number | null {
  const clean = text.replace(/\s|€/g, '').replace(',', '.');
  if (!/^\d{1,5}(\.\d{1,2})?$/.test(clean)) return null;
  return Math.round(Number(clean) * 100);
}

const amountText = (cents: number) => (cents / 100).toFixed(2).replace('.', ',');

let seq = 0;

export function paymentFields(totalCents: number, paymentMethod: string) {
  const n = ++seq;
  const method = h(
    'select',
    { id: `pay-method-${n}`, name: 'method' },
    METHODS.map(([value, label]) =>
      h('option', { value, selected: value === (PREFERRED[paymentMethod] ?? 'cash') }, label),
    ),
  ) as HTMLSelectElement;
  const amount = h('input', {
    id: `pay-amount-${n}`,
    name: 'amountReceived',
    inputmode: 'decimal',
    autocomplete: 'off',
    value: amountText(totalCents),
  }) as HTMLInputElement;
  const change = h('p.change', { 'aria-live': 'polite' });

  const update = () => {
    // A card terminal takes exactly the total; cash may be more (change); vouchers give no change.
    const card = method.value === 'card_terminal';
    if (card) amount.value = amountText(totalCents);
    amount.readOnly = card;
    const received = parseEuros(amount.value);
    if (method.value !== 'cash') change.textContent = card ? '' : 'Pas de rendu de monnaie sur les titres.';
    else if (received === null) change.textContent = 'Montant reçu invalide.';
    else if (received < totalCents) change.textContent = `Il manque ${euros(totalCents - received)}.`;
    else change.textContent = `Monnaie à rendre : ${euros(received - totalCents)}`;
  };
  method.addEventListener('change', update);
  amount.addEventListener('input', update);
  update();

  const el = h(
    'fieldset.payment',
    h('legend', `À encaisser : ${euros(totalCents)}`),
    h(
      'div.row',
      h('div', h('label', { for: method.id }, 'Moyen de paiement'), method),
      h('div', h('label', { for: amount.id }, 'Montant reçu (€)'), amount),
    ),
    change,
  );

  return {
    el,
    /** The payment to send, or a French message saying what is wrong. */
    read(): CollectedPayment | string {
      const received = parseEuros(amount.value);
      if (received === null) return 'Indiquez le montant reçu en euros (par exemple 50 ou 28,30).';
      return { method: method.value as CollectedPayment['method'], amountReceivedCents: received };
    },
    /** Change due for what was recorded (cash only). */
    changeCents(payment: CollectedPayment): number {
      return payment.method === 'cash' ? Math.max(0, payment.amountReceivedCents - totalCents) : 0;
    },
  };
}
