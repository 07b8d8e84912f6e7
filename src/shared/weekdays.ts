// The week as French staff and customers read it, Monday first, keyed like opening hours (`mon` … `sun`): the
// site's week of hours and the back office's « Réglages » form both list it.
export const WEEK_FR = [
  ['mon', 'Lundi'],
  ['tue', 'Mardi'],
  ['wed', 'Mercredi'],
  ['thu', 'Jeudi'],
  ['fri', 'Vendredi'],
  ['sat', 'Samedi'],
  ['sun', 'Dimanche'],
] as const;
