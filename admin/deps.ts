// What the back office needs from the app: the settings, the Sequelize models' connection (AdminJS's lists and
// forms) and the module services that every business action goes through (the same objects the API uses).
import type { AppContext } from '../src/context.js';
import { PRIMARY_MODEL_READS, type ModelReads } from '../src/db/sequelize.js';

export type AdminContext = Pick<AppContext, 'settings' | 'logger' | 'sequelize' | 'modelReads' | 'services'>;
export type AdminDeps = AdminContext & { modelReads: ModelReads };

export const adminDeps = (ctx: AdminContext): AdminDeps => ({
  ...ctx,
  modelReads: ctx.modelReads ?? PRIMARY_MODEL_READS,
});
