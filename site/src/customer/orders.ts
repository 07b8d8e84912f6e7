// The customer's orders, newest first, each opening its tracking page.
import { api, ApiError } from '../shared/api';
import { dateTime, euros, h, loading, mount, notice, STATUS_LABELS } from '../shared/dom';
import { go } from './main';
import { forgetSession, state } from './state';

export async function ordersView(main: HTMLElement): Promise<void> {
  if (!state.session) return go('/connexion');
  mount(main, h('h1', 'Mes commandes'), loading());
  try {
    const { orders } = await api<{ orders: any[] }>('/orders', { token: state.session.token });
    mount(
      main,
      h('h1', 'Mes commandes'),
      orders.length === 0
        ? h('p', 'Aucune commande pour l’instant. ', h('a', { href: '#/' }, 'Commander'))
        : h(
            'table',
            h(
              'thead',
              h('tr', h('th', 'Commande'), h('th', 'Passée le'), h('th', 'Statut'), h('th.num', 'Total')),
            ),
            h(
              'tbody',
              orders.map((o) =>
                h(
                  'tr',
                  h('td', h('a', { href: `#/suivi/${o.id}` }, o.number)),
                  h('td', dateTime(o.createdAt)),
                  h('td', STATUS_LABELS[o.status] ?? o.status),
                  h('td.num.price', euros(o.totalCents)),
                ),
              ),
            ),
          ),
    );
  } catch (error) {
    const e = error as ApiError;
    if (e.status === 401) {
      forgetSession();
      return go('/connexion');
    }
    mount(main, h('h1', 'Mes commandes'), notice('error', e.message));
  }
}
