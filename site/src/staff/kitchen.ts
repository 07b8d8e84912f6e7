// Cuisine: the shop's live queue, oldest first, readable from across the kitchen. The kitchen stream says when
// something changed; the queue itself is always reloaded from the API, so the screen shows what the server has.
import { STAFF_STEPS } from '../../../src/modules/orders/staff-steps';
import { h, loading, mount, notice, time, UNITS } from '../shared/dom';
import { stream } from '../shared/sse';
import { planned } from '../shared/planned';
import { age, keyedList } from './keyed';
import { rupturePanel } from './ruptures';
import { currentSession, staffApi } from './session';
import type { KitchenOrder, MemoItem, RecipeAllergens, Screen } from './types';

const RELOAD_ON = new Set(['ready', 'resync', 'order.created', 'order.status', 'order.updated']);
/** EventSource gives up for good on an HTTP error (a restarting server answers 503): open a new one. */
const RECONNECT_MS = 5_000;

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
  const live = h('span.live.off', { role: 'status' }, 'Connexion au direct…');
  const message = h('div.feedback');
  const list = h('div.kitchen-grid', { 'aria-live': 'polite' });
  const empty = h(
    'p.empty',
    { hidden: true },
    'Aucune commande en attente. La file se met à jour toute seule.',
  );
  const ruptures = rupturePanel(shopId);
  mount(
    root,
    h('div.screen-head', h('h1', 'Cuisine'), live),
    message,
    loading('Chargement de la file…'),
    empty,
    list,
    ruptures.el,
  );
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
      reload();
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
  let inFlight = false;
  let again = false;
  // Events come in bursts (a order created then started): one reload at a time, one more if any came meanwhile.
  async function reload(): Promise<void> {
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
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
    } finally {
      inFlight = false;
      if (again && !disposed) {
        again = false;
        void reload();
      }
    }
  }

  let close = () => {};
  let retry: number | undefined;
  const connect = () => {
    const session = currentSession();
    if (!session || disposed) return;
    close = stream(
      `/staff/kitchen/events?pizzeriaId=${shopId}`,
      session.token,
      (type) => {
        if (RELOAD_ON.has(type)) void reload();
      },
      (on) => {
        live.className = on ? 'live on' : 'live off';
        live.textContent = on ? 'En direct' : 'Hors ligne — reconnexion…';
        window.clearTimeout(retry);
        if (!on)
          retry = window.setTimeout(() => {
            close();
            // Also tells a revoked session (401) from a network problem.
            void reload();
            connect();
          }, RECONNECT_MS);
      },
    );
  };
  connect();
  void reload();
  const ticker = window.setInterval(() => {
    for (const el of list.querySelectorAll<HTMLElement>('[data-created]'))
      el.textContent = age(el.dataset.created!);
  }, 30_000);
  // An order for later joins the queue at its start time, which no event announces: ask again every minute.
  // Ruptures end by themselves at their time (or from another screen): the panel is read again with it.
  const due = window.setInterval(() => {
    void reload();
    void ruptures.refresh();
  }, 60_000);

  return () => {
    disposed = true;
    close();
    window.clearTimeout(retry);
    window.clearInterval(ticker);
    window.clearInterval(due);
  };
};
