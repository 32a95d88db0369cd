// Turns Redocly problems into one line each: file:line:col, rule, message. Warnings count as
// errors here (our policy), so the severity is shown but never lets a problem through.
import { getLineColLocation } from '@redocly/openapi-core';
import { rel } from './paths.mjs';

export function formatProblem(problem) {
  const location = problem.location?.[0];
  let where = '(unknown location)';
  if (location?.source) {
    const file = rel(location.source.absoluteRef);
    try {
      const { start } = getLineColLocation(location);
      where = `${file}:${start.line}:${start.col}`;
    } catch {
      where = `${file} ${location.pointer ?? ''}`.trim();
    }
  }
  return `${where}  ${problem.ruleId}  ${problem.message}`;
}

export function formatProblems(problems) {
  return problems.map(formatProblem).join('\n');
}
