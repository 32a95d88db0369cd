// Turns Redocly problems into one line each: file:line:col, rule, message. Warnings count as
// errors here (our policy), so the severity is shown but never lets a problem through.
import { getLineColLocation } from '@redocly/openapi-core';
import { UserError } from './cli.mjs';
import { rel } from './paths.mjs';

/**
 * Where a problem is and what it says, as fields (the dev server's overlay shows them).
 * @returns {{ file?: string, line?: number, col?: number, pointer?: string, ruleId: string, message: string }}
 */
export function locateProblem(problem) {
  const location = problem.location?.[0];
  const found = { ruleId: problem.ruleId, message: problem.message };
  if (!location?.source) return found;
  const file = rel(location.source.absoluteRef);
  try {
    const { start } = getLineColLocation(location);
    return { file, line: start.line, col: start.col, ...found };
  } catch {
    return { file, pointer: location.pointer, ...found };
  }
}

/**
 * One line: `file:line:col  rule  message`.
 * @param {ReturnType<typeof locateProblem>} problem
 */
export function problemLine(problem) {
  return `${problemPlace(problem) ?? '(unknown location)'}  ${problem.ruleId}  ${problem.message}`;
}

/**
 * `file:line:col` (or `file pointer`), undefined when the problem names no file: the terminal's
 * line and the dev server's overlay show it the same way.
 * @param {ReturnType<typeof locateProblem>} problem
 */
export function problemPlace({ file, line, col, pointer }) {
  if (file === undefined) return undefined;
  return line === undefined ? `${file} ${pointer ?? ''}`.trim() : `${file}:${line}:${col}`;
}

export function formatProblem(problem) {
  return problemLine(locateProblem(problem));
}

export function formatProblems(problems) {
  return problems.map(formatProblem).join('\n');
}

/** A step's failure on problems in the description: `problems` holds them as fields, for the dev server's overlay. */
export class DescriptionProblems extends UserError {
  /**
   * @param {string} message what the terminal shows
   * @param {ReturnType<typeof locateProblem>[]} problems
   */
  constructor(message, problems) {
    super(message);
    this.problems = problems;
  }

  /** `heading:` then one line per problem. */
  static listed(heading, problems) {
    const located = problems.map(locateProblem);
    return new DescriptionProblems(`${heading}:\n${located.map(problemLine).join('\n')}`, located);
  }
}
