// Record actions that open a related list filtered on the record (a product's sizes, an order's lines…):
// AdminJS shows no has-many relation without a custom component, and these need none. The target list stays
// guarded by its own resource's rules (and scoped by the data layer); the link only shows when both the
// record and the target may be read.
import type { Action, ActionResponse } from 'adminjs';
import { canRead, granted, type AccessSpec } from './access.js';

export interface LinkTarget {
  resourceId: string;
  access: AccessSpec;
  /** The target's column holding the record's id. */
  filter: string;
}

export function linkTo(from: AccessSpec, target: LinkTarget, icon: string): Partial<Action<ActionResponse>> {
  return {
    actionType: 'record',
    component: false,
    icon,
    isAccessible: (context) => canRead(from)(context) && granted(context.currentAdmin, target.access.read),
    handler: (_request, _response, context) => {
      const record = context.record!;
      const search = `?filters.${target.filter}=${encodeURIComponent(String(record.id()))}`;
      return {
        record: record.toJSON(context.currentAdmin),
        redirectUrl: context.h.resourceUrl({ resourceId: target.resourceId, search }),
      };
    },
  };
}
