// A plain page of the back office (admin/pictures.ts…) shown inside AdminJS in a frame: `action.custom.path`
// under the secret path, its `:param` replaced by the record's id, with a title and a link to open it alone.
import React from 'react';
import { Box, Button, H2 } from '@adminjs/design-system';

const FramePage = ({ action, record }) => {
  const path = action.custom.path.replace(/:\w+/, encodeURIComponent(record?.id ?? ''));
  const url = `${window.REDUX_STATE.paths.rootPath}${path}`;
  return (
    <Box variant="container" data-testid="frame-page">
      <Box flex alignItems="center" justifyContent="space-between" mb="lg">
        <H2 mb="0">{action.custom.title}</H2>
        <Button as="a" href={url} target="_blank" rel="noopener">
          Ouvrir seul
        </Button>
      </Box>
      <iframe
        title={action.custom.title}
        src={url}
        style={{ width: '100%', height: '70vh', border: '1px solid #ddd' }}
      />
    </Box>
  );
};

export default FramePage;
