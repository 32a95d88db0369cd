// The Kirim contract mock, from code:
//   const mock = await startMock({ stateful: true });
//   fetch(`${mock.url}/labels`, { headers: { authorization: `Bearer ${keys.multiTeam}` } });
//   await mock.reset(); await mock.stop();
// `url` includes the description's base path (`/v1`). See README "What the mock does and does not do".
// Prism's engine is loaded on the first startMock, so importing the seed data stays cheap.
import { loadSeed, seed } from './seed.mjs';

export { contacts, defaultSeedPath, keys, labels, loadSeed, orgs, seed } from './seed.mjs';

/**
 * Starts the mock on host:port (port 0: a free one). Resolves { url, port, stop(), reset(),
 * violations }; `url` ends with the base path, e.g. http://127.0.0.1:PORT/v1.
 * Options: stateful, host, port, seed (a path or a parsed seed), rateLimit { read, write,
 * windowSeconds }, description (path of a JSON or YAML bundle), bodyLimit (bytes),
 * validateResponses (collect Prism's response violations), docs (HTML file served at `/`).
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
  const loaded = await loadDescription(description ?? defaultDescriptionPath);
  const seedData = seedOption === undefined ? seed : typeof seedOption === 'string' ? loadSeed(seedOption) : seedOption;
  const mock = await createMock({ stateful, seed: seedData, description: loaded, rateLimit, bodyLimit, validateResponses, docs });
  await new Promise((resolve, reject) => {
    mock.server.once('error', (error) => reject(new Error(`cannot listen on ${host}:${port}: ${error.code ?? error.message}`)));
    mock.server.listen(port, host, resolve);
  });
  const actualPort = mock.server.address().port;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
  return {
    url: `${origin}${mock.basePath}`,
    origin,
    port: actualPort,
    violations: mock.violations,
    reset: async () => mock.reset(),
    stop: () =>
      new Promise((resolve) => {
        mock.server.close(() => resolve());
        mock.server.closeAllConnections();
      }),
  };
}
