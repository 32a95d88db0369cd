// The one response validator (src/contract/validator.ts), bound to the bundled description.
import { createValidator } from '../../src/contract/validator.js';
import { description } from './description.js';

export const { responseProblems, requestFaults } = createValidator(description);
