// Comptoir: taking an order and handing over the takeaway ones. On a phone they follow one another; on a tablet
// the order being built (with its total and « Enregistrer ») stays in its column beside the menu, and the menu's
// column switches to the hand-over list (« À remettre », with how many are ready); on a wide screen the hand-over
// list has a column of its own. « Ruptures » puts the shop's ruptures panel in that column (take an item off:
// the item, then the reason). The layout itself is in styles.css (« counter »).
import { h, mount } from '../shared/dom';
import { counterOrderForm } from './counter-form';
import { handoverList } from './handover';
import { rupturePanel } from './ruptures';
import type { Screen } from './types';

type View = 'products' | 'handover' | 'ruptures';

export const counterScreen: Screen = (root, { shopId }) => {
  const toMenu = h(
    'button.secondary',
    { type: 'button', on: { click: () => show('products') } },
    'Carte',
  ) as HTMLButtonElement;
  const toHandover = h(
    'button.secondary',
    { type: 'button', on: { click: () => show('handover') } },
    'À remettre',
  ) as HTMLButtonElement;
  const toRuptures = h(
    'button.secondary',
    { type: 'button', on: { click: () => show('ruptures') } },
    'Ruptures',
  ) as HTMLButtonElement;
  const handover = handoverList(shopId, (waiting, ready) => {
    toHandover.textContent = `À remettre (${waiting})`;
    toHandover.classList.toggle('has-ready', ready > 0);
    toHandover.setAttribute(
      'aria-label',
      `À remettre : ${waiting} commande${waiting > 1 ? 's' : ''}, dont ${ready} prête${ready > 1 ? 's' : ''}`,
    );
  });
  const form = counterOrderForm(shopId, () => {
    // A new order changes what the stock can still make and, for takeaway, the list to hand over.
    void form.refreshMenu();
    void handover.reload();
  });
  // Any change of the shop's menu (a rupture from here, the kitchen or the back office) reloads the order form's.
  const ruptures = rupturePanel(shopId, () => void form.refreshMenu());
  const layout = h('div.counter-layout', form.el, handover.el, ruptures.el);
  function show(view: View): void {
    layout.dataset.view = view;
    toMenu.setAttribute('aria-pressed', String(view === 'products'));
    toHandover.setAttribute('aria-pressed', String(view === 'handover'));
    toRuptures.setAttribute('aria-pressed', String(view === 'ruptures'));
    if (view === 'ruptures') void ruptures.refresh();
  }
  show('products');
  void ruptures.refresh();
  root.classList.add('counter-screen');
  mount(
    root,
    h(
      'div.screen-head',
      h('h1', 'Comptoir'),
      h(
        'div.counter-views',
        { role: 'group', 'aria-label': 'Colonne de gauche' },
        toMenu,
        toHandover,
        toRuptures,
      ),
    ),
    layout,
  );
  return () => {
    ruptures.dispose();
    handover.dispose();
  };
};
