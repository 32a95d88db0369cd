// `npm run diff -- [--base REF_OR_FILE] [--head REF_OR_FILE] [--format text|markdown|json] [--fail-on LEVEL]`
// What changed between two descriptions and how much it matters (see scripts/diff/).
import { UserError, progressTo, run, step } from './lib/cli.mjs';
import { compareDescriptions } from './diff/compare.mjs';
import { FORMATS } from './diff/format.mjs';
import { loadSide } from './diff/inputs.mjs';
import { LEVELS } from './diff/rules.mjs';

const USAGE = 'usage: npm run diff -- [--base REF_OR_FILE] [--head REF_OR_FILE] [--format text|markdown|json] [--fail-on breaking|warning|non-breaking|annotation]';

function parseArgs(argv) {
  const options = { format: 'text' };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const name = { '--base': 'base', '--head': 'head', '--format': 'format', '--fail-on': 'failOn' }[arg];
    if (!name) throw new UserError(`unknown argument ${arg}; ${USAGE}`);
    const value = argv[++i];
    if (!value) throw new UserError(`${arg} needs a value; ${USAGE}`);
    options[name] = value;
  }
  if (!FORMATS[options.format]) throw new UserError(`--format ${options.format}: use text, markdown or json`);
  if (options.failOn && !LEVELS.includes(options.failOn)) throw new UserError(`--fail-on ${options.failOn}: use ${LEVELS.join(', ')}`);
  return options;
}

async function main() {
  // stdout is the diff itself (JSON or Markdown for a tool or a comment): progress goes to stderr.
  progressTo(process.stderr);
  const options = parseArgs(process.argv.slice(2));
  const base = await loadSide(options.base, { option: '--base', fallback: 'release' });
  const head = await loadSide(options.head, { option: '--head', fallback: 'working tree' });
  const entries = await step('compare', async () => {
    const found = compareDescriptions(base.document, head.document, { locate: head.locate });
    return Object.assign(found, { summary: `${found.length} change(s)` });
  });
  process.stdout.write(FORMATS[options.format](entries, { base: base.label, head: head.label }));
  if (options.failOn) {
    const worst = LEVELS.slice(0, LEVELS.indexOf(options.failOn) + 1);
    const failing = entries.filter((e) => worst.includes(e.level));
    if (failing.length > 0) throw new UserError(`${failing.length} change(s) at level ${options.failOn} or worse (--fail-on ${options.failOn})`);
  }
}

run(main);
