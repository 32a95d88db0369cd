// `@kirim/openapi/types`: the types generated from the description, for code that brings its own client.
export type { $defs, components, operations, paths, webhooks } from '../generated/openapi.js';
