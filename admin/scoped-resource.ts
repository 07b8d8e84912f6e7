// The data layer of the back office: the Sequelize adapter of AdminJS with three guarantees added where every
// read goes through, so that no screen, filter, reference lookup or hand-typed API call can bypass them:
// - shop scoping: shop staff only ever read (and change) rows of their own shop, whatever the request asks;
// - hidden columns (password hashes) are never selected, so they cannot reach any JSON, filter or export;
// - counts stop at a cap, so the list of a table with millions of rows does not count them all on each page;
// - lists of the order tables may read from the replica (listReads), never record pages or pre-write checks.
// Action-level rules (who may do what) live in admin/access.ts; this layer is the floor under them.
import { BaseRecord, ForbiddenError, ValidationError, type ActionContext, type Filter } from 'adminjs';
import { Resource as SequelizeResource, convertFilter } from '@adminjs/sequelize';
import {
  DatabaseError,
  ForeignKeyConstraintError,
  Op,
  literal,
  type FindAttributeOptions,
  type Model,
  type ModelStatic,
  type WhereOptions,
} from 'sequelize';
import type { ModelReads } from '../src/db/sequelize.js';
import { shopOf } from './access.js';

/** How the rows of a table belong to a shop, as SQL on the row alias (the model name) and a shop id. */
export interface ShopScope {
  /** The row's shop, returned as the `_shopId` param that the record checks of admin/access.ts read. */
  rowShop?: (alias: string) => string;
  /** Keeps the rows of one shop; written to use the indexes (IN subqueries rather than a per-row lookup). */
  inShop: (alias: string, shopId: number) => string;
  /**
   * Where shop staff may read more than they may change (the group's suppliers beside their shop's own): the rows
   * of `inShop` they may also edit and delete. Absent: every row they read.
   */
  writableInShop?: (alias: string, shopId: number) => string;
}

export interface ScopedResourceOptions {
  /** Columns never selected nor returned (they can still be written by a before hook, e.g. a new hash). */
  hidden?: readonly string[];
  /** Columns the caller may not read (their job does not need them): not selected for them, like `hidden`. */
  hiddenFor?: (context?: ActionContext) => readonly string[];
  /** Absent: group data (catalogue), the same for every shop. */
  scope?: ShopScope;
  /** Whether the signed-in staff member may read this table at all (references are populated through here). */
  canRead: (context?: ActionContext) => boolean;
  /** Counting stops after this many rows: the list then offers that many pages, not the whole table. */
  countCap?: number;
  /**
   * Where the list's reads (find, count) go: by default the primary. Record pages, reference lookups and the
   * checks before a write always read the primary, so that what was just saved is what is shown.
   */
  listReads?: ModelReads;
  /** Read-only columns computed in SQL with each row (a title, an ingredient's unit…), by param name. */
  extraColumns?: Readonly<Record<string, (alias: string) => string>>;
  /**
   * Lists sorted on a nullable column put its NULLs last whatever the direction, then the newest rows (primary
   * key, descending): the outbox's « failures first » (an index matches that order, migration 021).
   */
  nullsLastThenNewest?: boolean;
}

type FilterElement = { path: string; property: { name(): string } | null; value: unknown };

const FRENCH_VALIDATION: Record<string, string> = {
  not_unique: 'Cette valeur est déjà utilisée.',
  is_null: 'Ce champ est obligatoire.',
  notEmpty: 'Ce champ est obligatoire.',
  isEmail: 'Adresse e-mail invalide.',
  isLowercase: 'En minuscules uniquement.',
  min: 'Valeur trop petite.',
  max: 'Valeur trop grande.',
  isIn: 'Valeur non autorisée.',
  len: 'Longueur incorrecte.',
  is: 'Format incorrect.',
  allergenCodes: 'Allergène inconnu : choisissez parmi les 14 allergènes réglementaires (annexe II).',
};

/** CHECK constraints whose refusal names a field, worded for the person who filled it in. */
const CHECK_MESSAGES: Record<string, { path: string; message: string }> = {
  ingredients_allergens_known: { path: 'allergens', message: FRENCH_VALIDATION.allergenCodes },
  ingredients_beef_origin_not_blank: {
    path: 'beefOrigin',
    message: 'Indiquez un pays, ou laissez le champ vide si l’ingrédient ne contient pas de bœuf.',
  },
};

/** Database and model errors as AdminJS validation errors in French (else they would be 500s or English). */
export function toAdminError(error: unknown): unknown {
  if (error instanceof ValidationError) {
    // Raised by the parent adapter from Sequelize's validation and unique errors, with the validator as `kind`.
    const errors = Object.fromEntries(
      Object.entries(error.propertyErrors).map(([path, e]) => {
        const kind = (e as { kind?: string }).kind ?? '';
        return [path, { type: kind, message: FRENCH_VALIDATION[kind] ?? 'Valeur invalide.' }];
      }),
    );
    return new ValidationError(errors, { message: 'Certaines valeurs sont invalides.', type: 'validation' });
  }
  if (error instanceof ForeignKeyConstraintError) {
    return new ValidationError(
      {},
      {
        message:
          'Impossible : d’autres enregistrements y font référence (commandes, stock, recettes…). ' +
          'Désactivez-le plutôt.',
        type: 'foreign_key',
      },
    );
  }
  if (error instanceof DatabaseError && (error.parent as { code?: string }).code === '23514') {
    const known = CHECK_MESSAGES[(error.parent as { constraint?: string }).constraint ?? ''];
    if (known) {
      return new ValidationError(
        { [known.path]: { type: 'check', message: known.message } },
        { message: 'Certaines valeurs sont invalides.', type: 'validation' },
      );
    }
    return new ValidationError(
      {},
      { message: 'Valeurs refusées par les règles de la base de données.', type: 'check' },
    );
  }
  return error;
}

const INTEGER_ID = /^[0-9]{1,15}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class ScopedResource extends SequelizeResource {
  private readonly model: ModelStatic<Model>;
  private readonly options: ScopedResourceOptions;

  constructor(model: ModelStatic<Model>, options: ScopedResourceOptions) {
    super(model);
    this.model = model;
    this.options = options;
  }

  /** The extra condition for the caller: null = every row, false = no row at all. */
  private scopeWhere(context?: ActionContext): WhereOptions | null | false {
    if (!this.options.canRead(context)) return false;
    const scope = this.options.scope;
    if (!scope) return null;
    const shop = shopOf(context?.currentAdmin);
    if (shop === 'all') return null;
    if (shop === null) return false;
    return literal(scope.inShop(this.model.name, shop));
  }

  private attributes(context?: ActionContext): FindAttributeOptions {
    const rowShop = this.options.scope?.rowShop;
    const alias = this.model.name;
    const extra = Object.entries(this.options.extraColumns ?? {}).map(
      ([name, sql]) => [literal(sql(alias)), name] as [ReturnType<typeof literal>, string],
    );
    return {
      exclude: [...(this.options.hidden ?? []), ...(this.options.hiddenFor?.(context) ?? [])],
      include: [
        ...(rowShop ? [[literal(rowShop(alias)), '_shopId'] as [ReturnType<typeof literal>, string]] : []),
        ...extra,
      ],
    };
  }

  private listRead<T>(fn: () => Promise<T>): Promise<T> {
    return this.options.listReads ? this.options.listReads.run(fn) : fn();
  }

  private isUuid(type: unknown): boolean {
    return (type as { key?: string } | undefined)?.key === 'UUID';
  }

  private isHidden(name: string): boolean {
    return (this.options.hidden ?? []).includes(name);
  }

  /** Filters on unknown or hidden columns are dropped: filtering on a hash would leak it character by character. */
  private where(filter: Filter | undefined, scope: WhereOptions | null): WhereOptions {
    const elements = Object.values((filter?.filters ?? {}) as Record<string, FilterElement>).filter(
      (f) => f.property && !this.isHidden(f.property.name()),
    );
    // A uuid column compared with anything else than a uuid is a database error (a 500): it matches nothing.
    const attributes = this.model.getAttributes();
    const malformed = elements.some(
      (f) => this.isUuid(attributes[f.property!.name()]?.type) && !UUID.test(String(f.value)),
    );
    const base = malformed ? literal('false') : (convertFilter(elements as never) as WhereOptions);
    const conditions = [base, ...this.computedFilters(filter), ...(scope ? [scope] : [])];
    return conditions.length === 1 ? base : { [Op.and]: conditions };
  }

  /**
   * A search on a computed column (the title AdminJS's reference pickers search: « mozz » finds
   * « Mozzarella · P01 »): a case-insensitive substring match on its SQL, the text bound as a literal.
   */
  private computedFilters(filter: Filter | undefined): WhereOptions[] {
    const extra = this.options.extraColumns ?? {};
    return Object.values((filter?.filters ?? {}) as Record<string, FilterElement>)
      .filter((f) => !f.property && Object.hasOwn(extra, f.path) && typeof f.value === 'string')
      .map((f) => {
        const pattern = `%${String(f.value).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        const text = this.model.sequelize!.escape(pattern);
        return literal(`(${extra[f.path](this.model.name)}) ILIKE ${text}`);
      });
  }

  private strip(params: Record<string, unknown>): Record<string, unknown> {
    const copy = { ...params };
    for (const name of this.options.hidden ?? []) delete copy[name];
    return copy;
  }

  private toRecord(row: Model): BaseRecord {
    return new BaseRecord(this.strip(row.toJSON()), this);
  }

  override async find(
    filter: Filter,
    {
      limit = 20,
      offset = 0,
      sort = {},
    }: { limit?: number; offset?: number; sort?: { sortBy?: string; direction?: 'asc' | 'desc' } },
    context?: ActionContext,
  ): Promise<BaseRecord[]> {
    const scope = this.scopeWhere(context);
    if (scope === false) return [];
    const attributes = this.model.getAttributes();
    const sortBy =
      sort.sortBy && sort.sortBy in attributes && !this.isHidden(sort.sortBy)
        ? sort.sortBy
        : this.primaryKey();
    const rows = await this.listRead(() =>
      this.model.findAll({
        where: this.where(filter, scope),
        attributes: this.attributes(context),
        limit,
        offset,
        order: this.order(sortBy, sort.direction === 'desc' ? 'DESC' : 'ASC'),
      }),
    );
    return rows.map((row) => this.toRecord(row));
  }

  private order(sortBy: string, direction: 'ASC' | 'DESC'): [string, string][] {
    if (!this.options.nullsLastThenNewest) return [[sortBy, direction]];
    const pk = this.primaryKey();
    return sortBy === pk
      ? [[pk, direction]]
      : [
          [sortBy, `${direction} NULLS LAST`],
          [pk, 'DESC'],
        ];
  }

  override async count(filter: Filter, context?: ActionContext): Promise<number> {
    const scope = this.scopeWhere(context);
    if (scope === false) return 0;
    const where = this.where(filter, scope);
    const cap = this.options.countCap;
    if (!cap) return this.listRead(() => this.model.count({ where }));
    // At most cap + 1 index entries are read, whatever the size of the table.
    const rows = await this.listRead(() =>
      this.model.findAll({
        attributes: [[literal('1'), 'one']],
        where,
        limit: cap + 1,
        raw: true,
      }),
    );
    return rows.length;
  }

  override async findOne(id: string, context?: ActionContext): Promise<BaseRecord | null> {
    const [record] = await this.findMany([id], context);
    return record ?? null;
  }

  /** Ids of the primary key's type only: a malformed id (bulk actions pass them unchecked) finds nothing. */
  private validIds(ids: Array<string | number>): Array<string | number> {
    const pattern = this.isUuid(this.model.getAttributes()[this.primaryKey()]?.type) ? UUID : INTEGER_ID;
    return ids.filter((id) => pattern.test(String(id)));
  }

  override async findMany(ids: Array<string | number>, context?: ActionContext): Promise<BaseRecord[]> {
    const scope = this.scopeWhere(context);
    ids = this.validIds(ids);
    if (scope === false || ids.length === 0) return [];
    const byId = { [this.primaryKey()]: { [Op.in]: ids } };
    const rows = await this.model.findAll({
      where: scope ? { [Op.and]: [byId, scope] } : byId,
      attributes: this.attributes(context),
    });
    return rows.map((row) => this.toRecord(row));
  }

  /** Used by the parent's update() to return the saved row: hidden columns stay out of it too. */
  override async findById(id: string | number): Promise<Model | null> {
    return this.model.findByPk(id, { attributes: this.attributes() });
  }

  /** AdminJS 7 populates references through findMany (scoped); this older path must not bypass it. */
  override async populate(records: BaseRecord[]): Promise<BaseRecord[]> {
    return records;
  }

  private async assertInScope(id: string, context?: ActionContext): Promise<void> {
    if (this.scopeWhere(context) === null) return;
    if (!(await this.findOne(id, context))) throw new ForbiddenError('forbiddenError');
    const writable = this.options.scope?.writableInShop;
    const shop = shopOf(context?.currentAdmin);
    if (!writable || typeof shop !== 'number') return;
    const byId = { [this.primaryKey()]: id };
    const mine = await this.model.count({
      where: { [Op.and]: [byId, literal(writable(this.model.name, shop))] },
    });
    if (mine === 0) throw new ForbiddenError('forbiddenError');
  }

  // New rows get their shop from the before hooks of admin/access.ts (forced to the creator's shop).
  override async create(params: Record<string, unknown>, _context?: ActionContext) {
    try {
      return this.strip(await super.create(params));
    } catch (error) {
      throw toAdminError(error);
    }
  }

  override async update(id: string, params: Record<string, unknown>, context?: ActionContext) {
    await this.assertInScope(id, context);
    try {
      return this.strip(await super.update(id, params));
    } catch (error) {
      throw toAdminError(error);
    }
  }

  override async delete(id: string, context?: ActionContext): Promise<void> {
    await this.assertInScope(id, context);
    try {
      await super.delete(id);
    } catch (error) {
      throw toAdminError(error);
    }
  }
}
