// The Kirim API client. `new Kirim({ apiKey })` for resource methods with retries, typed errors
// and pagination; `createKirimClient()` for the plain typed openapi-fetch client.
export type { components, operations, paths } from '../generated/openapi.js';
export { Kirim, Labels, Contacts } from './resources.js';
export type {
  KirimOptions,
  Label,
  ApiError,
  LabelColor,
  DeletedLabel,
  ContactLabel,
  BulkLabelResult,
  ListLabelsQuery,
  CreateLabelBody,
  UpdateLabelBody,
  AttachContactLabelBody,
  BulkLabelContactsBody,
  KeyContext,
  Health,
} from './resources.js';
export { createKirimClient, DEFAULT_BASE_URL, DEFAULT_TIMEOUT_MS } from './client.js';
export type { KirimClient, KirimClientOptions } from './client.js';
export type { RequestOptions, IdempotentRequestOptions } from './call.js';
export type { KirimResult } from './result.js';
export { Paginator, type Page } from './pagination.js';
export { DEFAULT_RETRY, parseRetryAfter, type RetryOptions } from './retry-policy.js';
export type { ApiKey, RetryEvent } from './transport.js';
export {
  KirimError,
  KirimApiError,
  KirimConnectionError,
  KirimTimeoutError,
  KirimResponseError,
  KirimConfigError,
  isKirimError,
  type AnyKirimError,
  type ErrorType,
  type KirimErrorType,
} from './errors.js';
