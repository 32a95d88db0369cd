// Realistic provider bugs, each a one-line change to the independent provider (./server.mjs looks
// for its name): `npm run mutants` and the package tests prove that the contract suite catches
// every one of them, with the case named in `caughtBy`.
export const providerBugs = [
  { name: 'name-limit-in-bytes', caughtBy: 'name limits count code points', breaks: 'the 50-character name limit counts UTF-8 bytes, so 50 non-ASCII characters are refused' },
  { name: 'rate-limit-remaining-constant', caughtBy: 'rate-limit headers', breaks: 'X-RateLimit-Remaining never decreases' },
  { name: 'rate-limit-reset-relative', caughtBy: 'rate-limit headers', breaks: 'X-RateLimit-Reset is seconds from now, not a Unix epoch time' },
  { name: 'updated-at-frozen', caughtBy: 'updated_at moves on PATCH', breaks: 'a PATCH does not move updated_at' },
  { name: 'foreign-id-forbidden', caughtBy: 'tenant isolation', breaks: "another organisation's label or contact id answers 403 instead of 404" },
  { name: 'idempotency-key-kept-after-failure', caughtBy: 'idempotency: a request refused with 400 leaves its key unused', breaks: 'an Idempotency-Key is remembered after a failed request' },
  { name: 'enum-case-insensitive', caughtBy: 'enum casing', breaks: 'enum values are compared without case ("Red" is accepted)' },
  { name: 'deleted-label-listed', caughtBy: 'a deleted label is neither found nor listed', breaks: 'a deleted label is still listed' },
];
