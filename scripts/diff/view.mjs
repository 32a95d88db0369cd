// What the comparison library sees: the document's operations with every local `$ref` inlined
// and path-level parameters moved into each operation. The library then reports each change
// once per operation it affects, on the request or the response side, instead of once under
// `components/` where it cannot tell the direction. Component names, which the types package
// exports, are compared separately (type-level.mjs).
import { HTTP_METHODS, deref } from '../../lib/openapi.mjs';

function inline(doc, node, depth = 0) {
  // The description has no recursive schemas; a bound turns a future cycle into a clear error.
  if (depth > 64) throw new Error('diff: $ref nesting deeper than 64 levels (a recursive schema?)');
  const value = deref(doc, node);
  if (Array.isArray(value)) return value.map((item) => inline(doc, item, depth + 1));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, inline(doc, item, depth + 1)]));
  }
  return value;
}

/** The operation's own parameters first, then those of its path item it does not override. */
export function mergedParameters(doc, pathItem, operation) {
  const own = (operation.parameters ?? []).map((p) => deref(doc, p));
  const shared = (pathItem.parameters ?? []).map((p) => deref(doc, p)).filter((p) => !own.some((o) => o.name === p.name && o.in === p.in));
  return [...own, ...shared];
}

/** The document as the comparison library gets it. */
export function comparableView(doc) {
  const paths = {};
  for (const [path, pathItem] of Object.entries(doc.paths ?? {})) {
    const item = {};
    for (const [key, value] of Object.entries(deref(doc, pathItem))) {
      if (key === 'parameters') continue;
      if (!(/** @type {readonly string[]} */ (HTTP_METHODS)).includes(key)) {
        item[key] = value;
        continue;
      }
      // Code samples are rendered from the examples: an example's change is reported once, there.
      const operation = { ...value, parameters: mergedParameters(doc, pathItem, value) };
      delete operation['x-codeSamples'];
      item[key] = operation;
    }
    paths[path] = inline(doc, item);
  }
  const { components, ...top } = doc;
  return { ...inline(doc, top), paths, components: { securitySchemes: inline(doc, components?.securitySchemes ?? {}) } };
}

const escape = (segment) => String(segment).replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * A JSON pointer into the bundle for a path of the view: the same segments, except that a
 * parameter taken from the path item points there.
 */
export function bundlePointer(doc, segments) {
  const out = [...segments];
  if (out[0] === 'paths' && out[3] === 'parameters' && typeof out[4] === 'number') {
    const pathItem = deref(doc, doc.paths?.[out[1]] ?? {});
    const ownCount = pathItem[out[2]]?.parameters?.length ?? 0;
    if (out[4] >= ownCount) out.splice(2, 3, 'parameters', out[4] - ownCount);
  }
  return `/${out.map(escape).join('/')}`;
}
