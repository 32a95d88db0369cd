// The target-agnostic contract suite, for the vitest suites, the bin and the mutation runs.
export { runSuite, allCases, type SuiteResult, type CaseResult, type RunOptions } from './runner.js';
export { summary, junit, coverageJson } from './report.js';
export { negativeMatrix, type NegativeCase } from './negative.js';
export { createValidator, type Validator } from './validator.js';
export { describeTarget, type Target } from './target.js';
export { description } from './description.js';
