// The shop a screen works on: the employee's own, or, for the group roles (no shop of their own), the one they
// pick, remembered on this device.
import { api } from '../shared/api';
import { h, notice } from '../shared/dom';
import { load, save } from '../shared/store';
import type { Session } from './types';

export function shopOf(session: Session): number | null {
  return session.employee.pizzeriaId ?? load<number | null>('staff.shop', null);
}

/** The shop picker of the group roles: a labelled select filled from the public list of shops. */
export function shopPicker(current: number | null, onChange: (shopId: number) => void): HTMLElement {
  const select = h(
    'select',
    {
      id: 'staff-shop',
      on: {
        change: () => {
          const id = Number(select.value);
          if (!id) return;
          save('staff.shop', id);
          onChange(id);
        },
      },
    },
    h('option', { value: '' }, 'Chargement des pizzerias…'),
  ) as HTMLSelectElement;
  const box = h('div.shopbar', h('label', { for: 'staff-shop' }, 'Pizzeria'), select);
  api<{ pizzerias: { id: number; code: string; name: string }[] }>('/pizzerias').then(
    ({ pizzerias }) => {
      select.replaceChildren(
        h('option', { value: '' }, '— Choisir une pizzeria —'),
        ...pizzerias.map((p) =>
          h('option', { value: String(p.id), selected: p.id === current }, `${p.code} · ${p.name}`),
        ),
      );
    },
    (error: Error) => box.append(notice('error', error.message)),
  );
  return box;
}
