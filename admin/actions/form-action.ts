// Record actions that take a small form (stock receipt, waste, count, order status, cancellation, refund) and
// hand the work to a module service. One React component (admin/components/action-form.jsx) renders every one
// from the field list in `custom`; the handler checks the right again (the UI hiding a button proves nothing),
// reads the posted values strictly, calls the service and answers with the record as it now is.
// Business refusals are the services' typed errors: they reach the app's error middleware and answer a 4xx
// with a code and a French message, which the form shows as it is.
import { populator, type Action, type ActionContext, type ActionResponse, type BaseRecord } from 'adminjs';
import { ValidationError } from '../../src/shared/errors.js';
import { parseEuros } from '../../src/shared/money.js';
import type { EmployeePrincipal } from '../../src/modules/auth/index.js';
import { assertGranted, canWrite, type AccessSpec, type Grant, type StaffAdmin } from '../access.js';
import { Components } from '../components.js';

export interface FieldOption {
  value: string;
  label: string;
  /** The record statuses where the option makes sense (the form offers it only then). */
  when?: readonly string[];
}

export interface FormField {
  name: string;
  label: string;
  type: 'integer' | 'euros' | 'text' | 'select';
  required?: boolean;
  help?: string;
  /** A record param whose value is shown after the input (the ingredient's unit…). */
  suffixParam?: string;
  options?: readonly FieldOption[];
  /** Shown only when another field has one of these values (the payment of a delivered order…). */
  showIf?: { field: string; values: readonly string[] };
}

export type FormValues = Record<string, string | number | undefined>;

export interface FormActionSpec {
  access: AccessSpec;
  /** Who may open the form; `run` may check a narrower right for a given value. */
  grant: Grant;
  icon: string;
  intro: string;
  submitLabel: string;
  fields: readonly FormField[];
  /** A reference whose title names the record in the form (the stock item's ingredient…). */
  headingFrom?: string;
  /** Hides the button where the action cannot apply (e.g. cancelling a delivered order). */
  appliesTo?: (record: BaseRecord) => boolean;
  /** Does the work through a module service; returns the French message shown to the staff member, and where
   * to go next when the record's page is no longer the place (the record is gone). */
  run: (args: {
    staff: StaffAdmin;
    record: BaseRecord;
    values: FormValues;
    context: ActionContext;
  }) => Promise<string | { message: string; redirectUrl: string }>;
}

/** The employee behind a back-office session, as the module services know callers. */
export function principalOf(staff: StaffAdmin): EmployeePrincipal {
  return {
    kind: 'employee',
    employeeId: staff.employeeId,
    role: staff.role,
    pizzeriaId: staff.pizzeriaId,
    tokenId: 0,
  };
}

const MAX_TEXT = 500;

function readValue(field: FormField, raw: unknown): string | number | undefined {
  const text =
    typeof raw === 'string' ? raw.trim() : raw === undefined || raw === null ? '' : String(raw).trim();
  if (text === '') {
    if (field.required)
      throw new ValidationError(
        `${field.label} : champ obligatoire.`,
        { field: field.name },
        'field_required',
      );
    return undefined;
  }
  const invalid = (what: string) => new ValidationError(`${field.label} : ${what}.`, { field: field.name });
  switch (field.type) {
    case 'integer': {
      if (!/^\d{1,9}$/.test(text)) throw invalid('un nombre entier positif est attendu');
      return Number(text);
    }
    case 'euros': {
      const cents = parseEuros(text);
      if (cents === null || cents === 0) throw invalid('un montant en euros est attendu, par exemple 12,50');
      return cents;
    }
    case 'select': {
      if (!field.options?.some((o) => o.value === text)) throw invalid('choix inconnu');
      return text;
    }
    default:
      if (text.length > MAX_TEXT) throw invalid(`${MAX_TEXT} caractères au plus`);
      return text;
  }
}

/** Reads the posted form: only the declared fields, each checked; a field hidden by `showIf` is ignored. */
export function readForm(
  fields: readonly FormField[],
  payload: Record<string, unknown> | undefined,
): FormValues {
  const values: FormValues = {};
  for (const field of fields) {
    if (field.showIf && !field.showIf.values.includes(String(values[field.showIf.field] ?? ''))) continue;
    values[field.name] = readValue(field, payload?.[field.name]);
  }
  return values;
}

export function formAction(spec: FormActionSpec): Partial<Action<ActionResponse>> {
  const mayWrite = canWrite(spec.access, spec.grant);
  return {
    actionType: 'record',
    icon: spec.icon,
    component: Components.ActionForm,
    showInDrawer: false,
    custom: {
      intro: spec.intro,
      submitLabel: spec.submitLabel,
      fields: spec.fields,
      headingFrom: spec.headingFrom,
    },
    isAccessible: (context) => mayWrite(context),
    isVisible: (context) =>
      mayWrite(context) && (!context.record || !spec.appliesTo || spec.appliesTo(context.record)),
    handler: async (request, _response, context) => {
      const record = context.record!;
      if (request.method !== 'post') return { record: record.toJSON(context.currentAdmin) };
      const staff = assertGranted(context, spec.grant, record);
      const values = readForm(spec.fields, request.payload);
      const done = await spec.run({ staff, record, values, context });
      if (typeof done !== 'string') {
        return {
          record: record.toJSON(context.currentAdmin),
          notice: { message: done.message, type: 'success' },
          redirectUrl: done.redirectUrl,
        };
      }
      const message = done;
      const found = await context.resource.findOne(String(record.id()), context);
      const [fresh] = found ? await populator([found], context) : [record];
      return {
        record: fresh.toJSON(context.currentAdmin),
        notice: { message, type: 'success' },
        redirectUrl: context.h.recordActionUrl({
          resourceId: context.resource.id(),
          recordId: String(record.id()),
          actionName: 'show',
        }),
      };
    },
  };
}
