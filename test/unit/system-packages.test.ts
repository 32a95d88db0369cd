// `npm test` starts by naming the system packages it cannot find and the line that installs
// them, instead of a test failing deep inside. A PATH that holds only node hides the sample
// runtimes (chromium and Debian's python3 are probed at their absolute paths).
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProcess } from '../../scripts/lib/run-process.mjs';
import { installLine, missingPackages, systemPackages } from '../../scripts/lib/system-packages.mjs';
import { repoRoot } from '../support/scratch.js';

let bin: string;
beforeAll(async () => {
  bin = await mkdtemp(path.join(os.tmpdir(), 'kirim-path-'));
  await symlink(process.execPath, path.join(bin, 'node'));
});
afterAll(() => rm(bin, { recursive: true, force: true }));

describe('the system package check', () => {
  it('finds every package on this machine', async () => {
    expect((await missingPackages()).map((p) => p.name)).toEqual([]);
  });

  it('stops with each missing package, what needs it and the install line, exit 1, no stack trace', async () => {
    const { code, stdout, stderr } = await runProcess(process.execPath, [path.join(repoRoot, 'scripts/system-packages.mjs')], { env: { ...process.env, PATH: bin } });
    expect(code).toBe(1);
    expect(stderr).toContain('5 system package(s) missing');
    expect(stderr).toMatch(/golang-go +for test\/samples \(Go\) \(no `go` on PATH\)/);
    expect(stderr).toMatch(/apt-get install -y --no-install-recommends curl ruby php-cli php-curl golang-go\n/);
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(stdout).not.toContain('✓');
  });

  it('gives an install line that names every package once', () => {
    expect(installLine(systemPackages)).toMatch(/apt-get update && (sudo )?apt-get install -y --no-install-recommends chromium curl python3-requests ruby php-cli php-curl golang-go$/);
  });
});
