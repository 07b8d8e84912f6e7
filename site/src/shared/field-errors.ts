// The API names the fields it refuses (422 validation_failed: details [{ path, message }]): each message goes
// under its field, tied to it by aria-describedby, so that the customer sees which field to fix.
import type { ApiError } from './api';
import { h } from './dom';

export function clearFieldErrors(form: HTMLElement): void {
  for (const old of form.querySelectorAll('.field-error')) old.remove();
  for (const input of form.querySelectorAll('[aria-invalid="true"]')) {
    input.removeAttribute('aria-invalid');
    input.removeAttribute('aria-describedby');
  }
}

/** Shows the field messages of `error` in `form`; true when at least one field was named. */
export function showFieldErrors(form: HTMLElement, error: ApiError): boolean {
  clearFieldErrors(form);
  const details = Array.isArray(error.details)
    ? (error.details as { path?: unknown; message?: unknown }[])
    : [];
  let shown = false;
  for (const detail of details) {
    const name = String(detail.path ?? '').split('.')[0];
    const input = name ? form.querySelector<HTMLElement>(`[name="${CSS.escape(name)}"]`) : null;
    if (!input || typeof detail.message !== 'string') continue;
    const id = `${input.id || name}-error`;
    const text = detail.message.charAt(0).toUpperCase() + detail.message.slice(1);
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', id);
    input.insertAdjacentElement('afterend', h('p.field-error', { id }, text));
    shown = true;
  }
  return shown;
}
