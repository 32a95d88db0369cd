// From a JSON pointer into the bundle to the file and line in openapi/ that a person edits:
// walks the source YAML from openapi.yaml, following `$ref`s across files, as deep as the
// pointer goes (a removed node gives the line of its nearest surviving parent).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { rel } from '../lib/paths.mjs';

// Pointer segments are strings or numbers; YAML keys such as '201' are strings.
const findPair = (map, seg) => map.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === String(seg));
const hasKey = (map, seg) => findPair(map, seg) !== undefined;

/** `read`: a file's text; by default from disk (a DescriptionResolver's readText for an overlay). */
export function sourceLocator(entryFile, { read = (file) => readFileSync(file, 'utf8') } = {}) {
  const files = new Map();
  const load = (file) => {
    if (!files.has(file)) {
      /** @type {{ root: any, lineCounter: LineCounter } | null} */
      let parsed = null;
      try {
        const lineCounter = new LineCounter();
        const doc = parseDocument(read(file), { lineCounter });
        parsed = { root: doc.contents, lineCounter };
      } catch {
        // A file that cannot be read gives no location; the diff itself does not depend on it.
      }
      files.set(file, parsed);
    }
    return files.get(file);
  };
  const line = (file, node) => load(file).lineCounter.linePos(node.range[0]).line;

  /** Follows a `$ref` node to its target: `{ file, node }`, or null when it cannot. */
  const follow = (file, node) => {
    const ref = node.get('$ref');
    if (typeof ref !== 'string') return null;
    const [target, fragment = ''] = ref.split('#');
    const targetFile = target ? path.resolve(path.dirname(file), target) : file;
    const loaded = load(targetFile);
    if (!loaded) return null;
    let at = loaded.root;
    for (const seg of fragment.split('/').filter(Boolean)) {
      at = isMap(at) ? at.get(seg.replace(/~1/g, '/').replace(/~0/g, '~'), true) : null;
      if (!at) return null;
    }
    return { file: targetFile, node: at };
  };

  /** `segments` of the bundle → `openapi/x.yaml:LINE`, or null. */
  return function locate(segments) {
    let file = entryFile;
    const loaded = load(file);
    if (!loaded) return null;
    let node = loaded.root;
    let best = { file, line: 1 };
    for (const seg of segments) {
      // A key beside a `$ref` (3.1 allows `description`, `default`, …) wins over the target's.
      while (isMap(node) && !hasKey(node, seg) && node.has('$ref')) {
        const next = follow(file, node);
        if (!next) break;
        ({ file, node } = next);
      }
      /** @type {any} */
      let child = null;
      if (isMap(node)) {
        const pair = findPair(node, seg);
        if (pair) {
          best = { file, line: line(file, pair.key) };
          child = pair.value;
        }
      } else if (isSeq(node) && node.items[Number(seg)]) {
        child = node.items[Number(seg)];
        best = { file, line: line(file, child) };
      }
      if (!child) break;
      node = child;
    }
    return `${rel(best.file)}:${best.line}`;
  };
}
