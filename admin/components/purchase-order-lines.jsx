// A purchase order's lines as a table: ingredient, reference, pack, packs, quantity ordered, received and
// refused, total HT. The record's `lines` param holds them as JSON, formatted by the server
// (admin/resources/purchase-orders.resource.ts).
import React from 'react';
import { Table, TableBody, TableCell, TableHead, TableRow, Text, ValueGroup } from '@adminjs/design-system';
import { useTranslation } from 'adminjs';

const number = { fontVariantNumeric: 'tabular-nums', textAlign: 'right', whiteSpace: 'nowrap' };

const COLUMNS = [
  ['ingredient', 'Ingrédient', {}],
  ['reference', 'Réf.', {}],
  ['pack', 'Conditionnement', {}],
  ['packs', 'Colis', number],
  ['ordered', 'Commandé', number],
  ['received', 'Reçu', number],
  ['refused', 'Refusé', number],
  ['total', 'Total HT', number],
];

function parse(text) {
  try {
    const lines = JSON.parse(text ?? '[]');
    return Array.isArray(lines) ? lines : [];
  } catch {
    return [];
  }
}

const PurchaseOrderLines = ({ record, property }) => {
  const { translateProperty } = useTranslation();
  const lines = parse(record?.params?.[property.path]);
  return (
    <div data-testid="purchase-order-lines">
      <ValueGroup label={translateProperty(property.label, property.resourceId)}>
        {lines.length === 0 ? (
          <Text>Aucune ligne.</Text>
        ) : (
          <Table>
            <TableHead>
              <TableRow>
                {COLUMNS.map(([key, title, style]) => (
                  <TableCell key={key} as="th" scope="col" style={style}>
                    {title}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {lines.map((line, i) => (
                <TableRow key={i}>
                  {COLUMNS.map(([key, , style]) => (
                    <TableCell key={key} style={style}>
                      {String(line[key] ?? '')}
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </ValueGroup>
    </div>
  );
};

export default PurchaseOrderLines;
