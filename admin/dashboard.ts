// The back office's home page: the figures of src/modules/dashboard for the signed-in staff member's shop, or
// for the group (and any one shop on request) for the group roles. Roles without `dashboard.view`
// (pizzaiolos) get no figures, only what their home page links to.
import type { ActionRequest, CurrentAdmin } from 'adminjs';
import { QueryTypes, type Sequelize } from 'sequelize';
import { can } from '../src/modules/staff/index.js';
import { asStaff, shopOf } from './access.js';
import { Components } from './components.js';
import type { AdminContext } from './deps.js';

interface ShopChoice {
  id: number;
  code: string;
  name: string;
}

/** The shops a picker offers (all, or only the staff member's own), by code. */
export async function shopChoices(db: Sequelize, only?: number): Promise<ShopChoice[]> {
  return db.query<ShopChoice>(
    `SELECT id, code, name FROM pizzerias WHERE ($1::int IS NULL OR id = $1) ORDER BY code`,
    { type: QueryTypes.SELECT, bind: [only ?? null] },
  );
}

export async function dashboardData(
  { sequelize: db, services }: AdminContext,
  admin: CurrentAdmin | undefined,
  query: Record<string, unknown>,
) {
  const staff = asStaff(admin);
  const shop = shopOf(admin);
  const memo = Boolean(staff && can(staff.role, 'recipes.view'));
  if (!staff || shop === null || !can(staff.role, 'dashboard.view')) {
    return { allowed: false, memo, title: staff?.title ?? '' };
  }
  if (shop !== 'all') {
    return {
      allowed: true,
      memo,
      title: staff.title,
      shops: await shopChoices(db, shop),
      figures: await services.dashboard.figures(shop),
    };
  }
  const list = await shopChoices(db);
  const asked = Number(query.pizzeriaId);
  const chosen = list.find((s) => s.id === asked)?.id ?? null;
  return {
    allowed: true,
    memo,
    title: staff.title,
    group: true,
    shops: list,
    figures: await services.dashboard.figures(chosen),
  };
}

export function dashboardOption(ctx: AdminContext) {
  return {
    component: Components.Dashboard,
    handler: async (request: ActionRequest, _response: unknown, context: { currentAdmin?: CurrentAdmin }) =>
      dashboardData(ctx, context.currentAdmin, request.query ?? {}),
  };
}
