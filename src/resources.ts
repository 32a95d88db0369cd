// The resource client: `kirim.me()`, `kirim.health()`, `kirim.labels.*` and `kirim.contacts.*`,
// one method per operation of the description, each a typed openapi-fetch call (so a change to
// `paths` breaks the build here), answering `{ data, requestId, response }` or throwing a
// KirimError. RESOURCE_METHODS says which method answers each operation: an operation the
// description gains without a method fails to compile, naming it.
import type { components, operations } from '../generated/openapi.js';
import { createCall, created, listPage, type Call, type IdempotentRequestOptions, type RequestOptions } from './call.js';
import { buildClient, type KirimClient, type KirimClientOptions } from './client.js';
import { Paginator, type Page } from './pagination.js';
import type { KirimResult } from './result.js';
import { DEFAULT_RETRY } from './retry-policy.js';

type Schemas = components['schemas'];
type JsonBody<Op extends keyof operations> = operations[Op] extends { requestBody: { content: { 'application/json': infer B } } } ? B : never;

export type Label = Schemas['Label'];
export type ApiError = Schemas['ApiError'];
export type LabelColor = Schemas['LabelColor'];
export type DeletedLabel = Schemas['DeletedLabel'];
export type ContactLabel = Schemas['ContactLabel'];
export type BulkLabelResult = Schemas['BulkLabelResult'];
export type ListLabelsQuery = NonNullable<operations['listLabels']['parameters']['query']>;
export type KeyContext = Schemas['KeyContext'];
export type Health = Schemas['Health'];
export type CreateLabelBody = JsonBody<'createLabel'>;
export type UpdateLabelBody = JsonBody<'updateLabel'>;
export type AttachContactLabelBody = JsonBody<'attachContactLabel'>;
export type BulkLabelContactsBody = JsonBody<'bulkLabelContacts'>;
type LabelId = operations['getLabel']['parameters']['path']['id'];
type ContactId = operations['attachContactLabel']['parameters']['path']['id'];

export type KirimOptions = KirimClientOptions;

async function one<T>(pending: Promise<{ body: { data: T }; requestId: string; response: Response }>): Promise<KirimResult<T>> {
  const { body, requestId, response } = await pending;
  return { data: body.data, requestId, response };
}

/** A group of operations over the shared call function and raw client. */
class Resource {
  constructor(
    protected readonly call: Call,
    protected readonly raw: KirimClient,
  ) {}
}

export class Labels extends Resource {
  /** Every label, newest first: `for await (const label of kirim.labels.list({ limit: 50 }))`; `.pages()` for page by page. */
  list(query: ListLabelsQuery = {}, options?: RequestOptions): Paginator<Label> {
    return new Paginator((cursor) => this.page({ ...query, cursor }, options), query.cursor);
  }

  /** One page of labels; pass `nextCursor` back as `cursor` for the next. */
  async page(query: ListLabelsQuery = {}, options?: RequestOptions): Promise<Page<Label>> {
    const { body, requestId, response } = await this.call<Schemas['LabelListResponse']>(
      (init) => this.raw.GET('/labels', { ...init, params: { query } }),
      options,
      listPage,
    );
    return { data: body.data, hasMore: body.has_more, nextCursor: body.next_cursor, requestId, response };
  }

  /** Creates a label (201). Retried safely: the client sends one Idempotency-Key for all attempts. */
  create(body: CreateLabelBody, options?: IdempotentRequestOptions): Promise<KirimResult<Label>> {
    return one(this.call<Schemas['LabelResponse']>((init) => this.raw.POST('/labels', { ...init, body }), options, created));
  }

  get(id: LabelId, options?: RequestOptions): Promise<KirimResult<Label>> {
    return one(this.call<Schemas['LabelResponse']>((init) => this.raw.GET('/labels/{id}', { ...init, params: { path: { id } } }), options));
  }

  update(id: LabelId, body: UpdateLabelBody, options?: RequestOptions): Promise<KirimResult<Label>> {
    return one(this.call<Schemas['LabelResponse']>((init) => this.raw.PATCH('/labels/{id}', { ...init, params: { path: { id } }, body }), options));
  }

  delete(id: LabelId, options?: RequestOptions): Promise<KirimResult<DeletedLabel>> {
    return one(this.call<Schemas['DeletedLabelResponse']>((init) => this.raw.DELETE('/labels/{id}', { ...init, params: { path: { id } } }), options));
  }
}

export class Contacts extends Resource {
  /** Puts a label on a contact (idempotent; retried safely under one Idempotency-Key). */
  attachLabel(contactId: ContactId, body: AttachContactLabelBody, options?: IdempotentRequestOptions): Promise<KirimResult<ContactLabel>> {
    return one(
      this.call<Schemas['ContactLabelResponse']>((init) => this.raw.POST('/contacts/{id}/labels', { ...init, params: { path: { id: contactId } }, body }), options),
    );
  }

  /** Takes a label off a contact; answers the same when it was not on. */
  detachLabel(contactId: ContactId, labelId: LabelId, options?: RequestOptions): Promise<KirimResult<ContactLabel>> {
    return one(
      this.call<Schemas['ContactLabelResponse']>(
        (init) => this.raw.DELETE('/contacts/{id}/labels/{label_id}', { ...init, params: { path: { id: contactId, label_id: labelId } } }),
        options,
      ),
    );
  }

  /** Attaches or detaches one label on 1 to 1,000 contacts in one transaction. */
  bulkLabel(body: BulkLabelContactsBody, options?: IdempotentRequestOptions): Promise<KirimResult<BulkLabelResult>> {
    return one(this.call<Schemas['BulkLabelResultResponse']>((init) => this.raw.POST('/contacts/bulk_label', { ...init, body }), options));
  }
}

/**
 * The resource method of every operation of the description (`null`: only through `kirim.raw`,
 * with the reason beside it). `satisfies` makes this table complete: an operation added to the
 * description without an entry here is a compile error that names it, and so is an entry for an
 * operation the description does not have. test/client checks that each named method exists.
 */
export const RESOURCE_METHODS = {
  getMe: 'me',
  getHealth: 'health',
  // A tool's input, not an API answer: `kirim.raw.GET('/openapi.json')`, or the bundled copy
  // this package ships as `@kirim/openapi/openapi.json`.
  getOpenApiDescription: null,
  listLabels: 'labels.list',
  createLabel: 'labels.create',
  getLabel: 'labels.get',
  updateLabel: 'labels.update',
  deleteLabel: 'labels.delete',
  attachContactLabel: 'contacts.attachLabel',
  detachContactLabel: 'contacts.detachLabel',
  bulkLabelContacts: 'contacts.bulkLabel',
} as const satisfies Record<keyof operations, string | null>;

/** The Kirim API client: `const kirim = new Kirim({ apiKey })`. Retries by default. */
export class Kirim {
  readonly labels: Labels;
  readonly contacts: Contacts;
  /** The typed openapi-fetch client beneath, sharing the key, time-out and retries. */
  readonly raw: KirimClient;

  readonly #call: Call;

  constructor(options: KirimOptions) {
    const { raw, transport, settings } = buildClient(options, DEFAULT_RETRY);
    const call = createCall(transport, settings);
    this.#call = call;
    this.raw = raw;
    this.labels = new Labels(call, raw);
    this.contacts = new Contacts(call, raw);
  }

  /** The organisation, API key (id, label, last 4 characters) and rate limits the key stands for. */
  me(options?: RequestOptions): Promise<KirimResult<KeyContext>> {
    return one(this.#call<Schemas['KeyContextResponse']>((init) => this.raw.GET('/me', { ...init }), options));
  }

  /** Whether the API is up; needs no key (the client's is sent and ignored). */
  health(options?: RequestOptions): Promise<KirimResult<Health>> {
    return one(this.#call<Schemas['HealthResponse']>((init) => this.raw.GET('/health', { ...init }), options));
  }
}
