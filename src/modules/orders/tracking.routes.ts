// Placeholder wired in app.ts; its routes are being written.
import { Router } from 'express';
import type { AppContext } from '../../app.js';

export function trackingRouter(_ctx: AppContext): Router {
  return Router();
}
