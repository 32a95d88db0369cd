// Starts stock Prism (the pinned @stoplight/prism-cli) on the bundled description, on a free
// port of 127.0.0.1, and stops it. Used by the stock-Prism contract test and the pack test.
import { prismCli, startServerProcess } from '../../scripts/lib/server-process.mjs';
import { yamlBundlePath } from './description.js';

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

export async function startPrism(): Promise<RunningServer> {
  const { origin, stop } = await startServerProcess('prism', (port) => [prismCli, 'mock', yamlBundlePath, '-h', '127.0.0.1', '-p', String(port), '-v', 'silent']);
  return { url: origin, stop };
}
