// Compares two bundled descriptions: every difference gets one level, one rule, the operation,
// a JSON pointer, the source file and line when the head is the working tree, and a sentence.
import { apiCompare } from 'api-smart-diff';
import { deref } from '../../lib/openapi.mjs';
import { LEVELS, classify } from './rules.mjs';
import { typeLevelChanges } from './type-level.mjs';
import { bundlePointer, comparableView, mergedParameters } from './view.mjs';

const at = (root, segments) => segments.reduce((node, key) => node?.[key], root);

/**
 * @param {any} base the earlier bundled description
 * @param {any} head the later one
 * @param {{ locate?: (segments: (string|number)[]) => string | null }} [options] maps a bundle
 *   location of the head to `openapi/file.yaml:line`
 * @returns {{ level: string, rule: string, operation: string | null, pointer: string, source: string | null, message: string, origin: 'library' | 'ours' }[]}
 */
export function compareDescriptions(base, head, { locate = () => null } = {}) {
  const views = { before: comparableView(base), after: comparableView(head) };
  const { diffs } = apiCompare(...withoutEqualParts(views.before, views.after));
  const docs = { before: base, after: head };
  const ctx = {
    value: (side, segments) => at(views[side], segments),
    operationName(path, method) {
      // The head's name when the operation still exists, so that one operation has one name.
      for (const side of ['after', 'before']) {
        const id = at(views[side], ['paths', path, method, 'operationId']);
        if (id) return id;
      }
      return `${method.toUpperCase()} ${path}`;
    },
    forOperation(path, method) {
      return {
        path,
        method,
        parameter(index, action) {
          const side = action === 'add' ? 'after' : 'before';
          const doc = docs[side];
          const pathItem = deref(doc, doc.paths?.[path] ?? {});
          return pathItem[method] ? mergedParameters(doc, pathItem, pathItem[method])[index] : undefined;
        },
        valueBefore: (rest) => at(views.before, ['paths', path, method, ...rest]),
        /** The requirements in force: the operation's own, else the document's. */
        security: (side) => at(views[side], ['paths', path, method, 'security']) ?? at(views[side], ['security']) ?? [],
      };
    },
  };
  const entries = [...diffs.map((change) => classify(change, ctx)).filter(Boolean), ...typeLevelChanges(base, head)];
  const seen = new Set();
  const out = [];
  for (const { segments, ...entry } of entries) {
    const pointer = bundlePointer(head, segments);
    const key = `${entry.rule}\0${entry.operation}\0${pointer}\0${entry.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ level: entry.level, rule: entry.rule, operation: entry.operation, pointer, source: locate(pointerSegments(head, segments)), message: entry.message, origin: entry.origin });
  }
  return out.sort(
    (a, b) =>
      LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level) ||
      String(a.operation ?? '').localeCompare(String(b.operation ?? '')) ||
      a.pointer.localeCompare(b.pointer) ||
      a.message.localeCompare(b.message),
  );
}

/**
 * The two views without what is the same in both: whole paths, operations and responses (the
 * shared error responses, with their many examples, are most of the document). The library's
 * time grows with what it walks, and most changes touch little; an equal part reports nothing.
 * @param {any} before
 * @param {any} after
 * @returns {[any, any]}
 */
function withoutEqualParts(before, after) {
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  const prune = (a, b, descend) => {
    const [x, y] = [{ ...a }, { ...b }];
    for (const key of Object.keys(x)) {
      if (!(key in y)) continue;
      if (same(x[key], y[key])) {
        delete x[key];
        delete y[key];
      } else if (descend) [x[key], y[key]] = descend(key, x[key], y[key]);
    }
    return [x, y];
  };
  const responses = (key, a, b) => (key === 'responses' ? prune(a, b) : [a, b]);
  const operation = (method, a, b) => (a && b && typeof a === 'object' && typeof b === 'object' ? prune(a, b, responses) : [a, b]);
  const [paths0, paths1] = prune(before.paths, after.paths, (path, a, b) => prune(a, b, operation));
  return [
    { ...before, paths: paths0 },
    { ...after, paths: paths1 },
  ];
}

/** The bundle pointer's segments again (parameters moved back to their path item). */
function pointerSegments(doc, segments) {
  return bundlePointer(doc, segments)
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** The highest level among entries (breaking first), or null when there are none. */
export function worstLevel(entries) {
  return LEVELS.find((level) => entries.some((e) => e.level === level)) ?? null;
}
