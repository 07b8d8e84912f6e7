// The privacy page (/confidentialite): the site build's template (site/privacy.html, with the site's stylesheet
// and no script) whose {{…}} the server fills in from the settings: the company, the contact of personal-data
// requests and the retention periods, so that what the page promises is what the retention job does.
import type { Settings } from '../config/index.js';
import { escapeHtml } from '../shared/html.js';

export interface PrivacyFacts {
  company: string;
  contactEmail: string;
  /** The retention job's periods, in days. */
  retentionDays: {
    customerInactive: number;
    orderDetails: number;
    geocodeCache: number;
    outbox: number;
    staff: number;
  };
}

export function privacyFacts(settings: Settings): PrivacyFacts {
  const { retention } = settings;
  return {
    company: settings.mail.companyName,
    contactEmail: settings.privacy.contactEmail,
    retentionDays: {
      customerInactive: retention.customerInactiveDays,
      orderDetails: retention.orderDetailsDays,
      geocodeCache: retention.geocodeCacheDays,
      outbox: retention.outboxDays,
      staff: retention.staffDays,
    },
  };
}

const YEAR_DAYS = 365;

/** « 3 ans », « 1 an », « 90 jours »: whole years when the period is some, else days. */
export function frenchDuration(days: number): string {
  if (days >= YEAR_DAYS && days % YEAR_DAYS === 0) {
    const years = days / YEAR_DAYS;
    return years === 1 ? '1 an' : `${years} ans`;
  }
  return days === 1 ? '1 jour' : `${days} jours`;
}

/** The page's text: every {{name}} of the template replaced, escaped; an unknown name is a build mistake. */
export function renderPrivacyPage(template: string, facts: PrivacyFacts): string {
  const values: Record<string, string> = {
    company: facts.company,
    contact: facts.contactEmail,
    customerInactive: frenchDuration(facts.retentionDays.customerInactive),
    orderDetails: frenchDuration(facts.retentionDays.orderDetails),
    geocodeCache: frenchDuration(facts.retentionDays.geocodeCache),
    outbox: frenchDuration(facts.retentionDays.outbox),
    staff: frenchDuration(facts.retentionDays.staff),
  };
  return template.replace(/\{\{(\w+)\}\}/g, (_all, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`privacy page: unknown placeholder {{${name}}}`);
    return escapeHtml(value);
  });
}
