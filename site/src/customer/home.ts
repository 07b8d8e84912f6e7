// Home: how to order. Delivery: the address decides the shop (the one that delivers it fastest) and the ETA.
// Takeaway: the customer picks a shop, nearest first when they give where they are.
import { api, ApiError } from '../shared/api';
import { euros, h, loading, mount, notice } from '../shared/dom';
import { hoursDisclosure, openStatus, ranges, type ShopHours } from './hours';
import { go } from './main';
import { persist, state, type Address } from './state';

interface Shop extends ShopHours {
  id: number;
  code: string;
  address: { line: string; postcode: string; city: string };
  phone: string;
  delivery: { minOrderCents: number; feeCents: number; freeThresholdCents: number | null };
  distanceM?: number;
  travelSeconds?: number | null;
  deliversHere?: boolean;
}

const minutes = (seconds: number | null | undefined) =>
  seconds ? `${Math.max(1, Math.round(seconds / 60))} min` : '—';

function addressFields(prefix: string, value?: Address) {
  const field = (name: keyof Address, label: string, attrs: Record<string, unknown> = {}) =>
    h(
      'div',
      h('label', { for: `${prefix}-${name}` }, label),
      h('input', { id: `${prefix}-${name}`, name, value: value?.[name] ?? '', required: true, ...attrs }),
    );
  return [
    field('line1', 'Adresse (numéro et rue)', {
      autocomplete: 'address-line1',
      placeholder: '12 rue Oberkampf',
    }),
    h(
      'div.row',
      field('postcode', 'Code postal', {
        autocomplete: 'postal-code',
        inputmode: 'numeric',
        pattern: '\\d{5}',
      }),
      field('city', 'Ville', { autocomplete: 'address-level2' }),
    ),
  ];
}

function shopCard(shop: Shop, action: HTMLElement | null): HTMLElement {
  return h(
    'article.card',
    h(
      'h3',
      shop.name,
      ' ',
      h(`span.badge${shop.isOpenNow ? '.ok' : '.out'}`, shop.isOpenNow ? 'Ouverte' : 'Fermée'),
    ),
    shop.isOpenNow ? null : h('p', { 'data-testid': 'opens' }, h('strong', openStatus(shop))),
    h('p.muted', `${shop.address.line}, ${shop.address.postcode} ${shop.address.city} · ${shop.phone}`),
    h('p', `Aujourd’hui : ${ranges(shop.todayHours)}`),
    shop.distanceM !== undefined
      ? h(
          'p',
          `À ${(shop.distanceM / 1000).toFixed(1).replace('.', ',')} km · environ ${minutes(shop.travelSeconds)} de trajet`,
        )
      : null,
    hoursDisclosure(shop),
    action,
  );
}

function choose(shop: Shop, fulfilment: 'delivery' | 'takeaway', address?: Address): void {
  const changed = state.context?.pizzeriaId !== shop.id;
  state.context = {
    fulfilment,
    pizzeriaId: shop.id,
    pizzeriaName: shop.name,
    address,
    travelSeconds: shop.travelSeconds,
  };
  if (changed && !state.editingOrderId) state.cart = [];
  persist();
  go('/carte');
}

function deliveryForm(result: HTMLElement): HTMLElement {
  const form = h(
    'form.card',
    { 'aria-label': 'Adresse de livraison' },
    h('h2', 'Livraison'),
    ...addressFields('delivery', state.context?.address),
  );
  const submit = h('button', { type: 'submit' }, 'Trouver ma pizzeria');
  form.append(h('div.actions', submit));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form as HTMLFormElement);
    const address: Address = {
      line1: String(data.get('line1')).trim(),
      postcode: String(data.get('postcode')).trim(),
      city: String(data.get('city')).trim(),
    };
    (submit as HTMLButtonElement).disabled = true;
    mount(result, loading('Recherche de la pizzeria la plus rapide…'));
    try {
      const query = encodeURIComponent(`${address.line1}, ${address.postcode} ${address.city}`);
      const found = await api<{ approximate: boolean; pizzerias: Shop[] }>(
        `/pizzerias/nearest?address=${query}`,
      );
      // Every shop whose zone holds the address, open ones first (the API lists them fastest first).
      const delivering = found.pizzerias
        .filter((s) => s.deliversHere)
        .sort((a, b) => Number(b.isOpenNow) - Number(a.isOpenNow));
      const closed = delivering[0] && !delivering[0].isOpenNow ? delivering[0] : null;
      if (closed) {
        mount(
          result,
          h('h2', 'Votre pizzeria'),
          notice(
            'info',
            `${closed.name} livre votre adresse. ${openStatus(closed)} : vous pouvez déjà consulter la carte et préparer votre panier.`,
          ),
          shopCard(
            closed,
            h(
              'button',
              { type: 'button', on: { click: () => choose(closed, 'delivery', address) } },
              `Voir la carte de ${closed.name}`,
            ),
          ),
        );
        return;
      }
      if (delivering.length === 0) {
        const nearest = found.pizzerias[0];
        mount(
          result,
          notice(
            'error',
            nearest
              ? `Aucune de nos pizzerias ne livre cette adresse. La plus proche est ${nearest.name}, à ${(nearest.distanceM! / 1000).toFixed(1).replace('.', ',')} km : vous pouvez y commander à emporter.`
              : 'Aucune pizzeria ne livre cette adresse.',
          ),
        );
        return;
      }
      const best = delivering[0];
      mount(
        result,
        h('h2', 'Votre pizzeria'),
        shopCard(
          best,
          h(
            'button',
            { type: 'button', on: { click: () => choose(best, 'delivery', address) } },
            `Commander chez ${best.name}`,
          ),
        ),
        h(
          'p.muted',
          `Livraison ${euros(best.delivery.feeCents)}${best.delivery.freeThresholdCents !== null ? `, offerte dès ${euros(best.delivery.freeThresholdCents)}` : ''} · minimum ${euros(best.delivery.minOrderCents)}.`,
        ),
        found.approximate ? h('p.muted', 'Distances et temps de trajet approchés.') : null,
      );
    } catch (error) {
      mount(result, notice('error', (error as ApiError).message));
    } finally {
      (submit as HTMLButtonElement).disabled = false;
    }
  });
  return form;
}

async function takeawayList(result: HTMLElement): Promise<void> {
  mount(result, loading());
  try {
    const { pizzerias } = await api<{ pizzerias: Shop[] }>('/pizzerias');
    const open = [...pizzerias].sort((a, b) => Number(b.isOpenNow) - Number(a.isOpenNow));
    mount(
      result,
      h('h2', 'À emporter : choisissez votre pizzeria'),
      h(
        'div.grid',
        open.map((shop) =>
          shopCard(
            shop,
            shop.isOpenNow
              ? h(
                  'button',
                  { type: 'button', on: { click: () => choose(shop, 'takeaway') } },
                  `Retirer chez ${shop.name}`,
                )
              : h(
                  'button.secondary',
                  { type: 'button', on: { click: () => choose(shop, 'takeaway') } },
                  `Voir la carte de ${shop.name}`,
                ),
          ),
        ),
      ),
    );
  } catch (error) {
    mount(result, notice('error', (error as ApiError).message));
  }
}

export function homeView(main: HTMLElement): void {
  const result = h('section', { 'aria-live': 'polite' });
  const choice = h('div.tabs', { role: 'group', 'aria-label': 'Mode de commande' });
  const panel = h('div');
  const show = (mode: 'delivery' | 'takeaway') => {
    for (const button of choice.querySelectorAll('button'))
      button.setAttribute('aria-pressed', String(button.dataset.mode === mode));
    mount(result);
    if (mode === 'delivery') mount(panel, deliveryForm(result));
    else {
      mount(panel);
      void takeawayList(result);
    }
  };
  choice.append(
    h(
      'button.secondary',
      { type: 'button', 'data-mode': 'delivery', on: { click: () => show('delivery') } },
      'Livraison',
    ),
    h(
      'button.secondary',
      { type: 'button', 'data-mode': 'takeaway', on: { click: () => show('takeaway') } },
      'À emporter',
    ),
  );
  mount(
    main,
    h('h1', 'Des pizzas chaudes, livrées ou à emporter'),
    h(
      'p',
      'Commandez en ligne dans l’une de nos pizzerias, payez à la livraison ou en ligne, suivez votre commande en direct.',
    ),
    state.context
      ? notice(
          'info',
          `Vous commandez chez ${state.context.pizzeriaName} (${state.context.fulfilment === 'delivery' ? 'livraison' : 'à emporter'}). `,
        )
      : null,
    state.context ? h('p', h('a.button', { href: '#/carte' }, 'Continuer ma commande')) : null,
    choice,
    panel,
    result,
  );
  show(state.context?.fulfilment ?? 'delivery');
}
