// The resolver that lint and bundle read the description's files through. Two things on top of
// Redocly's BaseResolver:
//   - each distinct file text is parsed once per process: a process that builds again and again
//     (the dev server on every save, the tests on dozens of edited copies) re-parses only the
//     files whose text changed;
//   - `overlay`: files given in memory that take the place of the ones on disk (or remove them),
//     so an edited description can be built without copying openapi/ (a copy of its ~150 files
//     costs more than the bundle itself).
// Everything else that reads the description's files (the orphan check in bundle.mjs, the
// source map of the diff) asks the resolver too, so all of them see the same files.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { BaseResolver, ResolveError, Source } from '@redocly/openapi-core';

/** absolute path → { text, parsed }: the last text seen at that path and its parse. */
const parses = new Map();

// The error readFileSync gives for a file that is not there.
function enoent(file) {
  return Object.assign(new Error(`ENOENT: no such file or directory, open '${file}'`), { code: 'ENOENT' });
}

export class DescriptionResolver extends BaseResolver {
  #overlay;

  /**
   * @param {any} resolveConfig  the loaded Redocly config's `resolve`
   * @param {{ overlay?: Map<string, string | null> }} [options]  absolute path → text, or null for a
   *   file deleted; the map is read at each load, so it may change between builds
   */
  constructor(resolveConfig, { overlay = new Map() } = {}) {
    super(resolveConfig);
    this.#overlay = overlay;
  }

  /** The text of `file` as this resolver sees it; throws ENOENT like readFileSync. */
  readText(file) {
    const absolute = path.resolve(file);
    if (this.#overlay.has(absolute)) {
      const text = this.#overlay.get(absolute);
      if (text === null || text === undefined) throw enoent(absolute);
      return text;
    }
    return readFileSync(absolute, 'utf8');
  }

  /** Every .yaml/.yml file under `dir`, absolute, as this resolver sees them. */
  yamlFilesUnder(dir) {
    const root = path.resolve(dir);
    const files = new Set(
      readdirSync(root, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => path.join(e.parentPath ?? e.path, e.name)),
    );
    for (const [file, text] of this.#overlay) {
      if (!file.startsWith(`${root}${path.sep}`)) continue;
      if (text === null) files.delete(file);
      else files.add(file);
    }
    return [...files].filter((f) => /\.ya?ml$/.test(f)).sort();
  }

  async loadExternalRef(absoluteRef) {
    if (!this.#overlay.has(absoluteRef)) return super.loadExternalRef(absoluteRef);
    const text = this.#overlay.get(absoluteRef);
    // BaseResolver's error for a missing file, so lint reports a deleted file the same way.
    if (text === null || text === undefined) throw new ResolveError(Object.assign(enoent(absoluteRef), { message: `ENOENT: no such file or directory '${absoluteRef}'` }));
    return new Source(absoluteRef, text.replace(/\r\n/g, '\n'));
  }

  parseDocument(source, isRoot = false) {
    const cached = parses.get(source.absoluteRef);
    if (cached?.text === source.body) return { source, parsed: structuredClone(cached.parsed) };
    const document = super.parseDocument(source, isRoot);
    // Bundling rewrites the parsed nodes in place ($refs to components): keep a pristine copy.
    if (typeof document.parsed === 'object') parses.set(source.absoluteRef, { text: source.body, parsed: structuredClone(document.parsed) });
    return document;
  }
}
