// The map provider of the process: Google Maps with a key (always in production), otherwise the offline
// approximation, which says so in every answer and in the logs.
import type { Sequelize } from 'sequelize';
import type { Settings } from '../../config/index.js';
import { createGoogleMapsGateway } from './maps.gateway.js';
import type { MapsProvider } from './maps.types.js';
import { createOfflineMaps } from './offline-maps.js';

export function createMapsProvider(settings: Settings, db: Sequelize): MapsProvider {
  const { apiKey, apiBase, timeoutMs } = settings.maps;
  if (apiKey) return createGoogleMapsGateway({ apiKey, baseUrl: apiBase, timeoutMs });
  if (settings.isProduction) throw new Error('MAPS_API_KEY is required in production');
  return createOfflineMaps(db);
}
