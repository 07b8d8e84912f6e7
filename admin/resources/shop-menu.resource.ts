// « Carte de la pizzeria »: each shop's layer over the group catalogue (admin/shop-menu.ts). A manager sees and
// writes their own shop's rows only (the shop is forced to theirs); the group admin any shop's.
// - Produits retirés (shop_products): a catalogue product withdrawn from the shop's menu (« Proposé » unticked);
// - Tailles et prix (shop_sizes): a size withdrawn, or sold at the shop's price within the group's bounds;
// - Ruptures (menu_ruptures): a size or an extra off for a while, with a reason and optionally an end; also
//   from the kitchen screen (staff API /api/staff/ruptures). It ends by itself at « Jusqu’à ».
import type { ActionResponse, After } from 'adminjs';
import { MenuRupture, ShopProduct, ShopSize } from '../../src/db/models/index.js';
import { can } from '../../src/modules/staff/index.js';
import { granted, type AccessSpec } from '../access.js';
import { Components } from '../components.js';
import type { AdminDeps } from '../deps.js';
import { BY_SHOP_COLUMN, defineResource, NAV } from '../resource.js';
import { onShopMenu, ruptureAuthor, shopPriceWithinBounds } from '../shop-menu.js';

const shopMenu = (fields: readonly string[], grant: 'catalog.shop_menu' | 'catalog.rupture'): AccessSpec => ({
  read: grant,
  create: grant,
  edit: grant,
  delete: grant,
  shopScoped: true,
  shopColumn: 'pizzeriaId',
  writable: (staff) => (can(staff.role, 'catalog.manage') ? ['pizzeriaId', ...fields] : fields),
});

export const shopProductsAccess: AccessSpec = {
  ...shopMenu(['productId', 'offered'], 'catalog.shop_menu'),
  beforeSave: [onShopMenu('productId')],
};

export const shopSizesAccess: AccessSpec = {
  ...shopMenu(['sizeId', 'offered', 'priceCents'], 'catalog.shop_menu'),
  beforeSave: [onShopMenu('sizeId'), shopPriceWithinBounds],
};

export const menuRupturesAccess: AccessSpec = {
  ...shopMenu(['sizeId', 'extraId', 'reason', 'until', 'endedAt'], 'catalog.rupture'),
  delete: undefined,
  beforeSave: [ruptureAuthor],
};

/** After a saved or deleted row: the shop's menus open on the site and the counter reload at once. */
const announce =
  (deps: AdminDeps): After<ActionResponse> =>
  async (response, request) => {
    const saved = request.method === 'post' && Object.keys(response.record?.errors ?? {}).length === 0;
    const shop = Number(response.record?.params?.pizzeriaId);
    if (saved && Number.isSafeInteger(shop)) await deps.services.catalog.announceMenuChange(shop);
    return response;
  };

/**
 * The form: the shop is chosen by the group admin only (a manager's rows are in their shop, whatever is posted);
 * every write announces the shop's menu change.
 */
const forms = (deps: AdminDeps, fields: readonly string[]) => {
  const layout = (admin: Parameters<typeof granted>[0]) =>
    granted(admin, 'catalog.manage') ? ['pizzeriaId', ...fields] : [...fields];
  const after = announce(deps);
  return { edit: { layout, after }, new: { layout, after }, delete: { after } };
};

export const shopProductsResource = (deps: AdminDeps) =>
  defineResource({
    title: (a) =>
      `(SELECT p.name || ' · ' || z.code FROM products p JOIN pizzerias z ON z.id = "${a}"."pizzeria_id"
        WHERE p.id = "${a}"."product_id")`,
    model: ShopProduct,
    access: shopProductsAccess,
    scope: BY_SHOP_COLUMN,
    options: {
      navigation: NAV.catalogue,
      sort: { sortBy: 'id', direction: 'asc' },
      listProperties: ['pizzeriaId', 'productId', 'offered'],
      filterProperties: ['pizzeriaId', 'productId', 'offered'],
      showProperties: ['id', 'pizzeriaId', 'productId', 'offered', 'updatedAt'],
      editProperties: ['pizzeriaId', 'productId', 'offered'],
      actions: forms(deps, ['productId', 'offered']),
      properties: {
        offered: {
          description:
            'Décoché : le produit (toutes ses tailles) est retiré de la carte de cette pizzeria seulement. Les autres pizzerias ne changent pas.',
        },
      },
    },
  });

export const shopSizesResource = (deps: AdminDeps) =>
  defineResource({
    money: ['priceCents'],
    title: (a) =>
      `(SELECT p.name || ' — ' || ps.label || ' · ' || z.code FROM product_sizes ps
        JOIN products p ON p.id = ps.product_id JOIN pizzerias z ON z.id = "${a}"."pizzeria_id"
        WHERE ps.id = "${a}"."size_id")`,
    model: ShopSize,
    access: shopSizesAccess,
    scope: BY_SHOP_COLUMN,
    options: {
      navigation: NAV.catalogue,
      sort: { sortBy: 'id', direction: 'asc' },
      listProperties: ['pizzeriaId', 'sizeId', 'offered', 'priceCents'],
      filterProperties: ['pizzeriaId', 'sizeId', 'offered'],
      showProperties: ['id', 'pizzeriaId', 'sizeId', 'offered', 'priceCents', 'updatedAt'],
      editProperties: ['pizzeriaId', 'sizeId', 'offered', 'priceCents'],
      actions: forms(deps, ['sizeId', 'offered', 'priceCents']),
      properties: {
        offered: {
          description: 'Décoché : cette taille est retirée de la carte de cette pizzeria seulement.',
        },
        priceCents: {
          components: { edit: Components.ShopPriceEdit },
          description:
            'Prix de la pizzeria (TTC, en euros), à la place du prix du groupe, dans la fourchette fixée par le groupe pour cette taille (Catalogue → Tailles : « Prix pizzeria min. » et « max. »). Vide : le prix du groupe.',
        },
      },
    },
  });

export const menuRupturesResource = (deps: AdminDeps) =>
  defineResource({
    title: (a) =>
      `(SELECT COALESCE(p.name || ' — ' || ps.label, e.name) || ' · ' || z.code
        FROM pizzerias z LEFT JOIN product_sizes ps ON ps.id = "${a}"."size_id"
        LEFT JOIN products p ON p.id = ps.product_id LEFT JOIN extras e ON e.id = "${a}"."extra_id"
        WHERE z.id = "${a}"."pizzeria_id")`,
    model: MenuRupture,
    access: menuRupturesAccess,
    scope: BY_SHOP_COLUMN,
    options: {
      navigation: NAV.catalogue,
      sort: { sortBy: 'startedAt', direction: 'desc' },
      listProperties: ['pizzeriaId', 'sizeId', 'extraId', 'reason', 'startedAt', 'until', 'endedAt'],
      filterProperties: ['pizzeriaId', 'sizeId', 'extraId'],
      showProperties: [
        'id',
        'pizzeriaId',
        'sizeId',
        'extraId',
        'reason',
        'startedAt',
        'until',
        'endedAt',
        'employeeId',
      ],
      editProperties: ['pizzeriaId', 'sizeId', 'extraId', 'reason', 'until', 'endedAt'],
      actions: forms(deps, ['sizeId', 'extraId', 'reason', 'until', 'endedAt']),
      properties: {
        sizeId: { description: 'La taille retirée (ou un supplément, pas les deux).' },
        until: {
          description:
            'La rupture se termine d’elle-même à cette heure. Vide : jusqu’à ce que quelqu’un la termine (« Remise en vente »).',
        },
        endedAt: {
          description: 'Remise en vente : renseignez l’heure (maintenant) pour terminer la rupture.',
        },
        startedAt: { isDisabled: true },
      },
    },
  });
