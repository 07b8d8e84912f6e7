// The links to a purchase order's PDF and CSV, streamed by the back office with the session (admin/pages.ts).
// The record's `documents` param holds their paths as JSON (admin/resources/purchase-orders.resource.ts).
import React from 'react';
import { Box, Button, Icon, ValueGroup } from '@adminjs/design-system';
import { useTranslation } from 'adminjs';

function parse(text) {
  try {
    return JSON.parse(text ?? '{}') ?? {};
  } catch {
    return {};
  }
}

const PurchaseOrderDocuments = ({ record, property }) => {
  const { translateProperty } = useTranslation();
  const { pdf, csv } = parse(record?.params?.[property.path]);
  return (
    <ValueGroup label={translateProperty(property.label, property.resourceId)}>
      <Box flex data-testid="purchase-order-documents">
        {pdf ? (
          <Button as="a" href={pdf} download variant="outlined" mr="default">
            <Icon icon="Download" />
            Bon de commande (PDF)
          </Button>
        ) : null}
        {csv ? (
          <Button as="a" href={csv} download variant="outlined">
            <Icon icon="Download" />
            Tableur (CSV)
          </Button>
        ) : null}
      </Box>
    </ValueGroup>
  );
};

export default PurchaseOrderDocuments;
