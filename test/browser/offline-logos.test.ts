// The one post-processing step of the reference page: Redoc's sidebar logo comes from a CDN, and
// scripts/docs.mjs swaps it for an inline image. The browser test proves the page makes no request;
// these cheap checks say why when it would, and that a Redoc upgrade moving the URL is caught.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { offlineLogos, REMOTE_LOGOS } from '../../scripts/docs.mjs';

const page = readFileSync(new URL('../../generated/docs/index.html', import.meta.url), 'utf8');

describe('offline logos', () => {
  it('leaves no logo URL of the CDN in the published page', () => {
    expect([...REMOTE_LOGOS.keys()].filter((url) => page.includes(url))).toEqual([]);
    expect(page).not.toMatch(/https:\/\/cdn\.redoc\.ly\//);
  });

  it('replaces each logo URL with an inline image', () => {
    const html = [...REMOTE_LOGOS.keys()].map((url) => `src:\`${url}\``).join(';');
    const result = offlineLogos(html);
    expect(result).not.toContain('https://');
    expect(result.match(/data:image\/svg\+xml,/g)).toHaveLength(REMOTE_LOGOS.size);
  });

  it('fails with a message naming the URL when a Redoc upgrade no longer contains it', () => {
    const [first] = REMOTE_LOGOS.keys();
    expect(() => offlineLogos('no logo here')).toThrow(first!);
  });
});
