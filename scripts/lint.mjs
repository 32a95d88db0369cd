// The lint step of scripts/build.mjs: lint openapi/ with redocly.yaml, in-process. Warnings are errors.
import { loadConfig, lint, YamlParseError } from '@redocly/openapi-core';
import { UserError, run, step } from './lib/cli.mjs';
import { entry, lintConfig, rel } from './lib/paths.mjs';
import { DescriptionProblems } from './lib/problems.mjs';

/** Loads redocly.yaml; a broken config is the user's to fix, so it gets a plain message. */
export async function loadLintConfig(configPath = lintConfig) {
  try {
    return await loadConfig({ configPath });
  } catch (error) {
    throw new UserError(`${rel(configPath)}: cannot load the lint config: ${error.message}`);
  }
}

/**
 * `resolver`: a BaseResolver to share with the bundle step, so that each file is read and parsed once.
 * @param {{ ref?: string, config?: any, resolver?: any }} [options]
 */
export async function lintDescription({ ref = entry, config, resolver } = {}) {
  let problems;
  try {
    problems = await lint({ ref, config: config ?? (await loadLintConfig()), externalRefResolver: resolver });
  } catch (error) {
    // Problems inside referenced files come back as lint problems; only the root document
    // failing to load or parse throws (the message names the file, line and column).
    const message = `${rel(ref)}: cannot read the description: ${error.message}`;
    if (!(error instanceof YamlParseError)) throw new UserError(message);
    throw new DescriptionProblems(message, [{ file: rel(error.source.absoluteRef), line: error.line, col: error.col, ruleId: 'yaml-syntax', message: error.message }]);
  }
  if (problems.length > 0) {
    throw DescriptionProblems.listed(`lint: ${problems.length} problem(s) in ${rel(ref)} (warnings count as errors)`, problems);
  }
  return { summary: '0 problems' };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  run(() => step('lint', () => lintDescription({ ref: process.argv[2] ?? entry })));
}
