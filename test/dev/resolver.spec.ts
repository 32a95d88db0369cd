// The resolver `npm run dev` keeps between rebuilds: a save makes it parse that file again and no
// other, and each build gets its own copy of every document (the bundler rewrites the documents
// it is given), so a rebuild bundles exactly what a fresh build does.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BaseResolver } from '@redocly/openapi-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bundleDescription } from '../../scripts/bundle.mjs';
import { RebuildResolver } from '../../scripts/lib/resolver.mjs';
import { root } from '../../scripts/lib/paths.mjs';
import { loadLintConfig } from '../../scripts/lint.mjs';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kirim-resolver-'));
  await cp(path.join(root, 'openapi'), path.join(dir, 'openapi'), { recursive: true });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

it('parses again only the files a save names, and bundles what a fresh build bundles', async () => {
  const config = await loadLintConfig();
  const ref = path.join(dir, 'openapi/openapi.yaml');
  const labels = path.join(dir, 'openapi/paths/labels.yaml');
  const resolver = new RebuildResolver(config.resolve);
  const parsed: string[] = [];
  const parse = resolver.parseDocument.bind(resolver);
  resolver.parseDocument = (source, isRoot) => {
    parsed.push(source.absoluteRef);
    return parse(source, isRoot);
  };

  await bundleDescription({ ref, config, resolver: resolver.nextBuild() });
  expect(parsed.length).toBeGreaterThan(100);

  parsed.length = 0;
  await writeFile(labels, (await readFile(labels, 'utf8')).replace('summary: List labels', 'summary: List every label'));
  resolver.forget([labels]);
  const rebuilt = await bundleDescription({ ref, config, resolver: resolver.nextBuild() });
  expect(parsed).toEqual([labels]);

  const fresh = await bundleDescription({ ref, config, resolver: new BaseResolver(config.resolve) });
  expect(rebuilt.document.paths['/labels'].get.summary).toBe('List every label');
  expect(rebuilt.document).toEqual(fresh.document);
});
