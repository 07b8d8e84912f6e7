// A shop's price for a size (« Carte de la pizzeria — tailles et prix »): the euro field, and under it the group's
// price and the bounds the group set for the size chosen in the form, read from that size's record. The server
// checks the bounds again on save (admin/shop-menu.ts).
import React, { useEffect, useState } from 'react';
import { ApiClient } from 'adminjs';
import { Text } from '@adminjs/design-system';
import { formatEuros } from '../../src/shared/money';
import MoneyEdit from './money-edit';

const api = new ApiClient();

function boundsText(size) {
  const price = Number(size.priceCents);
  const min =
    size.shopPriceMinCents == null || size.shopPriceMinCents === '' ? price : Number(size.shopPriceMinCents);
  const max =
    size.shopPriceMaxCents == null || size.shopPriceMaxCents === '' ? price : Number(size.shopPriceMaxCents);
  if (min === price && max === price)
    return `Prix du groupe : ${formatEuros(price)}. Le groupe n’autorise pas de prix propre pour cette taille.`;
  return `Prix du groupe : ${formatEuros(price)}. Fourchette permise : de ${formatEuros(min)} à ${formatEuros(max)}.`;
}

const ShopPriceEdit = (props) => {
  const sizeId = props.record.params?.sizeId;
  const [text, setText] = useState('');
  useEffect(() => {
    let live = true;
    setText('');
    if (sizeId) {
      api
        .recordAction({ resourceId: 'product_sizes', recordId: String(sizeId), actionName: 'show' })
        .then((res) => live && res.data?.record?.params && setText(boundsText(res.data.record.params)))
        .catch(() => live && setText(''));
    }
    return () => {
      live = false;
    };
  }, [sizeId]);
  return (
    <>
      <MoneyEdit {...props} />
      {text ? (
        <Text mt="-lg" mb="xl" data-testid="shop-price-bounds">
          {text}
        </Text>
      ) : null}
    </>
  );
};

export default ShopPriceEdit;
