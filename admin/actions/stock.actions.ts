// The stock operations of the back office: Réception, Perte, Inventaire, on one shop's stock item. Quantities
// change only here (the CRUD keeps them read-only), through the stock service, which writes the ledger
// movement in the same transaction as the counters.
import type { BaseRecord } from 'adminjs';
import { formatQuantity, type StockLine, type Unit } from '../../src/modules/stock/index.js';
import type { AccessSpec } from '../access.js';
import type { AdminDeps } from '../deps.js';
import { formAction, type FormField } from './form-action.js';

const UNIT_PARAM = 'ingredientId.unit';

const quantity = (label: string): FormField => ({
  name: 'quantity',
  label,
  type: 'integer',
  required: true,
  suffixParam: UNIT_PARAM,
  help: 'En unité de base de l’ingrédient : grammes, millilitres ou pièces.',
});

const note = (label: string, required: boolean): FormField => ({
  name: 'note',
  label,
  type: 'text',
  required,
});

const target = (record: BaseRecord) => ({
  pizzeriaId: Number(record.params.pizzeriaId),
  ingredientId: Number(record.params.ingredientId),
});

const available = (line: StockLine) => formatQuantity(line.available, line.unit as Unit);

export function stockActions(access: AccessSpec, deps: AdminDeps) {
  return {
    receipt: formAction({
      access,
      headingFrom: 'ingredientId',
      grant: 'stock.receive',
      icon: 'Truck',
      intro: 'Livraison d’un fournisseur : la quantité reçue s’ajoute au stock.',
      submitLabel: 'Enregistrer la réception',
      fields: [quantity('Quantité reçue'), note('Fournisseur, bon de livraison (facultatif)', false)],
      run: async ({ staff, record, values }) => {
        const line = await deps.services.stock.receive({
          ...target(record),
          quantity: values.quantity as number,
          note: (values.note as string | undefined) ?? null,
          employeeId: staff.employeeId,
        });
        return `Réception enregistrée : ${line.name}, ${available(line)} disponibles.`;
      },
    }),
    waste: formAction({
      access,
      headingFrom: 'ingredientId',
      grant: 'stock.waste',
      icon: 'Trash2',
      intro: 'Produit perdu (brûlé, tombé, périmé) : la quantité sort du stock, avec son motif.',
      submitLabel: 'Enregistrer la perte',
      fields: [quantity('Quantité perdue'), note('Motif de la perte', true)],
      run: async ({ staff, record, values }) => {
        const line = await deps.services.stock.waste({
          ...target(record),
          quantity: values.quantity as number,
          note: values.note as string,
          employeeId: staff.employeeId,
        });
        return `Perte enregistrée : ${line.name}, ${available(line)} disponibles.`;
      },
    }),
    count: formAction({
      access,
      headingFrom: 'ingredientId',
      grant: 'stock.count',
      icon: 'CheckSquare',
      intro: 'Inventaire : saisissez la quantité comptée ; l’écart avec le stock devient un ajustement.',
      submitLabel: 'Enregistrer l’inventaire',
      fields: [
        { ...quantity('Quantité comptée'), name: 'countedQuantity' },
        note('Commentaire (facultatif)', false),
      ],
      run: async ({ staff, record, values }) => {
        const line = await deps.services.stock.count({
          ...target(record),
          countedQuantity: values.countedQuantity as number,
          note: (values.note as string | undefined) ?? null,
          employeeId: staff.employeeId,
        });
        return `Inventaire enregistré : ${line.name}, ${formatQuantity(line.onHand, line.unit as Unit)} en stock.`;
      },
    }),
  };
}
