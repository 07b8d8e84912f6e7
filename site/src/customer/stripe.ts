// Online payment with Stripe's Payment Element: the card is typed into Stripe's own frame and sent to Stripe,
// never to our server, which only ever sees the PaymentIntent (created at placement, confirmed by webhook).
// Stripe.js is loaded from Stripe (as its terms require) only when a customer pays online.
import { euros, h, mount, notice } from '../shared/dom';

declare global {
  interface Window {
    Stripe?: (key: string) => any;
  }
}

function loadStripe(): Promise<NonNullable<Window['Stripe']>> {
  if (window.Stripe) return Promise.resolve(window.Stripe);
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = 'https://js.stripe.com/v3/';
    script.onload = () => (window.Stripe ? resolve(window.Stripe) : reject(new Error('Stripe.js')));
    script.onerror = () => reject(new Error('Stripe.js'));
    document.head.append(script);
  });
}

export async function payOnline(
  target: HTMLElement,
  payment: { clientSecret: string; publishableKey: string },
  order: { id: string; number: string; totalCents: number },
): Promise<void> {
  const message = h('div', { 'aria-live': 'assertive' });
  const button = h('button', { type: 'submit' }, `Payer ${euros(order.totalCents)}`) as HTMLButtonElement;
  const frame = h('div', { id: 'payment-element' });
  const form = h(
    'form.card',
    { 'aria-label': 'Paiement par carte' },
    h('h2', `Paiement de la commande ${order.number}`),
    frame,
    message,
    h('div.actions', button),
  );
  mount(target, form);
  let stripe: any;
  let elements: any;
  try {
    stripe = (await loadStripe())(payment.publishableKey);
    elements = stripe.elements({ clientSecret: payment.clientSecret, locale: 'fr' });
    elements.create('payment').mount(frame);
  } catch {
    mount(
      message,
      notice(
        'error',
        'Le paiement en ligne ne se charge pas. Réessayez plus tard : sans paiement, la commande sera annulée automatiquement.',
      ),
    );
    button.disabled = true;
    return;
  }
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    button.disabled = true;
    const { error } = await stripe.confirmPayment({
      elements,
      confirmParams: { return_url: `${location.origin}/#/suivi/${order.id}` },
    });
    // Only reached when the payment could not be confirmed (success redirects to the tracking page).
    mount(
      message,
      notice('error', error?.message ?? 'Le paiement n’a pas abouti. Vérifiez votre carte et réessayez.'),
    );
    button.disabled = false;
  });
}
