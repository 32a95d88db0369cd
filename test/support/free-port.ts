// One implementation, shared with the benchmarks.
export { freePort } from '../../scripts/lib/free-port.mjs';
