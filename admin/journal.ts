// « Journal des ventes » in the back office (a resource action of the orders, component sales-journal.jsx), for
// the group admin, the accountant and a shop's manager (journal.view; their own shop for a manager): the
// integrity check, the closures with their totals, the manager's « Clôturer la journée » (journal.close), the
// archives of the closed months and years (streamed by admin/pages.ts) and the published public keys.
import type { ActionContext, ActionRequest } from 'adminjs';
import { frenchRate } from '../src/shared/money.js';
import { AppError } from '../src/shared/errors.js';
import { periodDate, verificationReport, type Closure } from '../src/modules/journal/index.js';
import { providerLabel } from '../src/modules/payments/index.js';
import { can } from '../src/modules/staff/index.js';
import { asStaff, granted, shopOf } from './access.js';
import { Components } from './components.js';
import { shopChoices } from './dashboard.js';
import type { AdminDeps } from './deps.js';

export const JOURNAL_ARCHIVE_PATH = '/journal/archive';
/** Closures listed on the page, newest first (the month and year ones are all offered as archives). */
const SHOWN_CLOSURES = 60;

/** Means of payment in the closures' totals: the payments' own, and sales recorded without a settled payment. */
const methodLabel = (method: string) => (method === 'unpaid' ? 'Non payé' : providerLabel(method));

function periodLabel(c: Pick<Closure, 'kind' | 'period'>): string {
  return c.kind === 'year' ? `Exercice ${c.period}` : periodDate(c.period);
}

const dayLabel = (day: string) => periodLabel({ kind: 'day', period: day });

function closureView(c: Closure, shopCode: string, employees: Map<number, string>) {
  return {
    shopCode,
    seq: c.seq,
    kind: c.kind,
    period: c.period,
    periodLabel: periodLabel(c),
    entries: c.entries,
    firstSeq: c.firstSeq,
    lastSeq: c.lastSeq,
    revenueCents: c.totals.revenueCents,
    grandTotalCents: c.grandTotalCents,
    byRate: c.totals.byRate.map((r) => ({
      rate: `${frenchRate(r.rateBp)} %`,
      baseCents: r.baseCents,
      vatCents: r.vatCents,
    })),
    byMethod: c.totals.byMethod.map((m) => ({
      method: m.method,
      label: methodLabel(m.method),
      totalCents: m.totalCents,
    })),
    closedAt: c.closedAt,
    closedBy:
      c.closedByEmployeeId === null
        ? 'automatiquement'
        : `par ${employees.get(c.closedByEmployeeId) ?? `l’employé n° ${c.closedByEmployeeId}`}`,
  };
}

/** The integrity check of one shop's journal (every shop when none), as the page shows it. */
async function verify(deps: AdminDeps, pizzeriaId: number | undefined) {
  const v = await deps.services.journal.verify(pizzeriaId === undefined ? {} : { pizzeriaId });
  const lines = verificationReport(v).split('\n');
  return { ok: v.intact, summary: lines[lines.length - 1], lines: lines.slice(0, -1) };
}

/** The page's data for the staff member (their shop, or the chosen one / every shop for the group roles). */
async function pageData(
  deps: AdminDeps,
  request: ActionRequest,
  context: ActionContext,
  notice?: { type: 'success' | 'danger'; message: string },
) {
  const staff = asStaff(context.currentAdmin)!;
  const own = shopOf(context.currentAdmin);
  const shops = await shopChoices(deps.sequelize, own === 'all' || own === null ? undefined : own);
  const asked = Number(request.query?.pizzeriaId ?? request.payload?.pizzeriaId);
  const shop = own !== 'all' && own !== null ? own : shops.find((s) => s.id === asked)?.id;
  const journal = deps.services.journal;
  const chosen = shop === undefined ? shops : shops.filter((s) => s.id === shop);
  const codes = new Map(chosen.map((s) => [s.id, s.code]));
  const recent = await journal.recentClosures([...codes.keys()], SHOWN_CLOSURES);
  const newestFirst = recent.map((c) => ({ c, code: codes.get(c.pizzeriaId)!, shopId: c.pizzeriaId }));
  const closures = newestFirst.slice(0, SHOWN_CLOSURES);
  const employeeIds = [
    ...new Set(closures.flatMap(({ c }) => (c.closedByEmployeeId ? [c.closedByEmployeeId] : []))),
  ];
  const employees = new Map<number, string>(
    employeeIds.length === 0
      ? []
      : (
          await deps.sequelize.query<{ id: number; name: string }>(
            `SELECT id, first_name || ' ' || last_name AS name FROM employees WHERE id = ANY($1)`,
            { type: 'SELECT' as never, bind: [employeeIds] },
          )
        ).map((e) => [e.id, e.name]),
  );
  const day = shop === undefined ? null : await journal.businessDay(shop);
  const verification = request.query?.verify === '1' ? await verify(deps, shop) : null;
  const keys = await journal.publishedKeys();
  const current = journal.signingKey;
  const allKeys = keys.some((k) => k.keyId === current.keyId)
    ? keys
    : [...keys, { keyId: current.keyId, publicKey: current.publicKeyPem, createdAt: new Date() }];
  return {
    shops,
    shopId: shop ?? null,
    canClose: can(staff.role, 'journal.close') && shop !== undefined,
    businessDay: day,
    businessDayLabel: day ? dayLabel(day) : null,
    dayClosed: day ? closures.some(({ c }) => c.kind === 'day' && c.period === day) : false,
    closures: closures.map(({ c, code }) => closureView(c, code, employees)),
    archives: newestFirst
      .filter(({ c }) => c.kind !== 'day' && can(staff.role, 'accounting.export'))
      .map(({ c, code, shopId }) => ({
        pizzeriaId: shopId,
        period: c.period,
        label: `${code} — ${c.kind === 'month' ? `mois ${periodLabel(c)}` : periodLabel(c)} (.tar signé)`,
      })),
    keys: allKeys.map((k) => ({
      keyId: k.keyId,
      publicKey: k.publicKey,
      current: k.keyId === current.keyId,
    })),
    verification,
    notice,
  };
}

export function salesJournalAction(deps: AdminDeps) {
  return {
    actionType: 'resource' as const,
    icon: 'Shield',
    component: Components.SalesJournal,
    custom: { archivePath: JOURNAL_ARCHIVE_PATH },
    isAccessible: ({ currentAdmin }: ActionContext) => granted(currentAdmin, 'journal.view'),
    handler: async (request: ActionRequest, _response: unknown, context: ActionContext) => {
      if (request.method !== 'post' || request.payload?.close !== 'day')
        return pageData(deps, request, context);
      const staff = asStaff(context.currentAdmin)!;
      const own = shopOf(context.currentAdmin);
      const shop = own !== 'all' && own !== null ? own : Number(request.payload?.pizzeriaId);
      if (!can(staff.role, 'journal.close') || !Number.isSafeInteger(shop)) {
        return pageData(deps, request, context, {
          type: 'danger',
          message: 'Votre rôle ne permet pas de clôturer la journée.',
        });
      }
      try {
        const closure = await deps.services.journal.closeBusinessDay(shop, staff.employeeId);
        return pageData(deps, request, context, {
          type: 'success',
          message:
            `Journée du ${dayLabel(closure.period)} clôturée : ${closure.entries} écriture(s), ` +
            `clôture n° ${closure.seq} signée.`,
        });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        return pageData(deps, request, context, { type: 'danger', message: error.message });
      }
    },
  };
}
