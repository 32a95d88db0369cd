// Rules the comparison library does not have, all ours. Consumers import
// `components['schemas']['Label']`, `operations['createLabel']` and `paths['/labels/{id}']` from
// the generated types: renaming any of them breaks their build even when the wire is unchanged.
// The library calls an operationId change an annotation and a renamed path parameter a
// non-breaking rename, and it cannot see component names at all once they are inlined.
import { HTTP_METHODS, deref } from '../../lib/openapi.mjs';

const template = (path) => path.replace(/\{[^}]*\}/g, '{}');
const opsOf = (doc, path) => HTTP_METHODS.filter((m) => deref(doc, doc.paths?.[path] ?? {})[m]);
const idOf = (doc, path, method) => deref(doc, doc.paths?.[path] ?? {})[method]?.operationId;
const canonical = (value) => JSON.stringify(value, (key, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v));

function entry(rule, level, operation, segments, text) {
  return { rule, level, operation, segments, message: `${operation ?? 'document'}: ${text}`, origin: 'ours' };
}

/** Schema names: removed, renamed (same content under a new name) or added. */
function schemaNames(base, head) {
  const before = base.components?.schemas ?? {};
  const after = head.components?.schemas ?? {};
  const added = Object.keys(after).filter((name) => !(name in before));
  const entries = [];
  for (const name of Object.keys(before).filter((n) => !(n in after))) {
    const renamedTo = added.find((candidate) => canonical(after[candidate]) === canonical(before[name]));
    entries.push(
      renamedTo
        ? entry('schema-renamed', 'breaking', null, ['components', 'schemas', renamedTo], `schema ${name} renamed to ${renamedTo}; components['schemas']['${name}'] no longer exists in the types`)
        : entry('schema-removed', 'breaking', null, ['components', 'schemas', name], `schema ${name} removed; components['schemas']['${name}'] no longer exists in the types`),
    );
  }
  for (const name of added) entries.push(entry('schema-added', 'non-breaking', null, ['components', 'schemas', name], `schema ${name} added`));
  return entries;
}

/**
 * Paths whose parameter names changed (the library reports them as a renamed path, which we
 * expand per operation), and changed operationIds. Paths added or removed the library reports
 * per operation itself.
 */
function pathsAndOperations(base, head) {
  const entries = [];
  const headPaths = Object.keys(head.paths ?? {});
  const pairs = []; // [basePath, headPath] for the same operations
  for (const path of Object.keys(base.paths ?? {})) {
    if (path in (head.paths ?? {})) {
      pairs.push([path, path]);
      continue;
    }
    const renamed = headPaths.find((p) => !(p in (base.paths ?? {})) && template(p) === template(path));
    if (!renamed) continue;
    pairs.push([path, renamed]);
    for (const method of opsOf(head, renamed)) {
      const name = idOf(head, renamed, method) ?? `${method.toUpperCase()} ${renamed}`;
      entries.push(entry('path-parameter-renamed', 'breaking', name, ['paths', renamed, method], `path ${path} is now ${renamed}: the parameter names in the typed client's paths['${path}'] change`));
    }
  }
  for (const [basePath, headPath] of pairs) {
    for (const method of opsOf(base, basePath).filter((m) => opsOf(head, headPath).includes(m))) {
      const [was, is] = [idOf(base, basePath, method), idOf(head, headPath, method)];
      if (was !== is) {
        entries.push(entry('operation-id-changed', 'breaking', is ?? was, ['paths', headPath, method, 'operationId'], `operationId ${was} renamed to ${is}; operations['${was}'] no longer exists in the types`));
      }
    }
  }
  return entries;
}

export function typeLevelChanges(base, head) {
  return [...pathsAndOperations(base, head), ...schemaNames(base, head)];
}
