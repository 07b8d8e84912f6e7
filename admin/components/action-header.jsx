// AdminJS's action header, with a title that names the record: « Margherita » on its page, « Modifier —
// Margherita » on its form, « Réception — Mozzarella · P01 » on a stock action (AdminJS titles them « Afficher »,
// « Modifier »…). The browser tab says the same.
import React, { useEffect } from 'react';
import { OriginalActionHeader, useTranslation } from 'adminjs';

// AdminJS translates the header's title as an action name (unknown names come out in Start Case: « T000003 »
// would read « T 000003 »): the title is handed over as a translation of its own.
const TITLE_KEY = 'ocpizzaPageTitle';

const ActionHeader = (props) => {
  const { action, record, resource } = props;
  const { i18n, translateAction, translateLabel } = useTranslation();
  const label = action ? translateAction(action.label, resource.id) : resource.name;
  const name = record?.title;
  let title = label;
  if (name) title = action?.name === 'show' ? name : `${label} — ${name}`;
  else if (action?.name === 'list') title = translateLabel(resource.name, resource.id);
  useEffect(() => {
    document.title = `${title} · OC Pizza — Gestion`;
  }, [title]);
  if (!action) return <OriginalActionHeader {...props} />;
  i18n.addResource(i18n.language, 'translation', `actions.${TITLE_KEY}`, title, { silent: true });
  return <OriginalActionHeader {...props} action={{ ...action, label: TITLE_KEY }} />;
};

export default ActionHeader;
