// A small server-rendered home page (French) listing the shops and their menus, until the customer site
// (site/) replaces it.
import type { RequestHandler } from 'express';
import type { Sequelize } from 'sequelize';
import { listPizzerias } from './pizzerias.service.js';
import { escapeHtml } from '../../shared/html.js';

export function landingPage(db: Sequelize): RequestHandler {
  return async (_req, res) => {
    const shops = await listPizzerias(db);
    const items = shops
      .map(
        (s) =>
          `<li><strong>${escapeHtml(s.name)}</strong> — ${escapeHtml(s.address.line)}, ${escapeHtml(s.address.postcode)} ` +
          `${escapeHtml(s.address.city)} · ${s.isOpenNow ? 'ouverte' : 'fermée'} · ` +
          `<a href="/api/pizzerias/${s.id}/menu">carte (JSON)</a></li>`,
      )
      .join('\n');
    res.type('html').send(`<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>OC Pizza — nos pizzerias</title>
<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#1f1f1f}
h1{color:#b3261e}li{margin:.4rem 0}a{color:#0b57d0}</style></head>
<body><h1>OC Pizza</h1><p>Pizzas livrées ou à emporter dans nos ${shops.length} pizzerias.</p>
<ul>${items}</ul></body></html>`);
  };
}
