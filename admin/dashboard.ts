// The back office's home page: the figures of src/modules/dashboard for the signed-in staff member's shop, or
// for the group (and any one shop on request) for the group roles. Roles without `dashboard.view`
// (pizzaiolos) get no figures, only what their home page links to. Roles with `purchasing.view` also get the
// shop's cost of goods (« Coût matière », src/modules/purchasing/food-cost.ts) once one shop is in view.
import type { ActionRequest, CurrentAdmin } from 'adminjs';
import { QueryTypes, type Sequelize } from 'sequelize';
import { can } from '../src/modules/staff/index.js';
import { asStaff, shopOf, type StaffAdmin } from './access.js';
import { principalOf } from './actions/form-action.js';
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

/** The cost of goods of one shop (purchasing.view: admin, the shop's manager, accountant), or why not. */
async function foodCostOf(services: AdminContext['services'], staff: StaffAdmin, shop: number | null) {
  if (!can(staff.role, 'purchasing.view')) return undefined;
  if (shop === null) return null;
  return services.purchasing.foodCost(principalOf(staff), staff.pizzeriaId === null ? shop : undefined);
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
      foodCost: await foodCostOf(services, staff, shop),
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
    // The cost of goods is a shop's (its purchase prices): null until one shop is chosen.
    foodCost: await foodCostOf(services, staff, chosen),
  };
}

export function dashboardOption(ctx: AdminContext) {
  return {
    component: Components.Dashboard,
    handler: async (request: ActionRequest, _response: unknown, context: { currentAdmin?: CurrentAdmin }) =>
      dashboardData(ctx, context.currentAdmin, request.query ?? {}),
  };
}
