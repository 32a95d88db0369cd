// The description is the only source of the rules: this module loads it once at start, hands
// Prism's engine its operations, and answers the questions the mock asks of the raw document
// (base path, request media types, field schemas, which operations take an Idempotency-Key).
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deref, operationsOf } from '../../scripts/lib/openapi.mjs';

const require = createRequire(import.meta.url);
// Deep import: the package's index also loads the mocker and forwarder, which stateful mode does not need.
const { getHttpOperationsFromSpec } = require('@stoplight/prism-http/dist/utils/operations.js');

export const defaultDescriptionPath = fileURLToPath(new URL('../../generated/openapi.json', import.meta.url));

function basePathOf(doc) {
  const url = doc.servers?.[0]?.url;
  if (!url) return '';
  const pathname = new URL(url, 'http://localhost').pathname.replace(/\/+$/, '');
  return pathname === '/' ? '' : pathname;
}

/** What the mock needs to know about one operation, read from the raw document. */
function describeOperation(doc, { path: pathKey, method, operation: op, parameters }) {
  const requestBody = op.requestBody ? deref(doc, op.requestBody) : undefined;
  const mediaTypes = requestBody ? Object.keys(requestBody.content ?? {}) : [];
  const bodySchema = requestBody ? deref(doc, requestBody.content?.[mediaTypes[0]]?.schema ?? {}) : undefined;
  const responses = Object.fromEntries(
    Object.entries(op.responses ?? {}).map(([status, r]) => {
      const response = deref(doc, r);
      const examples = response.content?.['application/json']?.examples ?? {};
      return [status, { response, exampleNames: Object.keys(examples) }];
    }),
  );
  return {
    operationId: op.operationId,
    method,
    path: pathKey,
    parameters,
    headerNames: new Map(parameters.filter((p) => p.in === 'header').map((p) => [p.name.toLowerCase(), p.name])),
    idempotent: parameters.some((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key'),
    idempotencyKeySchema: deref(doc, parameters.find((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key')?.schema ?? {}),
    requestBody,
    mediaTypes,
    bodySchema,
    responses,
    statuses: Object.keys(op.responses ?? {}),
    successStatus: Number(Object.keys(op.responses ?? {}).find((s) => /^2\d\d$/.test(s))),
  };
}

const loaded = new Map();

/**
 * Loads a description (JSON or YAML bundle) and prepares it for the mock: the raw document,
 * Prism's operations, the base path, and per-operation metadata keyed by operationId. Mocks
 * started in one process on the same unchanged file share one load (it is read-only).
 */
export async function loadDescription(file = defaultDescriptionPath) {
  const absolute = path.resolve(file);
  const { mtimeMs } = await stat(absolute).catch(() => ({ mtimeMs: -1 }));
  const cacheKey = `${absolute}\u0000${mtimeMs}`;
  if (!loaded.has(cacheKey)) {
    const loading = readDescription(absolute);
    loaded.set(cacheKey, loading);
    loading.catch(() => loaded.delete(cacheKey));
  }
  return loaded.get(cacheKey);
}

async function readDescription(absolute) {
  let text;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the description ${absolute}: ${error.code ?? error.message}`);
  }
  let doc;
  try {
    // The YAML parser is loaded only for a YAML description: the default is the JSON bundle.
    doc = /\.ya?ml$/i.test(absolute) ? (await import('yaml')).parse(text) : JSON.parse(text);
  } catch (error) {
    throw new Error(`the description ${absolute} is not valid ${/\.ya?ml$/i.test(absolute) ? 'YAML' : 'JSON'}: ${error.message}`);
  }
  if (!doc?.paths) throw new Error(`the description ${absolute} has no paths`);
  // Prism dereferences the document it is given; it gets its own copy so `doc` keeps its $refs.
  const prismOperations = await getHttpOperationsFromSpec(structuredClone(doc));
  const operations = new Map();
  for (const entry of operationsOf(doc)) operations.set(entry.operation.operationId, describeOperation(doc, entry));
  return { file: absolute, doc, basePath: basePathOf(doc), prismOperations, operations, schema: (node) => deref(doc, node) };
}
