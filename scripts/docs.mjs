// Step 4: the self-contained HTML reference (generated/docs/index.html). Redocly's build-docs
// has no JavaScript API, so this is the one step that starts a process: node on the CLI's own
// entry (no npx), with the Redoc bundle inlined so the page needs no CDN.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { UserError } from './lib/cli.mjs';
import { lintConfig, root } from './lib/paths.mjs';

const redoclyBin = path.join(path.dirname(createRequire(import.meta.url).resolve('@redocly/cli/package.json')), 'bin/cli.js');

export async function buildDocs({ bundlePath, outFile }) {
  const args = [redoclyBin, 'build-docs', bundlePath, '--output', outFile, '--inlineBundle',
    '--title', 'Kirim Public API reference', '--config', lintConfig, '--lint-config', 'off'];
  try {
    await promisify(execFile)(process.execPath, args, { cwd: root, env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } });
  } catch (error) {
    throw new UserError(`docs: redocly build-docs failed:\n${error.stderr || error.message}`);
  }
  const html = await readFile(outFile);
  return { html, summary: `${(html.length / 1024).toFixed(0)} KiB` };
}
