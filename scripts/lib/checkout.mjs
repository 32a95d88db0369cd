// The mock of another git revision, for same-run comparisons (`bench:mock --against REF`,
// `soak:mock --against REF`): its mock/, scripts/, generated/ and package.json extracted into a
// scratch folder whose node_modules is this checkout's. The caller removes the folder.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { UserError } from './cli.mjs';
import { root } from './paths.mjs';

/** Extracts `ref`'s mock into a new scratch folder and returns the folder. */
export function checkoutRevision(ref) {
  const dir = mkdtempSync(path.join(tmpdir(), 'kirim-revision-'));
  try {
    const archive = execFileSync('git', ['archive', ref, 'mock', 'scripts', 'generated', 'package.json'], { cwd: root, maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] });
    execFileSync('tar', ['-x', '-C', dir], { input: archive });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new UserError(`--against ${ref}: cannot check out its mock: ${String(error.stderr ?? error.message).trim()}`);
  }
  symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}
