// scripts/lib/description-resolver.mjs: the files lint and bundle see (the disk, with an overlay
// of edits in memory), and the parse cache, which must never hand two builds the same objects:
// bundling rewrites the parsed nodes in place.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLintConfig } from '../../scripts/lint.mjs';
import { DescriptionResolver } from '../../scripts/lib/description-resolver.mjs';
import { repoRoot } from '../support/scratch.js';

const config = await loadLintConfig();
const openapi = path.join(repoRoot, 'openapi');
const file = (name: string) => path.join(openapi, name);
const LIMIT = file('components/parameters/Limit.yaml');

async function parsed(resolver: DescriptionResolver, name: string) {
  const document = await resolver.resolveDocument(null, file(name));
  if (document instanceof Error) throw document;
  return document.parsed as Record<string, unknown>;
}

describe('DescriptionResolver', () => {
  it('gives each resolver its own copy of a cached parse', async () => {
    const limit = () => parsed(new DescriptionResolver(config.resolve), 'components/parameters/Limit.yaml');
    // The first parse and the cached ones: changing any of them (as a bundle does) changes no other.
    const copies: unknown[] = [];
    for (let i = 0; i < 3; i += 1) {
      const copy = await limit();
      expect(copy.name).toBe('limit');
      expect(copies).not.toContain(copy);
      copy.name = 'changed by a bundle';
      copies.push(copy);
    }
  });

  it('reads the overlay before the disk: an edited file, a new one, a deleted one', async () => {
    const text = new DescriptionResolver(config.resolve).readText(LIMIT);
    const overlay = new Map<string, string | null>([
      [LIMIT, text.replace('maximum: 100', 'maximum: 50')],
      [file('components/schemas/New.yaml'), 'type: string\n'],
      [file('components/schemas/LabelColor.yaml'), null],
    ]);
    const resolver = new DescriptionResolver(config.resolve, { overlay });
    expect((await parsed(resolver, 'components/parameters/Limit.yaml')).schema).toMatchObject({ maximum: 50 });
    expect(resolver.readText(LIMIT)).toContain('maximum: 50');
    expect(() => resolver.readText(file('components/schemas/LabelColor.yaml'))).toThrow(/ENOENT/);
    await expect(resolver.resolveDocument(null, file('components/schemas/LabelColor.yaml'))).rejects.toThrow(/ENOENT: no such file or directory/);
    const listed = resolver.yamlFilesUnder(openapi);
    expect(listed).toContain(file('components/schemas/New.yaml'));
    expect(listed).not.toContain(file('components/schemas/LabelColor.yaml'));
    expect(listed).toContain(LIMIT);
    // The disk itself is untouched: a resolver without the overlay sees the committed file.
    expect((await parsed(new DescriptionResolver(config.resolve), 'components/parameters/Limit.yaml')).schema).toMatchObject({ maximum: 100 });
  });
});
