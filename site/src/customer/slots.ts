// « Dès que possible / Pour plus tard »: the choice of when an order is wanted, with the shop's 15-minute slots of
// today and tomorrow from the API (full ones shown disabled, « complet »). Used by the checkout and by the counter
// screen.
import { api } from '../shared/api';
import { h, mount, notice, time } from '../shared/dom';

interface SlotList {
  date: string;
  slots: { at: string; left: number }[];
}

const nextDay = (date: string) =>
  new Date(Date.parse(`${date}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export interface SlotPicker {
  el: HTMLElement;
  /** The chosen slot (ISO), or undefined for « dès que possible ». */
  value(): string | undefined;
  /** Asks the slots again (after a refusal: a slot may have filled up meanwhile). */
  reload(): Promise<void>;
  /** Back to « dès que possible » (the counter's form after an order). */
  reset(): void;
}

/**
 * The choice for a shop and a fulfilment (a function: the counter switches between takeaway and delivery).
 * While the shop is closed, « dès que possible » is off and « pour plus tard » chosen.
 */
export function slotPicker(
  pizzeriaId: number,
  fulfilment: () => 'delivery' | 'takeaway',
  options: { idPrefix?: string } = {},
): SlotPicker {
  const id = `${options.idPrefix ?? ''}slot`;
  const name = `${options.idPrefix ?? ''}when`;
  const asap = h('input', { type: 'radio', name, value: 'asap' }) as HTMLInputElement;
  const later = h('input', { type: 'radio', name, value: 'later' }) as HTMLInputElement;
  const select = h('select', { id, name: 'scheduledFor' }) as HTMLSelectElement;
  const box = h('div.slot-box', { hidden: true }, h('label', { for: id }, 'Créneau'), select);
  const status = h('div', { 'aria-live': 'polite' });
  const closed = h(
    'p.muted',
    { hidden: true },
    'La pizzeria est fermée en ce moment : choisissez un créneau.',
  );
  let closedNow = false;
  const el = h(
    'fieldset.card.when',
    h('legend', 'Quand ?'),
    h('div.choices', h('label.choice', asap, 'Dès que possible'), h('label.choice', later, 'Pour plus tard')),
    closed,
    box,
    status,
  );
  el.setAttribute('data-testid', 'slot-picker');

  const option = (s: { at: string; left: number }) =>
    h(
      'option',
      { value: s.at, disabled: s.left === 0 },
      s.left === 0 ? `${time(s.at)} — complet` : time(s.at),
    );

  let seq = 0;
  async function load() {
    const mine = ++seq;
    mount(status);
    select.replaceChildren();
    try {
      const path = `/pizzerias/${pizzeriaId}/slots?fulfilment=${fulfilment()}`;
      const today = await api<SlotList>(path);
      const tomorrow = await api<SlotList>(`${path}&date=${nextDay(today.date)}`);
      if (mine !== seq) return;
      const groups = [
        ['Aujourd’hui', today],
        ['Demain', tomorrow],
      ] as const;
      for (const [label, list] of groups) {
        if (list.slots.length > 0) select.append(h('optgroup', { label }, list.slots.map(option)));
      }
      const first = [...select.options].find((o) => !o.disabled);
      if (first) select.value = first.value;
      else mount(status, notice('info', 'Aucun créneau disponible aujourd’hui ni demain.'));
    } catch (error) {
      if (mine === seq) mount(status, notice('error', (error as Error).message));
    }
  }

  function show() {
    box.hidden = !later.checked;
    select.required = later.checked;
    if (later.checked) void load();
  }

  function reset() {
    asap.disabled = closedNow;
    closed.hidden = !closedNow;
    (closedNow ? later : asap).checked = true;
    show();
  }

  el.addEventListener('change', (e) => {
    if (e.target !== select) show();
  });
  reset();
  void api<{ pizzerias: { id: number; isOpenNow: boolean }[] }>('/pizzerias').then(
    ({ pizzerias }) => {
      closedNow = pizzerias.find((p) => p.id === pizzeriaId)?.isOpenNow === false;
      if (closedNow) reset();
    },
    () => {}, // the server says so at placement anyway
  );
  return {
    el,
    value: () => (later.checked && select.value ? select.value : undefined),
    reload: () => (later.checked ? load() : Promise.resolve()),
    reset,
  };
}
