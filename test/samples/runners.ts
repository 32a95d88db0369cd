// How each sample language is run: the file it is written to, what prepares it (type-checks,
// transpiles, lints, builds), and the command that runs it. Toolchains are Debian's (installed by
// .ci/run); a missing one fails with the package to install, never a silent skip.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runProcess } from '../../scripts/lib/run-process.mjs';
import { CLIENT_PACKAGE } from '../../scripts/samples.mjs';

export const clientSource = new URL('../../src/index.ts', import.meta.url);

export interface Runner {
  /** The Debian package that provides the tool, for the message when it is missing. */
  debian: string;
  file(operationId: string): string;
  /** Compiles or otherwise readies the written samples of this language, once. */
  prepare?(dir: string, operationIds: string[]): Promise<void>;
  command(dir: string, operationId: string): [string, ...string[]];
  /**
   * The samples name SAMPLE_ORIGIN instead of the recording proxy's address, and reach the proxy
   * through the HTTP_PROXY their language honours: their sources, and so what is built from
   * them, are the same from one run to the next.
   */
  throughProxy?: boolean;
}

/** The origin the samples of a `throughProxy` language call: reserved for tests (RFC 2606), never resolved. */
export const SAMPLE_ORIGIN = 'http://samples.kirim.test';

const repository = fileURLToPath(new URL('../../', import.meta.url));
/** Where the TypeScript program emits a source file of the repository. */
const emitted = (dir: string, file: string) => path.join(dir, 'js', path.relative(repository, file)).replace(/\.m?ts$/, (ext) => (ext === '.mts' ? '.mjs' : '.js'));

const nativeTsc = fileURLToPath(new URL('../../node_modules/typescript-native/bin/tsc', import.meta.url));

/**
 * Type-checks the TypeScript samples as published (importing the client by its package name, mapped
 * to src/index.ts) and emits them and the client as JavaScript under dir/js/, with TypeScript 7's
 * native compiler (a second where the TypeScript 5 API took three). Returns the diagnostics, one
 * line each, naming the operation.
 */
export async function compileTypeScriptSamples(dir: string, operationIds: string[]): Promise<string[]> {
  const config = {
    compilerOptions: {
      strict: true,
      noUncheckedIndexedAccess: true,
      skipLibCheck: true,
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      // The DOM library gives console and fetch's types; it checks faster than @types/node.
      lib: ['ES2023', 'DOM'],
      types: [],
      paths: { [CLIENT_PACKAGE]: [fileURLToPath(clientSource)] },
      rootDir: repository,
      outDir: path.join(dir, 'js'),
      noEmitOnError: true,
    },
    files: operationIds.map((op) => path.join(dir, `${op}.mts`)),
  };
  await writeFile(path.join(dir, 'tsconfig.json'), JSON.stringify(config, null, 2));
  const { code, stdout, stderr } = await runProcess(process.execPath, [nativeTsc, '-p', path.join(dir, 'tsconfig.json')], { cwd: dir });
  if (code === 0) return [];
  // tsc prints `file(line,col): error TSnnnn: message`; name the operation and the line.
  const errors = stdout.split('\n').filter((line) => /error TS\d+/.test(line));
  if (errors.length === 0) return [`TypeScript: tsc exited with ${code}: ${stderr}`];
  return errors.map((line) => {
    const match = /^(.*?)\((\d+),\d+\): error TS\d+: (.*)$/.exec(line);
    return match ? `${path.basename(match[1]!).replace(/\.m?ts$/, '')} · TypeScript line ${match[2]}: ${match[3]}` : `TypeScript: ${line}`;
  });
}

/**
 * What go vet and go build read besides the samples' sources and go.mod: the toolchain (its
 * version, and its go, vet, compile and link programs by size and time, which any other build of
 * the same version changes; Debian's standard library sources are locked to the same package
 * version) and the settings that pick the files compiled and how they are linked.
 */
async function goToolchain(env: NodeJS.ProcessEnv): Promise<string> {
  const settings = ['GOVERSION', 'GOROOT', 'GOTOOLDIR', 'GOOS', 'GOARCH', 'GOAMD64', 'CGO_ENABLED', 'GOEXPERIMENT', 'GOFLAGS', 'CC', 'CGO_CFLAGS', 'CGO_LDFLAGS'];
  const goEnv = await runProcess('go', ['env', ...settings], { env });
  if (goEnv.code !== 0) throw new Error(`go env:\n${goEnv.stderr}`);
  const values = goEnv.stdout.split('\n');
  const value = (name: string) => values[settings.indexOf(name)] ?? '';
  const programs = [path.join(value('GOROOT'), 'bin', 'go'), ...['vet', 'compile', 'link'].map((tool) => path.join(value('GOTOOLDIR'), tool))];
  const stamps = await Promise.all(programs.map(async (file) => stat(file).then(({ size, mtimeMs }) => `${file} ${size} ${mtimeMs}`)));
  return [...settings.map((name) => `${name}=${value(name)}`), ...stamps].join('\n');
}

/**
 * The folder of the Go samples' binaries, vetted and built: `go vet` must pass (go's own cache does
 * not keep vet's verdict on the packages it is given: it runs the vet tool on each sample), then
 * one `go build` links all of them (about six seconds of CPU: go's own cache keeps what it
 * compiles, not what it links). The folder is kept under the user's cache by a hash of all that
 * both read (goToolchain, go.mod and every source) and exists only once both passed, so a run
 * whose samples did not change skips both; a change to any of them makes a new hash.
 */
async function vettedGoBinaries(dir: string, env: NodeJS.ProcessEnv): Promise<string> {
  const hash = createHash('sha256').update(await goToolchain(env));
  const files = ['go.mod', ...(await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.go')).sort()];
  for (const file of files) hash.update(`\0${file}\0`).update(await readFile(path.join(dir, file)));
  const cache = path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'kirim-openapi', 'go-samples');
  const built = path.join(cache, hash.digest('hex').slice(0, 32));
  if (existsSync(built)) {
    // Marks it as used: the pruning below keeps the most recently used.
    await utimes(built, new Date(), new Date());
    return built;
  }
  const vet = await runProcess('go', ['vet', './...'], { cwd: dir, env });
  if (vet.code !== 0) throw new Error(`go vet:\n${vet.stderr}`);
  await mkdir(cache, { recursive: true });
  // Built beside and renamed into place: a run beside this one sees all the binaries or none.
  const partial = await mkdtemp(path.join(cache, 'partial-'));
  const build = await runProcess('go', ['build', '-o', `${partial}${path.sep}`, './...'], { cwd: dir, env });
  if (build.code !== 0) {
    await rm(partial, { recursive: true, force: true });
    throw new Error(`go build:\n${build.stderr}`);
  }
  await rename(partial, built).catch(async (error) => {
    await rm(partial, { recursive: true, force: true });
    if (!existsSync(built)) throw error;
  });
  // Each change of the description or of the generator leaves a set of about 50 MB: keep the
  // last few (other checkouts of the repository may be using theirs).
  const sets = await Promise.all((await readdir(cache)).filter((name) => !name.startsWith('partial-')).map(async (name) => ({ name, used: (await stat(path.join(cache, name))).mtimeMs })));
  for (const { name } of sets.sort((a, b) => b.used - a.used).slice(GO_SETS_KEPT)) await rm(path.join(cache, name), { recursive: true, force: true });
  return built;
}

const GO_SETS_KEPT = 4;

export const runners: Record<string, Runner> = {
  curl: { debian: 'curl', file: (op) => `${op}.sh`, command: (dir, op) => ['bash', path.join(dir, `${op}.sh`)] },
  // The browser fetch sample: Node 20 has the same global fetch.
  JavaScript: { debian: 'nodejs', file: (op) => `${op}.mjs`, command: (dir, op) => [process.execPath, path.join(dir, `${op}.mjs`)] },
  'Node.js': { debian: 'nodejs', file: (op) => `${op}.cjs`, command: (dir, op) => [process.execPath, path.join(dir, `${op}.cjs`)] },
  // Type-checked and compiled by compileTypeScriptSamples; a type error fails the language with
  // the operation named. The emitted sample still imports the package name: point it at the
  // emitted client.
  TypeScript: {
    debian: 'nodejs',
    file: (op) => `${op}.mts`,
    async prepare(dir, operationIds) {
      const problems = await compileTypeScriptSamples(dir, operationIds);
      if (problems.length > 0) throw new Error(problems.join('\n'));
      const client = emitted(dir, fileURLToPath(clientSource));
      for (const op of operationIds) {
        const file = emitted(dir, path.join(dir, `${op}.mts`));
        const source = await readFile(file, 'utf8');
        const local = source.replace(`from '${CLIENT_PACKAGE}'`, `from '${path.relative(path.dirname(file), client)}'`);
        if (local === source) throw new Error(`${op} · TypeScript: the sample does not import from '${CLIENT_PACKAGE}'`);
        await writeFile(file, local);
      }
    },
    command: (dir, op) => [process.execPath, emitted(dir, path.join(dir, `${op}.mts`))],
  },
  // Debian's python3, the one python3-requests is installed for (not a pyenv or venv first on PATH).
  Python: { debian: 'python3-requests', file: (op) => `${op}.py`, command: (dir, op) => ['/usr/bin/python3', path.join(dir, `${op}.py`)] },
  // One module holding a main package per operation: `gofmt -l` must list nothing and `go vet`
  // must pass (as a Go reader's editor and CI would check), then one `go build` links them all.
  // GOPROXY=off: the samples use the standard library only, so nothing may be downloaded.
  Go: {
    debian: 'golang-go',
    file: (op) => path.join(op, 'main.go'),
    throughProxy: true,
    async prepare(dir) {
      const env: NodeJS.ProcessEnv = { ...process.env, GOPROXY: 'off', GOFLAGS: '', GOTOOLCHAIN: 'local' };
      // go refuses to build without a cache directory, which it derives from HOME.
      if (!env.GOCACHE && !env.HOME && !env.XDG_CACHE_HOME) env.GOCACHE = path.join(dir, '.gocache');
      await writeFile(path.join(dir, 'go.mod'), 'module samples\n\ngo 1.19\n');
      const gofmt = await runProcess('gofmt', ['-l', '.'], { cwd: dir });
      if (gofmt.code !== 0 || gofmt.stdout.trim() !== '') throw new Error(`gofmt -l lists files that are not formatted:\n${gofmt.stdout}${gofmt.stderr}`);
      await symlink(await vettedGoBinaries(dir, env), path.join(dir, 'bin'));
    },
    command: (dir, op) => [path.join(dir, 'bin', op)],
  },
  Ruby: { debian: 'ruby', file: (op) => `${op}.rb`, command: (dir, op) => ['ruby', path.join(dir, `${op}.rb`)] },
  PHP: { debian: 'php-cli php-curl', file: (op) => `${op}.php`, command: (dir, op) => ['php', path.join(dir, `${op}.php`)] },
};

/** Writes one language's samples under dir/<language>/ and prepares them; returns that directory. */
export async function writeSamples(root: string, language: string, samples: Map<string, string>): Promise<string> {
  const runner = runners[language];
  if (!runner) throw new Error(`no runner for the sample language ${language}: add one to test/samples/runners.ts`);
  const dir = path.join(root, language.replace(/[^A-Za-z]/g, ''));
  for (const [op, source] of samples) {
    const file = path.join(dir, runner.file(op));
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `${source}\n`);
  }
  try {
    await runner.prepare?.(dir, [...samples.keys()]);
  } catch (error) {
    const e = error as { code?: string; stderr?: string; message: string };
    if (e.code === 'ENOENT') throw new Error(`${language}: its toolchain is not installed (apt-get install ${runner.debian}; .ci/run does)`);
    throw new Error(`${language}: preparing the samples failed:\n${e.stderr || e.message}`);
  }
  return dir;
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The variables of a reader's shell that a sample's toolchain looks at: where programs are, the
 * home folder and the locale. Nothing else of the test runner's environment is passed on: not its
 * own (NODE_ENV=test, VITEST_*), not proxies of the machine (a sample calls 127.0.0.1), and not CA
 * bundles for outgoing TLS, which the samples' plain HTTP never uses but Node reads at every start
 * when NODE_EXTRA_CA_CERTS names one (about 70 ms of CPU for each of the 33 Node processes).
 */
const SHELL_VARIABLES = ['PATH', 'HOME', 'LANG', 'LANGUAGE', 'LC_ALL', 'LC_CTYPE', 'TZ', 'TMPDIR'];

/** The environment a sample runs in; `proxyUrl` is the recording proxy, for a `throughProxy` language. */
function sampleEnvironment(runner: Runner, proxyUrl: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const name of SHELL_VARIABLES) if (process.env[name] !== undefined) env[name] = process.env[name];
  return runner.throughProxy ? { ...env, HTTP_PROXY: proxyUrl, http_proxy: proxyUrl } : env;
}

/** Runs one written sample; `proxyUrl` is the recording proxy, for a `throughProxy` language. */
export async function runSample(language: string, dir: string, operationId: string, proxyUrl: string): Promise<Run> {
  const runner = runners[language]!;
  const [command, ...args] = runner.command(dir, operationId);
  const env = sampleEnvironment(runner, proxyUrl);
  try {
    return await runProcess(command, args, { cwd: dir, env, timeout: 15_000 });
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') throw new Error(`${operationId} · ${language}: ${command} is not installed (apt-get install ${runner.debian}; .ci/run does)`);
    throw error;
  }
}
