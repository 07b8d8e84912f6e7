// The connected customer's saved addresses. The customer comes from the token only, never from the URL.
import { Router } from 'express';
import type { AppContext } from '../../context.js';
import { route } from '../../shared/openapi.js';
import {
  addressIdParam,
  addressListSchema,
  addressResponse,
  createAddressBody,
  updateAddressBody,
} from './addresses.schemas.js';

const TAG = 'Clients';

export function addressesRouter({ services }: AppContext): Router {
  const { customers } = services;
  const router = Router();
  route(
    router,
    {
      method: 'get',
      path: '/me/addresses',
      operationId: 'listMyAddresses',
      tag: TAG,
      auth: 'customer',
      summary: 'Adresses de livraison enregistrées (celle par défaut en premier)',
      responses: { 200: addressListSchema, 401: null },
    },
    async ({ principal }, _req, res) => {
      res.json({ addresses: await customers.listAddresses(principal.customerId) });
    },
  );
  route(
    router,
    {
      method: 'post',
      path: '/me/addresses',
      operationId: 'addMyAddress',
      tag: TAG,
      auth: 'customer',
      summary: 'Ajout d’une adresse (la première devient l’adresse par défaut ; 20 au plus)',
      body: createAddressBody,
      responses: { 201: addressResponse, 401: null, 409: null, 422: null },
    },
    async ({ body, principal }, _req, res) => {
      res.status(201).json({ address: await customers.createAddress(principal.customerId, body) });
    },
  );
  route(
    router,
    {
      method: 'patch',
      path: '/me/addresses/:addressId',
      operationId: 'updateMyAddress',
      tag: TAG,
      auth: 'customer',
      summary: 'Modification d’une adresse (isDefault: true en fait l’adresse par défaut)',
      params: addressIdParam,
      body: updateAddressBody,
      responses: { 200: addressResponse, 401: null, 404: null, 409: null },
    },
    async ({ params, body, principal }, _req, res) => {
      res.json({ address: await customers.updateAddress(principal.customerId, params.addressId, body) });
    },
  );
  route(
    router,
    {
      method: 'delete',
      path: '/me/addresses/:addressId',
      operationId: 'deleteMyAddress',
      tag: TAG,
      auth: 'customer',
      summary: 'Suppression d’une adresse (les commandes passées gardent leur copie)',
      params: addressIdParam,
      responses: { 204: null, 401: null, 404: null },
    },
    async ({ params, principal }, _req, res) => {
      await customers.deleteAddress(principal.customerId, params.addressId);
      res.status(204).end();
    },
  );
  return router;
}
