// AdminJS's whole application (replaces « Application », rendering the original inside), plus the names that
// screen readers need and AdminJS leaves out: icon-only buttons (pagination arrows, the close buttons of the
// filter panel and of messages, a password field's eye), row selection checkboxes, and filter and form fields
// whose visible label is not tied to the field (react-select, the date picker, text filters). AdminJS takes no
// prop for any of these, so the names are set on its DOM as it renders (a MutationObserver), in French, and
// only where a control has no name of its own.
import React, { useEffect } from 'react';

const PAGINATION = {
  first: 'Première page',
  previous: 'Page précédente',
  next: 'Page suivante',
  last: 'Dernière page',
};

const hasName = (el) =>
  Boolean(
    el.getAttribute('aria-label') ||
    el.getAttribute('aria-labelledby') ||
    (el.id && document.querySelector(`label[for="${CSS.escape(el.id)}"]`)) ||
    el.closest('label'),
  );

/** What an icon-only button does, from where AdminJS puts it (its icons carry no name either). */
function iconButtonName(button) {
  const testId = button.dataset.testid;
  if (PAGINATION[testId]) return PAGINATION[testId];
  // The eye beside a password field shows or hides what was typed.
  if (button.parentElement?.querySelector('input[type="password"], input[name*="assword"]')) {
    return 'Afficher ou masquer le mot de passe';
  }
  // The cross of a message (an error, a notice) dismisses it.
  if (button.closest('.adminjs_MessageBox')) return 'Fermer le message';
  // The cross beside the filter panel's heading closes the panel.
  const heading = button.previousElementSibling;
  if (heading && /^H[1-6]$/.test(heading.tagName)) return `Fermer : ${heading.textContent.trim()}`;
  return null;
}

function nameButton(button) {
  if (button.getAttribute('aria-label') || button.textContent.trim()) return;
  const name = iconButtonName(button);
  if (name) button.setAttribute('aria-label', name);
}

let labelSeq = 0;
const labelId = (label) => (label.id ||= `ocpizza-label-${(labelSeq += 1)}`);

/**
 * The visible label(s) before `field` in its form group (AdminJS puts the field a few levels below). A date
 * range's « - Du : » / « - Au : » comes with the group's own label (« Passée le »).
 */
function precedingLabels(field) {
  let node = field;
  for (let depth = 0; node && depth < 8; depth += 1, node = node.parentElement) {
    for (let sib = node.previousElementSibling; sib; sib = sib.previousElementSibling) {
      if (sib.tagName !== 'LABEL' || !sib.textContent.trim()) continue;
      const main = sib.htmlFor
        ? null
        : [...sib.parentElement.children].find((l) => l.tagName === 'LABEL' && l.htmlFor);
      return main ? [main, sib] : [sib];
    }
  }
  return [];
}

function nameField(field) {
  if (field.type === 'hidden' || hasName(field)) return;
  if (field.type === 'checkbox' && field.closest('table')) {
    field.setAttribute(
      'aria-label',
      field.closest('thead') ? 'Sélectionner toutes les lignes' : 'Sélectionner cette ligne',
    );
    return;
  }
  // A text filter's label says for="filter-x" while its input has only name="filter-x".
  const name = field.getAttribute('name');
  if (
    !field.id &&
    name &&
    !document.getElementById(name) &&
    document.querySelector(`label[for="${CSS.escape(name)}"]`)
  ) {
    field.id = name;
    return;
  }
  const labels = precedingLabels(field);
  if (labels.length) field.setAttribute('aria-labelledby', labels.map(labelId).join(' '));
}

function nameControls(root) {
  root.querySelectorAll('button').forEach(nameButton);
  root.querySelectorAll('input, select, textarea').forEach(nameField);
}

const Application = ({ OriginalComponent, ...props }) => {
  useEffect(() => {
    let pending = false;
    const run = () => {
      pending = false;
      nameControls(document.body);
    };
    run();
    const observer = new MutationObserver(() => {
      if (pending) return;
      pending = true;
      queueMicrotask(run);
    });
    observer.observe(document.body, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, []);
  return <OriginalComponent {...props} />;
};

export default Application;
