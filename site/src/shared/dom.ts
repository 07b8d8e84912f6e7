// A tiny DOM helper: h('tag.class', { attributes, on: { event } }, children…), and formatting in French.
import { ORDER_STATUS_LABELS } from '../../../src/modules/orders/status-labels';
type Child = Node | string | number | null | undefined | false | Child[];
type Attrs = Record<string, unknown> & { on?: Record<string, (event: any) => void> };

export function h(tag: string, attrs: Attrs | Child = {}, ...children: Child[]): HTMLElement {
  const [name, ...classes] = tag.split('.');
  const el = document.createElement(name || 'div');
  if (classes.length) el.className = classes.join(' ');
  let props: Attrs = {};
  if (attrs instanceof Node || typeof attrs !== 'object' || attrs === null || Array.isArray(attrs)) {
    children.unshift(attrs as Child);
  } else props = attrs;
  for (const [key, value] of Object.entries(props)) {
    if (key === 'on') {
      for (const [event, handler] of Object.entries(value as Record<string, (e: Event) => void>))
        el.addEventListener(event, handler);
    } else if (value === false || value === null || value === undefined) continue;
    else if (key === 'class') el.className = [el.className, String(value)].filter(Boolean).join(' ');
    else if (key in el && typeof value !== 'string') (el as any)[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el: HTMLElement, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces the content of `target` with `children`. */
export function mount(target: HTMLElement, ...children: Child[]): void {
  target.replaceChildren();
  append(target, children);
}

const EUROS = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
export const euros = (cents: number) => EUROS.format(cents / 100);

const TIME = new Intl.DateTimeFormat('fr-FR', {
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Paris',
});
const DATE = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'Europe/Paris',
});
export const time = (iso: string | null | undefined) => (iso ? TIME.format(new Date(iso)) : '—');
export const dateTime = (iso: string) => DATE.format(new Date(iso));

export const UNITS: Record<string, string> = { g: 'g', ml: 'ml', piece: 'pièce(s)' };

export const STATUS_LABELS: Record<string, string> = ORDER_STATUS_LABELS;

/** A polite live region message: loading, success or error, announced to screen readers. */
export function notice(kind: 'info' | 'error' | 'success', message: string): HTMLElement {
  return h(`p.notice.notice-${kind}`, { role: kind === 'error' ? 'alert' : 'status' }, message);
}

export const loading = (what = 'Chargement…') =>
  h('p.loading', { role: 'status', 'aria-live': 'polite' }, what);
