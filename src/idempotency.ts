// Gives every call of an idempotent POST its own Idempotency-Key, once, in the middleware chain:
// the retries beneath it re-send that same key, so the server creates at most once per call.
import type { Middleware } from 'openapi-fetch';
import type { paths } from '../generated/openapi.js';

/** The paths whose POST declares an `Idempotency-Key` header in the description. */
type IdempotentPost = {
  [P in keyof paths]: paths[P] extends { post: { parameters: { header?: infer H } } } ? ('Idempotency-Key' extends keyof NonNullable<H> ? P : never) : never;
}[keyof paths];

const IDEMPOTENT_POSTS = ['/labels', '/contacts/{id}/labels', '/contacts/bulk_label'] as const satisfies readonly IdempotentPost[];

// Fails to compile when the description gains an idempotent POST that this list lacks.
type MustBeNever<T extends never> = T;
export type MissingIdempotentPost = MustBeNever<Exclude<IdempotentPost, (typeof IDEMPOTENT_POSTS)[number]>>;

const idempotentPosts: ReadonlySet<string> = new Set(IDEMPOTENT_POSTS);

export const idempotencyKey: Middleware = {
  onRequest({ request, schemaPath }) {
    if (request.method === 'POST' && idempotentPosts.has(schemaPath) && !request.headers.has('Idempotency-Key')) {
      request.headers.set('Idempotency-Key', crypto.randomUUID());
    }
    return request;
  },
};
