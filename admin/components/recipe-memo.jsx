// The recipe memo inside the back office: the printable page of admin/pages.ts in a frame, and a button that
// prints it (or opens it alone, for the kitchen's tablet).
import React from 'react';
import { Box, Button, H2, Text } from '@adminjs/design-system';

const RecipeMemo = ({ action }) => {
  const url = `${window.REDUX_STATE.paths.rootPath}${action.custom.path}`;
  const print = () => document.getElementById('recipe-memo-frame')?.contentWindow?.print();
  return (
    <Box variant="container" data-testid="recipe-memo">
      <Box flex alignItems="center" justifyContent="space-between" mb="lg">
        <H2 mb="0">Mémo recettes</H2>
        <Box>
          <Button mr="default" onClick={print}>
            Imprimer
          </Button>
          <Button as="a" href={url} target="_blank" rel="noopener">
            Ouvrir seul
          </Button>
        </Box>
      </Box>
      <Text mb="lg">Quantités par taille et étapes de chaque pizza du menu.</Text>
      <iframe
        id="recipe-memo-frame"
        title="Mémo recettes"
        src={url}
        style={{ width: '100%', height: '75vh', border: '1px solid #ddd' }}
      />
    </Box>
  );
};

export default RecipeMemo;
