// Cursor pagination: `for await (const item of paginator)` walks every page, `.pages()` gives
// them one at a time. A page is fetched only when the loop asks for it.
import { KirimResponseError } from './errors.js';
import type { KirimResult } from './result.js';

export interface Page<T> extends KirimResult<T[]> {
  hasMore: boolean;
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export class Paginator<T> implements AsyncIterable<T> {
  readonly #fetchPage: (cursor: string | undefined) => Promise<Page<T>>;
  readonly #firstCursor: string | undefined;

  constructor(fetchPage: (cursor: string | undefined) => Promise<Page<T>>, firstCursor?: string) {
    this.#fetchPage = fetchPage;
    this.#firstCursor = firstCursor;
  }

  async *pages(): AsyncGenerator<Page<T>, void, undefined> {
    let cursor = this.#firstCursor;
    // Every cursor of this walk: one that comes back (a, b, a…) would loop for ever.
    const walked = new Set<string | undefined>([cursor]);
    for (;;) {
      const page = await this.#fetchPage(cursor);
      yield page;
      if (!page.hasMore) return;
      if (!page.nextCursor || walked.has(page.nextCursor)) {
        throw new KirimResponseError(page.response.status, page.requestId, 'has_more with a next_cursor that is missing or repeated (an endless walk)', undefined);
      }
      cursor = page.nextCursor;
      walked.add(cursor);
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for await (const page of this.pages()) yield* page.data;
  }
}
