// What the back office's pages load, all from this server (no third party, nothing for a browser to fetch
// from the internet):
// - AdminJS's page templates (login and every other page) link Roboto from fonts.googleapis.com: the link is
//   cut from the HTML they render; the theme uses the system fonts instead (admin/branding.ts).
// - AdminJS serves its development builds (26 MB of unminified scripts, 5–9 s per page, console warnings about
//   @emotion/react loaded twice and i18next's debug output) whenever NODE_ENV is not `production`: the
//   back office serves the production builds the package ships (3.3 MB, minified) in every environment. Our own
//   components bundle stays as the environment builds it (readable with source maps while developing).
// - the favicon, on every page.
import { createRequire } from 'node:module';
import path from 'node:path';
import { Router, type RequestHandler } from 'express';
import { fromRoot } from '../src/shared/paths.js';

export const FAVICON_PATH = '/frontend/assets/ocpizza-favicon.png';

const require = createRequire(import.meta.url);
const adminJsScripts = path.join(path.dirname(require.resolve('adminjs')), 'lib/frontend/assets/scripts');
// @adminjs/design-system resolves to build/index.js; its bundles sit beside build/ (as AdminJS's router finds them).
const designSystem = path.join(path.dirname(require.resolve('@adminjs/design-system')), '..');

const PRODUCTION_BUILDS: Record<string, string> = {
  '/frontend/assets/global.bundle.js': path.join(adminJsScripts, 'global-bundle.production.js'),
  '/frontend/assets/app.bundle.js': path.join(adminJsScripts, 'app-bundle.production.js'),
  '/frontend/assets/design-system.bundle.js': path.join(designSystem, 'bundle.production.js'),
};

const GOOGLE_FONTS_LINK = /<link[^>]*fonts\.googleapis\.com[^>]*>\s*/g;
const ICON_LINK = /<link[^>]*rel="(shortcut )?icon"/;

/**
 * Every HTML page of the back office (AdminJS's templates, the recipe memo, the picture page) goes out without
 * the Google Fonts stylesheet and with the favicon (a page without one makes the browser ask for /favicon.ico).
 */
function htmlPages(faviconUrl: string): RequestHandler {
  const icon = `<link rel="icon" type="image/png" href="${faviconUrl}">`;
  return (_req, res, next) => {
    const send = res.send.bind(res);
    res.send = (body?: unknown) => {
      if (typeof body !== 'string' || !/^\s*<!DOCTYPE html/i.test(body)) return send(body);
      const page = body.replace(GOOGLE_FONTS_LINK, '');
      return send(ICON_LINK.test(page) ? page : page.replace('</head>', `${icon}</head>`));
    };
    next();
  };
}

/** Mounted on the back office's router (at `adminPath`) before AdminJS's own, which answers the same paths. */
export function frontendAssets(adminPath: string): Router {
  const router = Router();
  for (const [url, file] of Object.entries(PRODUCTION_BUILDS)) {
    router.get(url, (_req, res) => res.sendFile(file));
  }
  router.get(FAVICON_PATH, (_req, res) => res.sendFile(fromRoot('admin', 'public', 'favicon.png')));
  router.use(htmlPages(faviconUrl(adminPath)));
  return router;
}

export const faviconUrl = (adminPath: string) => `${adminPath.replace(/\/$/, '')}${FAVICON_PATH}`;
