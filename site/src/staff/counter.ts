// Comptoir: taking an order (left, or first on a phone) and handing over the takeaway ones (right).
import { h, mount } from '../shared/dom';
import { counterOrderForm } from './counter-form';
import { handoverList } from './handover';
import type { Screen } from './types';

export const counterScreen: Screen = (root, { shopId }) => {
  const handover = handoverList(shopId);
  const form = counterOrderForm(shopId, () => {
    // A new order changes what the stock can still make and, for takeaway, the list to hand over.
    void form.refreshMenu();
    void handover.reload();
  });
  mount(root, h('h1', 'Comptoir'), h('div.counter-layout', form.el, handover.el));
  return () => handover.dispose();
};
