// The custom React components of the back office, bundled by AdminJS (dist/admin-bundle, see admin/env.ts).
// None yet: the dashboard and the recipe memo will register theirs here, e.g.
//   export const Components = { Dashboard: componentLoader.add('Dashboard', './components/dashboard') };
// and pass `dashboard: { component: Components.Dashboard, handler }` in admin/index.ts. Each component makes
// the development start-up bundle it (rollup), so keep them few.
import { ComponentLoader } from 'adminjs';

export const componentLoader = new ComponentLoader();
