import { Router } from 'express';
import type { Sequelize } from 'sequelize';
import { listPizzerias } from './pizzerias.service.js';

export function pizzeriasRouter(db: Sequelize): Router {
  const router = Router();
  router.get('/pizzerias', async (_req, res) => {
    res.json({ pizzerias: await listPizzerias(db) });
  });
  return router;
}
