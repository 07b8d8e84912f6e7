// « Ruptures » on the staff screens: take a size or an extra off this shop's menu in two taps (the item, then the
// reason), optionally for a while; put it back in one. Only this shop's menu changes (POST /api/staff/ruptures);
// the site and the counter read the menu live, so the item is « épuisé » there at once. Used by the kitchen
// and counter screens.
import { h, mount, notice, time } from '../shared/dom';
import { menuChanges } from '../shared/sse';
import { staffApi } from './session';
import type { Menu } from './types';

interface Rupture {
  id: number;
  sizeId: number | null;
  extraId: number | null;
  label: string;
  reason: string;
  until: string | null;
}

type Target = { sizeId: number } | { extraId: number };

const REASONS = [
  'Ingrédient épuisé',
  'Pâte épuisée',
  'Problème de four ou de matériel',
  'Qualité insuffisante',
];
const DURATIONS: [string, number | null][] = [
  ['Jusqu’à remise en vente', null],
  ['30 minutes', 30],
  ['1 heure', 60],
  ['2 heures', 120],
];

/**
 * The panel, kept live by the shop's menu stream (a rupture from another screen or the back office shows at
 * once); `onChange` runs on each menu change too (the counter reloads its own menu then). `dispose` stops it.
 */
export function rupturePanel(
  shopId: number,
  onChange: () => void = () => {},
): { el: HTMLElement; refresh: () => Promise<void>; dispose: () => void } {
  const feedback = h('div.feedback', { role: 'status' });
  const current = h('ul.rupture-list');
  const items = h('div.rupture-items');
  const duration = h(
    'select',
    { id: 'rupture-duration' },
    DURATIONS.map(([label, minutes]) =>
      h('option', { value: minutes === null ? '' : String(minutes) }, label),
    ),
  ) as HTMLSelectElement;
  const reasons = h('div.rupture-reasons', {
    hidden: true,
    role: 'group',
    'aria-label': 'Motif de la rupture',
  });
  let chosen: { target: Target; label: string } | null = null;

  async function start(reason: string) {
    if (!chosen) return;
    const minutes = duration.value ? Number(duration.value) : null;
    const until = minutes ? new Date(Date.now() + minutes * 60_000).toISOString() : undefined;
    try {
      await staffApi(`/staff/ruptures`, {
        method: 'POST',
        body: { pizzeriaId: shopId, ...chosen.target, reason, ...(until ? { until } : {}) },
      });
      const label = chosen.label;
      chosen = null;
      reasons.hidden = true;
      // Said once the panel shows it (the item's button disabled, the rupture listed), not before.
      await refresh();
      mount(feedback, notice('success', `${label} : en rupture dans cette pizzeria.`));
    } catch (error) {
      mount(feedback, notice('error', (error as Error).message));
    }
  }

  function choose(target: Target, label: string) {
    chosen = { target, label };
    mount(
      reasons,
      h('p.rupture-chosen', 'Motif pour ', h('strong', label), ' :'),
      REASONS.map((r) => h('button.big', { type: 'button', on: { click: () => void start(r) } }, r)),
      h(
        'button.secondary',
        { type: 'button', on: { click: () => ((reasons.hidden = true), (chosen = null)) } },
        'Annuler',
      ),
    );
    reasons.hidden = false;
    (reasons.querySelector('button') as HTMLButtonElement).focus();
  }

  async function end(r: Rupture) {
    try {
      await staffApi(`/staff/ruptures/${r.id}/end?pizzeriaId=${shopId}`, { method: 'POST' });
      await refresh();
      mount(feedback, notice('success', `${r.label} : remis en vente.`));
    } catch (error) {
      mount(feedback, notice('error', (error as Error).message));
    }
  }

  async function refresh(): Promise<void> {
    try {
      const [menu, { ruptures }] = await Promise.all([
        staffApi<Menu>(`/pizzerias/${shopId}/menu`),
        staffApi<{ ruptures: Rupture[] }>(`/staff/ruptures?pizzeriaId=${shopId}`),
      ]);
      const off = new Set(ruptures.map((r) => (r.sizeId ? `s${r.sizeId}` : `e${r.extraId}`)));
      mount(
        current,
        ruptures.length === 0
          ? h('li.muted', 'Aucun article en rupture.')
          : ruptures.map((r) =>
              h(
                'li.rupture',
                h('strong', r.label),
                ` — ${r.reason}${r.until ? ` (jusqu’à ${time(r.until)})` : ''} `,
                h(
                  'button.secondary',
                  {
                    type: 'button',
                    'aria-label': `Remettre en vente : ${r.label}`,
                    on: { click: () => void end(r) },
                  },
                  'Remettre en vente',
                ),
              ),
            ),
      );
      const button = (target: Target, label: string, key: string) =>
        h(
          'button.secondary.rupture-item',
          { type: 'button', disabled: off.has(key), on: { click: () => choose(target, label) } },
          label,
        );
      mount(
        items,
        menu.products.flatMap((p) =>
          p.sizes.map((s) => button({ sizeId: s.id }, `${p.name} — ${s.label}`, `s${s.id}`)),
        ),
        // Extras are named « Supplément … » in the catalogue.
        menu.extras.map((e) => button({ extraId: e.id }, e.name, `e${e.id}`)),
      );
    } catch (error) {
      mount(feedback, notice('error', (error as Error).message));
    }
  }

  const el = h(
    'section.card.ruptures',
    { 'aria-labelledby': 'ruptures-title' },
    h('h2', { id: 'ruptures-title' }, 'Ruptures de cette pizzeria'),
    current,
    feedback,
    h(
      'details',
      h('summary', 'Mettre un article en rupture'),
      h('p.muted', 'Touchez l’article, puis le motif. Seule cette pizzeria est concernée.'),
      h('label', { for: 'rupture-duration' }, 'Durée : '),
      duration,
      reasons,
      items,
    ),
  );
  const dispose = menuChanges(shopId, () => {
    onChange();
    void refresh();
  });
  return { el, refresh, dispose };
}
