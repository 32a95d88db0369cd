// The one walk over an OpenAPI 3.1 document that the pipeline (code samples), the mock and the
// contract suite share: local `$ref`s and the list of operations. Plain JavaScript, so that the
// mock (run by node as it is) and the TypeScript code (bundled or type-checked) can all import it.

export const HTTP_METHODS = /** @type {const} */ (['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/**
 * Follows local `$ref`s (`#/components/...`) to their target. Sibling keywords of a `$ref`
 * (allowed in 3.1, e.g. a `description` or `default` beside it) win over the target's.
 * @param {any} doc the whole document
 * @param {any} node a node of it, a `$ref` or not
 * @returns {any}
 */
export function deref(doc, node) {
  let current = node;
  let siblings = {};
  while (current && typeof current.$ref === 'string') {
    const { $ref, ...rest } = current;
    siblings = { ...rest, ...siblings };
    if (!$ref.startsWith('#/')) throw new Error(`only local $refs are supported, found ${$ref}`);
    const target = $ref
      .slice(2)
      .split('/')
      .map((s) => decodeURIComponent(s).replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((at, key) => at?.[key], doc);
    if (target === undefined) throw new Error(`unresolved $ref ${$ref}`);
    current = target;
  }
  return Object.keys(siblings).length ? { ...current, ...siblings } : current;
}

/**
 * Every operation of the document, in path then method order, with its parameters (the path
 * item's and its own, dereferenced).
 * @param {any} doc
 * @returns {Generator<{ path: string, method: (typeof HTTP_METHODS)[number], pathItem: any, operation: any, parameters: any[] }>}
 */
export function* operationsOf(doc) {
  for (const [path, pathItem] of Object.entries(doc.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (!operation) continue;
      const parameters = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].map((p) => deref(doc, p));
      yield { path, method, pathItem, operation, parameters };
    }
  }
}
