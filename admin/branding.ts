// The back office's look: OC Pizza's colours (the site's palette, site/src/shared/styles.css), the system
// fonts (nothing fetched from Google), our favicon. AdminJS's greys are too light for text: its grey60 labels
// and sidebar links (3.2:1) and the white text of its grey40 badges (1.8:1) fail WCAG AA, so every colour used
// for text here reaches at least 4.5:1 on the white and light grey backgrounds AdminJS paints.
import type { BrandingOptions } from 'adminjs';
import { faviconUrl } from './assets.js';

/** The site's palette. */
export const OC_PIZZA = {
  red: '#b3261e',
  redDark: '#8c1d18',
  ink: '#1f1f1f',
  ok: '#1b6e3a',
  warn: '#8a5a00',
  link: '#0b57d0',
} as const;

export const SYSTEM_FONTS = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

const colors = {
  text: OC_PIZZA.ink,
  // Buttons, active links, the login panel: white on red 6.5:1, red on white 6.5:1.
  primary100: OC_PIZZA.red,
  primary80: OC_PIZZA.redDark,
  primary60: '#c0392b',
  primary40: '#eba9a3',
  primary20: '#fbe9e7',
  accent: OC_PIZZA.ink,
  love: OC_PIZZA.red,
  grey100: OC_PIZZA.ink,
  grey80: '#3d3d3d',
  // Labels, sidebar links, hints: 6.6:1 on AdminJS's #f8f9f9 background.
  grey60: '#595959',
  // Badge background under white text (5.3:1), placeholders, outlines.
  grey40: '#6b6b6b',
  success: OC_PIZZA.ok,
  successDark: OC_PIZZA.ok,
  successLight: '#e3f1e8',
  warning: OC_PIZZA.warn,
  warningDark: OC_PIZZA.warn,
  warningLight: '#f7eedb',
  info: OC_PIZZA.link,
  infoDark: OC_PIZZA.link,
  infoLight: '#dce7fb',
};

export function branding(adminPath: string): BrandingOptions {
  return {
    companyName: 'OC Pizza — Gestion',
    logo: false,
    withMadeWithLove: false,
    favicon: faviconUrl(adminPath),
    // `font` is one CSS value in the theme; ThemeOverride's typings wrongly make it a record.
    theme: { colors, font: SYSTEM_FONTS as never },
  };
}
