// The other post-processing steps of the reference page (scripts/docs.mjs): the published page has
// them applied, and each fails with a message naming the function when Redoc's output changes
// shape, so an upgrade that would silently undo a fix is noticed. test/browser/reader.test.ts
// checks what they do for a reader.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { accessibleNames, hashLinks, withTheme } from '../../scripts/docs.mjs';

const page = readFileSync(new URL('../../generated/docs/index.html', import.meta.url), 'utf8');

describe('post-processing of the reference page', () => {
  it('is applied to the published page', () => {
    expect(page).toContain('<style data-kirim-theme>');
    expect(page).toContain('<script data-kirim-keyboard>');
    expect(page).toContain('<script data-kirim-deep-link>');
    expect(page).not.toContain('"aria-label":`Example`');
    const markup = page.slice(page.indexOf('<div id="redoc">'), page.indexOf('<script type="module">'));
    expect(markup).not.toMatch(/ href="\/(?!\/)/);
    expect(markup).toContain(' href="#/labels"');
  });

  it('rewrites only the server-rendered links, not the script or other hosts', () => {
    const html = '<head></head><div id="redoc"><a href="/labels">L</a><a href="//cdn">C</a></div><script type="module">a.href="/x"</script>';
    expect(hashLinks(html)).toBe('<head></head><div id="redoc"><a href="#/labels">L</a><a href="//cdn">C</a></div><script type="module">a.href="/x"</script>');
  });

  it('fails naming the step when Redoc changes what it rewrites', () => {
    expect(() => hashLinks('<div>no redoc</div>')).toThrow(/hashLinks/);
    expect(() => accessibleNames('no picker')).toThrow(/accessibleNames/);
    expect(() => withTheme('<p>no head</p>', { css: '', head: '', body: '' })).toThrow(/<\/head>/);
  });
});
