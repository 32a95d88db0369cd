// The bundle step of scripts/build.mjs: bundle openapi/ into one document (generated/openapi.yaml and .json). Also refuses
// orphan files in openapi/: Redocly's no-unused-components cannot see a file nothing loads.
import path from 'node:path';
import { bundle, stringifyYaml } from '@redocly/openapi-core';
import { UserError } from './lib/cli.mjs';
import { DescriptionResolver } from './lib/description-resolver.mjs';
import { entry, rel } from './lib/paths.mjs';
import { formatProblems } from './lib/problems.mjs';

/** `resolver`: a DescriptionResolver, shared with lint; the orphan check lists files through it too. */
export async function bundleDescription({ ref = entry, config, resolver = new DescriptionResolver(config.resolve) }) {
  const result = await bundle({ ref, config, externalRefResolver: resolver });
  const errors = result.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    throw new UserError(`bundle: ${errors.length} problem(s):\n${formatProblems(errors)}`);
  }
  const loaded = new Set([path.resolve(ref), ...[...result.fileDependencies].map((f) => path.resolve(f))]);
  const orphans = resolver.yamlFilesUnder(path.dirname(path.resolve(ref))).filter((f) => !loaded.has(f));
  if (orphans.length > 0) {
    throw new UserError(
      `bundle: ${orphans.length} file(s) in the description are referenced by nothing; reference or delete them:\n` +
        orphans.map((f) => `${rel(f)}  orphan-file`).sort().join('\n'),
    );
  }
  const document = /** @type {any} */ (result.bundle.parsed);
  return { document, files: loaded.size, summary: `${loaded.size} files, ${Object.keys(document.paths).length} paths` };
}

/** The two published serialisations; stable key order and no line folding, for byte-identical output. */
export function serialize(document) {
  return {
    yaml: stringifyYaml(document, { noRefs: true, lineWidth: -1 }),
    json: `${JSON.stringify(document, null, 2)}\n`,
  };
}
