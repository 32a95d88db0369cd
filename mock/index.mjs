// The Kirim contract mock, from code:
//   const mock = await startMock({ stateful: true });
//   fetch(`${mock.url}/labels`, { headers: { authorization: `Bearer ${keys.multiTeam}` } });
//   await mock.reset(); await mock.stop();
// `url` includes the description's base path (`/v1`). See README "What the mock does and does not do".
// Prism's engine is loaded on the first startMock, so importing the seed data stays cheap.
import { loadSeed, seed } from './seed.mjs';

export { contacts, defaultSeedPath, keys, labels, loadSeed, orgs, seed } from './seed.mjs';
export { assets } from './lib/assets.mjs';

/**
 * @typedef {object} StartMockOptions
 * @property {boolean} [stateful] keep state (default: stateless, answers from the examples)
 * @property {string} [host] default 127.0.0.1
 * @property {number} [port] default 0: a free port
 * @property {string | import('./seed.mjs').Seed} [seed] a seed file or a parsed seed (default mock/seed.json)
 * @property {{ read?: number, write?: number, windowSeconds?: number }} [rateLimit] bucket sizes for every caller (default: the caller's tier) and the window (default 60 s)
 * @property {string} [description] a JSON or YAML bundle (default generated/openapi.json)
 * @property {number} [bodyLimit] largest accepted request body in bytes (default 1 MiB)
 * @property {boolean} [validateResponses] validate every answer with Prism's validator, collecting problems in `violations`
 * @property {string} [docs] an HTML file served at `/`
 */
/**
 * @typedef {object} RunningMock
 * @property {string} url base URL including the base path, e.g. http://127.0.0.1:PORT/v1
 * @property {string} origin without the base path (admin routes live under `${origin}/__mock/`)
 * @property {number} port
 * @property {{ operationId: string, status: number, violations: string[] }[]} violations filled when `validateResponses` is on
 * @property {() => Promise<void>} reset back to the seed: labels, contacts, idempotency keys and rate-limit buckets
 * @property {(description?: string) => Promise<{ storeReset: boolean }>} reload reads the description again (or another file) without a restart: its limits, enums and examples apply from the next request; stateful data survives unless the label schema changed (`storeReset`)
 * @property {() => Promise<void>} stop
 */

/**
 * Starts the mock on host:port (port 0: a free one); `url` ends with the base path.
 * @param {StartMockOptions} [options]
 * @returns {Promise<RunningMock>}
 */
export async function startMock({
  stateful = false,
  host = '127.0.0.1',
  port = 0,
  seed: seedOption,
  rateLimit,
  description,
  bodyLimit,
  validateResponses = false,
  docs,
} = {}) {
  const [{ defaultDescriptionPath, loadDescription }, { createMock }] = await Promise.all([import('./lib/description.mjs'), import('./lib/server.mjs')]);
  const descriptionFile = description ?? defaultDescriptionPath;
  const loaded = await loadDescription(descriptionFile);
  const seedData = seedOption === undefined ? seed : typeof seedOption === 'string' ? loadSeed(seedOption) : seedOption;
  const mock = await createMock({ stateful, seed: seedData, description: loaded, rateLimit, bodyLimit, validateResponses, docs });
  await new Promise((resolve, reject) => {
    mock.server.once('error', (/** @type {NodeJS.ErrnoException} */ error) => reject(new Error(`cannot listen on ${host}:${port}: ${error.code ?? error.message}`)));
    mock.server.listen(port, host, () => resolve(undefined));
  });
  const actualPort = /** @type {import('node:net').AddressInfo} */ (mock.server.address()).port;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
  return {
    url: `${origin}${mock.basePath}`,
    origin,
    port: actualPort,
    violations: mock.violations,
    reset: async () => mock.reset(),
    reload: async (file = descriptionFile) => mock.reload(await loadDescription(file)),
    stop: () =>
      new Promise((resolve) => {
        mock.server.close(() => resolve());
        mock.server.closeAllConnections();
      }),
  };
}
