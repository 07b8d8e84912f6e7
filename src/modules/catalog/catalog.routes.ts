import { Router } from 'express';
import type { Sequelize } from 'sequelize';
import { parse } from '../../shared/validate.js';
import { pizzeriaRefParam } from '../pizzerias/pizzerias.schemas.js';
import { getMenu } from './menu.service.js';

export function catalogRouter(db: Sequelize): Router {
  const router = Router();
  router.get('/pizzerias/:pizzeriaId/menu', async (req, res) => {
    const { pizzeriaId } = parse(pizzeriaRefParam, req.params);
    res.json(await getMenu(db, pizzeriaId));
  });
  return router;
}
