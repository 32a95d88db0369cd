// The bundled description (generated/openapi.json), imported so that the bin's bundle carries it.
import bundled from '../../generated/openapi.json' with { type: 'json' };
import type { Json } from './openapi.js';

export const description: Json = bundled;
