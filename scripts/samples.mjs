// The code samples of the reference: for every operation, one request (scripts/samples/request.mjs)
// rendered in eight languages. Six come from @readme/httpsnippet; TypeScript uses our client and
// Go has its own renderer (httpsnippet's ignores errors and fails go vet).
// The build injects them into the bundle as `x-codeSamples` (openapi/ stays free of them), and
// the sample tests render the same requests against a mock with `renderSamples({ serverUrl })`.
import { HTTPSnippet } from '@readme/httpsnippet';
import { UserError } from './lib/cli.mjs';
import { operations } from '../lib/openapi.mjs';
import { SAMPLE_API_KEY, sampleRequest, toHar } from './samples/request.mjs';
import { goSample } from './samples/go.mjs';
import { typescriptSample } from './samples/typescript.mjs';

export { CLIENT_PACKAGE } from './samples/typescript.mjs';
export { SAMPLE_API_KEY } from './samples/request.mjs';

const snippet = (target, client) => (request, options) => {
  const output = new HTTPSnippet(toHar(request, options)).convert(target, client);
  const source = Array.isArray(output) ? output[0] : output;
  if (typeof source !== 'string') throw new UserError(`samples: httpsnippet ${target}/${client} gave no code for ${request.operationId}`);
  return source;
};

/**
 * The languages, in the order the reference shows them. `label` and `lang` are what Redoc
 * matches against `openapi.codeSamples.languages` in redocly.yaml (it hides any other label);
 * `lang` also picks the syntax highlighting.
 */
export const LANGUAGES = [
  { label: 'curl', lang: 'bash', render: snippet('shell', 'curl') },
  { label: 'JavaScript', lang: 'javascript', render: snippet('javascript', 'fetch') },
  // node/native: Node's own `https` module, so the sample runs with no install (node/fetch
  // would require('node-fetch'), a package Node 18+ does not need).
  { label: 'Node.js', lang: 'javascript', render: snippet('node', 'native') },
  { label: 'TypeScript', lang: 'typescript', render: typescriptSample },
  { label: 'Python', lang: 'python', render: snippet('python', 'requests') },
  { label: 'Go', lang: 'go', render: goSample },
  { label: 'Ruby', lang: 'ruby', render: snippet('ruby', 'native') },
  { label: 'PHP', lang: 'php', render: snippet('php', 'curl') },
];

/**
 * Every operation's samples: operationId → [{ lang, label, source }], in LANGUAGES order.
 * `serverUrl` and `apiKey` default to what the published reference shows: the description's
 * first server and the placeholder key.
 * @param {any} document the bundled description
 * @param {{ serverUrl?: string, apiKey?: string }} [options]
 * @returns {Map<string, { lang: string, label: string, source: string }[]>}
 */
export function renderSamples(document, { serverUrl = document.servers[0].url, apiKey = SAMPLE_API_KEY } = {}) {
  const samples = new Map();
  for (const op of operations(document)) {
    const request = sampleRequest(document, op);
    samples.set(
      request.operationId,
      LANGUAGES.map(({ label, lang, render }) => ({ lang, label, source: render(request, { serverUrl, apiKey }) })),
    );
  }
  return samples;
}

/** The build step: a copy of the bundled document with `x-codeSamples` on every operation. */
export function addCodeSamples(document) {
  const withSamples = structuredClone(document);
  const samples = renderSamples(withSamples);
  for (const { operation } of operations(withSamples)) {
    operation['x-codeSamples'] = samples.get(operation.operationId);
  }
  return { document: withSamples, summary: `${samples.size} operations × ${LANGUAGES.length} languages` };
}
