// The connected customer's saved addresses. The customer comes from the token only, never from the URL.
import { Router } from 'express';
import type { Sequelize } from 'sequelize';
import { route } from '../../shared/openapi.js';
import { parse } from '../../shared/validate.js';
import { customerOf, requireCustomer } from '../auth/auth.middleware.js';
import {
  addressIdParam,
  addressListSchema,
  addressResponse,
  createAddressBody,
  updateAddressBody,
} from './addresses.schemas.js';
import { createAddress, deleteAddress, listAddresses, updateAddress } from './addresses.service.js';

const TAG = 'Clients';

export function addressesRouter(db: Sequelize): Router {
  const router = Router();
  route(
    router,
    {
      method: 'get',
      path: '/me/addresses',
      tag: TAG,
      auth: 'customer',
      summary: 'Adresses de livraison enregistrées (celle par défaut en premier)',
      responses: { 200: addressListSchema, 401: null },
    },
    requireCustomer,
    async (req, res) => {
      res.json({ addresses: await listAddresses(db, customerOf(req).customerId) });
    },
  );
  route(
    router,
    {
      method: 'post',
      path: '/me/addresses',
      tag: TAG,
      auth: 'customer',
      summary: 'Ajout d’une adresse (la première devient l’adresse par défaut ; 20 au plus)',
      body: createAddressBody,
      responses: { 201: addressResponse, 401: null, 409: null, 422: null },
    },
    requireCustomer,
    async (req, res) => {
      const input = parse(createAddressBody, req.body);
      res.status(201).json({ address: await createAddress(db, customerOf(req).customerId, input) });
    },
  );
  route(
    router,
    {
      method: 'patch',
      path: '/me/addresses/:addressId',
      tag: TAG,
      auth: 'customer',
      summary: 'Modification d’une adresse (isDefault: true en fait l’adresse par défaut)',
      params: addressIdParam,
      body: updateAddressBody,
      responses: { 200: addressResponse, 401: null, 404: null, 409: null, 422: null },
    },
    requireCustomer,
    async (req, res) => {
      const { addressId } = parse(addressIdParam, req.params);
      const input = parse(updateAddressBody, req.body);
      res.json({ address: await updateAddress(db, customerOf(req).customerId, addressId, input) });
    },
  );
  route(
    router,
    {
      method: 'delete',
      path: '/me/addresses/:addressId',
      tag: TAG,
      auth: 'customer',
      summary: 'Suppression d’une adresse (les commandes passées gardent leur copie)',
      params: addressIdParam,
      responses: { 204: null, 401: null, 404: null, 422: null },
    },
    requireCustomer,
    async (req, res) => {
      const { addressId } = parse(addressIdParam, req.params);
      await deleteAddress(db, customerOf(req).customerId, addressId);
      res.status(204).end();
    },
  );
  return router;
}
