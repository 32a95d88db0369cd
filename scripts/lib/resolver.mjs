// A Redocly resolver that outlives one build, for `npm run dev`: each file of the description is
// parsed once and kept until `forget` names it (the watcher does, on a save), so a rebuild parses
// only the files that changed. Redocly's bundler rewrites the documents it is given in place
// ($refs become `#/components/...`), so every build gets its own copy of each parsed document:
// a copy is a few milliseconds, a parse of the whole description far more.
import { BaseResolver } from '@redocly/openapi-core';

export class RebuildResolver extends BaseResolver {
  /** absolute path → the promise of its document as parsed from disk, never handed out as is */
  #parsed = new Map();

  /** Starts a build: the documents it resolves are fresh copies (BaseResolver's `cache` is per build). */
  nextBuild() {
    this.cache = new Map();
    return this;
  }

  /** Drops files (absolute paths) so that the next build reads and parses them again. */
  forget(files) {
    for (const file of files) this.#parsed.delete(file);
  }

  /** Drops every file: a change the watcher could not name (a renamed folder). */
  forgetAll() {
    this.#parsed.clear();
  }

  /** @type {BaseResolver['resolveDocument']} */
  async resolveDocument(base, ref, isRoot = false) {
    const absoluteRef = this.resolveExternalRef(base, ref);
    if (!this.cache.has(absoluteRef)) {
      if (!this.#parsed.has(absoluteRef)) {
        const parsing = this.loadExternalRef(absoluteRef).then((source) => this.parseDocument(source, isRoot));
        // A file that fails to load or parse stays failed until it changes; its error is the build's to report.
        parsing.catch(() => {});
        this.#parsed.set(absoluteRef, parsing);
      }
      this.cache.set(absoluteRef, this.#parsed.get(absoluteRef).then(({ source, parsed }) => ({ source, parsed: structuredClone(parsed) })));
    }
    return /** @type {any} */ (this.cache.get(absoluteRef));
  }
}
