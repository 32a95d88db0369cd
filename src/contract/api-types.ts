// The API's bodies as the description types them (generated/openapi.d.ts): what the suite
// creates and reads back is typed, so a renamed field breaks the build here. Nodes of the
// description itself stay `Json` (openapi.ts): the suite walks any document.
import type { components } from '../../generated/openapi.js';

export type Label = components['schemas']['Label'];
