// `npm run mock` prints one line with the URL and the seeded keys, then serves on that URL;
// bad flags are a clear error and a non-zero exit. (startMock itself starts every mock of the
// global setup, and its reset() is the handler of POST /__mock/reset used by the suites.)
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { keys } from '../../mock/index.mjs';

const cli = fileURLToPath(new URL('../../mock/cli.mjs', import.meta.url));

function firstLine(args: string[]): Promise<{ line: string; stop: () => void }> {
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve({ line: out.split('\n')[0]!, stop: () => child.kill('SIGTERM') });
    });
    child.on('exit', (code) => reject(new Error(`the CLI exited with ${code}`)));
  });
}

describe('mock CLI', () => {
  // The two servers start side by side: most of each test is its process loading Prism's engine.
  it.concurrent('prints a one-line banner with the URL and seeded keys, and serves statefully on it', async ({ expect }) => {
    const { line, stop } = await firstLine(['--stateful', '--port', '0', '--host', '127.0.0.1', '--docs']);
    try {
      expect(line).toMatch(/^Kirim mock \(stateful\) on http:\/\/127\.0\.0\.1:\d+\/v1 /);
      for (const key of Object.values(keys)) expect(line).toContain(key);
      const url = /on (http:\S+)/.exec(line)![1]!;
      const created = await fetch(`${url}/labels`, {
        method: 'POST',
        headers: { authorization: `Bearer ${keys.singleTeam}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'From the CLI' }),
      });
      expect(created.status).toBe(201);
      const docs = await fetch(new URL('/', url));
      expect(docs.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await docs.text()).toContain('Kirim Public API');
    } finally {
      stop();
    }
  });

  it.concurrent('npm start validates the responses, so that /__mock/violations reports them', async ({ expect }) => {
    const start = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).scripts.start as string;
    expect(start.split(' ')).toContain('--validate-responses');
    const { line, stop } = await firstLine(['--stateful', '--port', '0', '--validate-responses']);
    try {
      expect(line).toMatch(/response violations: http:\/\/127\.0\.0\.1:\d+\/__mock\/violations/);
    } finally {
      stop();
    }
  });

  it('refuses a bad flag with a clear message and exit code 2', () => {
    const result = spawnSync(process.execPath, [cli, '--port', 'eighty'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--port must be 0 to 65535, got "eighty"');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
