// The AdminJS options shared by the app (admin/index.ts adds the resources) and the build-time bundler
// (admin/bundle.ts, which needs only what goes into the component bundle: components and `env`).
import type { AdminJSOptions } from 'adminjs';
import { branding } from './branding.js';
import { componentLoader } from './components.js';
import { locale } from './locale.js';

export function baseOptions(adminPath: string): AdminJSOptions {
  return {
    rootPath: adminPath,
    // Explicit: with a custom rootPath AdminJS would otherwise keep /admin/login and /admin/logout.
    loginPath: `${adminPath}/login`,
    logoutPath: `${adminPath}/logout`,
    // Unused (no auth provider) but its route is mounted: under the secret path too (missing from the typings).
    ...({ refreshTokenPath: `${adminPath}/refresh-token` } as object),
    componentLoader,
    locale,
    branding: branding(adminPath),
    settings: { defaultPerPage: 20 },
  };
}
