// Cuisine: the shop's live queue, oldest first, readable from across the kitchen. The kitchen stream says when
// something changed; the queue itself is always reloaded from the API, so the screen shows what the server has.
import { STAFF_STEPS } from '../../../src/modules/orders/staff-steps';
import { h, loading, mount, notice, time, UNITS } from '../shared/dom';
import { planned } from '../shared/planned';
import { age, keyedList } from './keyed';
import { liveList } from './live';
import { rupturePanel } from './ruptures';
import { staffApi } from './session';
import type { KitchenOrder, MemoItem, RecipeAllergens, Screen } from './types';

const memoItem = (m: MemoItem, prefix = '') =>
  h('li', `${prefix}${m.name} : `, h('strong', `${m.quantity} ${UNITS[m.unit] ?? m.unit}`));

/** Allergens of a pizza's recipe (from the recipe memo, by product name: kitchen lines carry the name). */
type AllergensByName = Map<string, RecipeAllergens>;

function allergenNote(recipe: RecipeAllergens | undefined): HTMLElement | null {
  if (!recipe) return null;
  const labels = recipe.allergens.map((a) => a.label).join(', ') || 'aucun';
  return h(
    'p.kallergens',
    h('span.allergen-title', 'Allergènes : '),
    labels,
    recipe.allergensIncomplete && h('span.allergens-todo', ' — à confirmer'),
  );
}

function line(l: KitchenOrder['lines'][number], recipes: AllergensByName): HTMLElement {
  const steps = l.memo.steps
    .split('\n')
    .map((s) => s.replace(/^\s*\d+[.)]\s*/, '').trim())
    .filter(Boolean);
  return h(
    'li.kline',
    h(
      'p.kline-title',
      h('strong.kqty', `${l.quantity} ×`),
      ` ${l.productName} `,
      h('span.ksize', l.sizeLabel),
    ),
    l.extras.length > 0 && h('p.kextras', `+ ${l.extras.map((e) => e.name).join(', ')}`),
    allergenNote(recipes.get(l.productName)),
    // A drink or a bought-in dessert is its one ingredient with no steps: nothing to recall.
    (steps.length > 0 || l.memo.ingredients.length > 1) &&
      h(
        'div.memo',
        h('p.memo-title', l.quantity > 1 ? 'Pour une pizza :' : 'Recette :'),
        h(
          'ul.memo-ingredients',
          l.memo.ingredients.map((m) => memoItem(m)),
          l.memo.extras.map((m) => memoItem(m, '+ ')),
        ),
        h(
          'details',
          h('summary', 'Étapes de la recette'),
          h(
            'ol',
            steps.map((s) => h('li', s)),
          ),
        ),
      ),
  );
}

function ticket(
  order: KitchenOrder,
  recipes: AllergensByName,
  act: (order: KitchenOrder, button: HTMLButtonElement, out: HTMLElement) => void,
) {
  const received = order.status === 'received';
  const step = STAFF_STEPS[received ? 'start' : 'ready'];
  const button = h(
    received ? 'button.big' : 'button.big.done',
    { type: 'button', on: { click: () => act(order, button, feedback) } },
    step.button,
  ) as HTMLButtonElement;
  button.setAttribute('aria-label', `${step.button} : commande n° ${order.number}`);
  const feedback = h('div.feedback');
  return h(
    `article.card.ticket${received ? '' : '.preparing'}`,
    { 'data-order-id': order.id, 'aria-label': `Commande n° ${order.number}` },
    h(
      'header.ticket-head',
      h('h2', `n° ${order.number}`),
      h(
        `span.badge${order.fulfilment === 'delivery' ? '.delivery' : ''}`,
        order.fulfilment === 'delivery' ? 'Livraison' : 'À emporter',
      ),
      h('span.age', { 'data-created': order.createdAt }, age(order.createdAt)),
    ),
    h(
      'p.muted',
      `${order.customerName} · ${received ? 'Reçue' : 'En préparation'} · prête vers ${time(order.estimatedReadyAt)}`,
      order.scheduledFor && h('strong.planned', ` · ${planned(order.scheduledFor)}`),
    ),
    order.note && h('p.knote', `Note : ${order.note}`),
    h(
      'ul.klines',
      order.lines.map((l) => line(l, recipes)),
    ),
    feedback,
    h('div.actions', button),
  );
}

export const kitchenScreen: Screen = (root, { shopId }) => {
  const message = h('div.feedback');
  const list = h('div.kitchen-grid', { 'aria-live': 'polite' });
  const empty = h(
    'p.empty',
    { hidden: true },
    'Aucune commande en attente. La file se met à jour toute seule.',
  );
  const head = h('div.screen-head', h('h1', 'Cuisine'));
  const ruptures = rupturePanel(shopId);
  mount(root, head, message, loading('Chargement de la file…'), empty, list, ruptures.el);
  void ruptures.refresh();
  let disposed = false;

  async function act(order: KitchenOrder, button: HTMLButtonElement, out: HTMLElement) {
    const label = button.textContent;
    button.disabled = true;
    button.textContent = 'Envoi…';
    mount(out);
    try {
      await staffApi(
        `/staff/orders/${order.id}/${STAFF_STEPS[order.status === 'received' ? 'start' : 'ready'].path}`,
        {
          method: 'POST',
        },
      );
      void live.reload();
    } catch (error) {
      mount(out, notice('error', (error as Error).message));
      button.disabled = false;
      button.textContent = label;
    }
  }

  const recipes: AllergensByName = new Map();
  // Read once, before the first tickets are drawn; without it (no right to the memo) tickets just lack the line.
  const recipesLoaded = staffApi<{ recipes: (RecipeAllergens & { name: string })[] }>('/staff/recipes').then(
    (res) => res.recipes.forEach((r) => recipes.set(r.name, r)),
    () => undefined,
  );
  const show = keyedList<KitchenOrder>(list, (o) => ticket(o, recipes, act));
  async function load(): Promise<void> {
    try {
      const { orders } = await staffApi<{ orders: KitchenOrder[] }>(`/staff/kitchen?pizzeriaId=${shopId}`);
      await recipesLoaded;
      if (disposed) return;
      root.querySelector('.loading')?.remove();
      mount(message);
      empty.hidden = orders.length > 0;
      show(orders);
    } catch (error) {
      if (!disposed) {
        root.querySelector('.loading')?.remove();
        mount(message, notice('error', (error as Error).message));
      }
    }
  }

  const live = liveList(`/staff/kitchen/events?pizzeriaId=${shopId}`, load);
  head.append(live.status);
  const ticker = window.setInterval(() => {
    for (const el of list.querySelectorAll<HTMLElement>('[data-created]'))
      el.textContent = age(el.dataset.created!);
  }, 30_000);
  // An order for later joins the queue at its start time, which no event announces: ask again every minute.
  // Ruptures that reach their end announce nothing: the panel is read again with it.
  const due = window.setInterval(() => {
    void live.reload();
    void ruptures.refresh();
  }, 60_000);

  return () => {
    disposed = true;
    live.dispose();
    ruptures.dispose();
    window.clearInterval(ticker);
    window.clearInterval(due);
  };
};
