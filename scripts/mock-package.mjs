// Builds the @kirim/mock package (packages/mock/dist/): mock/index.mjs and mock/cli.mjs bundled
// with rolldown (the shared lib/openapi.mjs, ajv and yaml inside; Prism's engine, the package's
// only dependency, left to require() at run time), the module's types declared from
// its JSDoc, and beside them the files the mock reads:
// the seed and its JSON Schema, the description it serves, the docs page. mock/lib/assets.mjs
// points at those files in the repository; the bundle gets a version that points beside itself.
// Run by the package's prepack and the tests.
import { chmod, copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'rolldown';
import ts from 'typescript';
import { run, step } from './lib/cli.mjs';
import { root } from './lib/paths.mjs';

export const mockPackageDir = path.join(root, 'packages/mock');
const assetsModule = path.join(root, 'mock/lib/assets.mjs');
const PACKAGED_ASSETS = `import { fileURLToPath } from 'node:url';
const at = (name) => fileURLToPath(new URL(name, import.meta.url));
export const assets = { seed: at('./seed.json'), seedSchema: at('./seed.schema.json'), description: at('./openapi.json'), docs: at('./docs.html') };
`;

/** The repository's file → its name in dist/. */
const files = [
  ['mock/seed.json', 'seed.json'],
  ['mock/seed.schema.json', 'seed.schema.json'],
  ['generated/openapi.json', 'openapi.json'],
  ['generated/docs/index.html', 'docs.html'],
];

// The module's types, declared by TypeScript from mock/'s JSDoc (never written by hand). The
// public module's declarations reference only these two of mock/'s other modules.
const DECLARATIONS = ['index.d.mts', 'seed.d.mts', 'lib/assets.d.mts'];

/** Writes the declarations of mock/index.mjs into `outDir`; throws with TypeScript's messages on a problem. */
async function declare(outDir) {
  const mockDir = path.join(root, 'mock');
  /** @type {Map<string, string>} */
  const emitted = new Map();
  const program = ts.createProgram([path.join(mockDir, 'index.mjs')], {
    allowJs: true,
    declaration: true,
    emitDeclarationOnly: true,
    skipLibCheck: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    rootDir: root,
    outDir: root,
  });
  const result = program.emit(undefined, (file, text) => emitted.set(path.relative(mockDir, file), text));
  if (result.diagnostics.length > 0) throw new Error(ts.formatDiagnostics(result.diagnostics, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => '\n' }));
  for (const name of DECLARATIONS) {
    const text = emitted.get(name);
    if (text === undefined) throw new Error(`TypeScript declared no ${name} for mock/`);
    await mkdir(path.dirname(path.join(outDir, name)), { recursive: true });
    await writeFile(path.join(outDir, name), text);
  }
}

/** @type {import('rolldown').Plugin} */
const packagedAssets = {
  name: 'kirim-mock-assets',
  load: (id) => (id === assetsModule ? PACKAGED_ASSETS : null),
};
/** The usage line names the command as the package's users type it. @type {import('rolldown').Plugin} */
const binName = {
  name: 'kirim-mock-usage',
  transform: (code) => code.replace('usage: node mock/cli.mjs', 'usage: kirim-mock'),
};

export async function buildMockPackage(outDir = path.join(mockPackageDir, 'dist')) {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  await step('bundle mock/index.mjs', () =>
    build({
      input: path.join(root, 'mock/index.mjs'),
      platform: 'node',
      logLevel: 'warn',
      plugins: [packagedAssets],
      output: { file: path.join(outDir, 'index.mjs'), format: 'esm', codeSplitting: false, minify: false },
    }),
  );
  // The CLI loads the module as ./index.mjs, which is where the bundle is: it stays a separate file
  // (its own shebang line is kept).
  await step('bundle mock/cli.mjs', () =>
    build({
      input: path.join(root, 'mock/cli.mjs'),
      platform: 'node',
      logLevel: 'warn',
      external: [/\/index\.mjs$/, './index.mjs'],
      plugins: [binName],
      output: { file: path.join(outDir, 'cli.mjs'), format: 'esm', minify: false },
    }),
  );
  await chmod(path.join(outDir, 'cli.mjs'), 0o755);
  await step('declare the types', () => declare(outDir));
  for (const [from, to] of files) await copyFile(path.join(root, from), path.join(outDir, to));
  return outDir;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) run(() => buildMockPackage());
