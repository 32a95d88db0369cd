// Where the mock's files are. In the repository: the seed beside the mock, the description and
// the docs page in generated/. The @kirim/mock package ships them beside its bundle, and its
// build (scripts/mock-package.mjs) puts its own version of this module in place of this one.
import { fileURLToPath } from 'node:url';

const at = (relative) => fileURLToPath(new URL(relative, import.meta.url));

export const assets = {
  seed: at('../seed.json'),
  seedSchema: at('../seed.schema.json'),
  description: at('../../generated/openapi.json'),
  docs: at('../../generated/docs/index.html'),
};
