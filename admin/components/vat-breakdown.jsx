// The VAT breakdown of an order as a table: one row per rate with the amount excluding VAT, the VAT and the
// amount including VAT (the column holds [{ rateBp, baseCents, vatCents }], flattened by AdminJS).
import React from 'react';
import { Table, TableBody, TableCell, TableHead, TableRow, Text, ValueGroup } from '@adminjs/design-system';
import { useTranslation } from 'adminjs';
import { formatEuros, formatRate } from '../../src/shared/money';

function linesOf(params, path) {
  const lines = [];
  for (let i = 0; params[`${path}.${i}.rateBp`] !== undefined; i += 1) {
    lines.push({
      rateBp: Number(params[`${path}.${i}.rateBp`]),
      baseCents: Number(params[`${path}.${i}.baseCents`]),
      vatCents: Number(params[`${path}.${i}.vatCents`]),
    });
  }
  return lines;
}

const cell = { fontVariantNumeric: 'tabular-nums', textAlign: 'right', whiteSpace: 'nowrap' };

const VatBreakdown = ({ record, property }) => {
  const { translateProperty } = useTranslation();
  const lines = linesOf(record?.params ?? {}, property.path);
  return (
    <div data-testid="vat-breakdown">
      <ValueGroup label={translateProperty(property.label, property.resourceId)}>
        {lines.length === 0 ? (
          <Text>—</Text>
        ) : (
          <Table>
            <TableHead>
              <TableRow>
                <TableCell as="th" scope="col">
                  Taux
                </TableCell>
                <TableCell as="th" scope="col" style={cell}>
                  Montant HT
                </TableCell>
                <TableCell as="th" scope="col" style={cell}>
                  TVA
                </TableCell>
                <TableCell as="th" scope="col" style={cell}>
                  Montant TTC
                </TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {lines.map((line) => (
                <TableRow key={line.rateBp}>
                  <TableCell>{formatRate(line.rateBp)}</TableCell>
                  <TableCell style={cell}>{formatEuros(line.baseCents)}</TableCell>
                  <TableCell style={cell}>{formatEuros(line.vatCents)}</TableCell>
                  <TableCell style={cell}>{formatEuros(line.baseCents + line.vatCents)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </ValueGroup>
    </div>
  );
};

export default VatBreakdown;
