// Sends one request of an operation and checks what holds for every answer: the status is
// documented, the body and documented headers match the description, `request_id` equals
// `X-Request-Id`, and `next_cursor` is null exactly when `has_more` is false. Records every
// (operation, status) received for the coverage matrix.
import type { Json, OperationEntry } from './openapi.js';
import { bucketOf, Pacer } from './pacing.js';
import type { Validator } from './validator.js';

export class CaseFailure extends Error {}

export interface Exchange {
  operationId: string;
  status: number;
  headers: Headers;
  body: Json;
  /** What was sent, for failure messages. */
  request: string;
}

export interface RequestSpec {
  path?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** A JSON value, serialised; or use `raw` for bytes that are not JSON. */
  body?: unknown;
  raw?: string;
  contentType?: string;
  /** The key to send; null sends no Authorization header; a string starting with a scheme is sent as is. */
  apiKey?: string | null;
  baseUrl?: string;
}

const TIMEOUT_MS = 10_000;
// 429s waited out per request before the 429 is the answer (a server that never lets up).
const RATE_LIMIT_RETRIES = 5;

export class Http {
  /** `${operationId} ${status}` → count. */
  readonly received = new Map<string, number>();
  requests = 0;
  /** Requests sent per rate-limit bucket. */
  readonly sent = { read: 0, write: 0 };
  readonly pacer = new Pacer();

  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
    private readonly ops: Map<string, OperationEntry>,
    private readonly validator: Validator,
    /** Sees every answer, valid or not, before it is checked (the context keeps its ledger of created labels here). */
    private readonly onAnswer: (exchange: Exchange) => void = () => {},
  ) {}

  entry(operationId: string): OperationEntry {
    const entry = this.ops.get(operationId);
    if (!entry) throw new Error(`no operation ${operationId}`);
    return entry;
  }

  /** Sends and validates; throws CaseFailure on a time-out, an undocumented status or an invalid answer. */
  async send(operationId: string, spec: RequestSpec = {}): Promise<Exchange> {
    const entry = this.entry(operationId);
    const path = entry.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
      const value = spec.path?.[name];
      if (value === undefined) throw new Error(`${operationId}: no value for path parameter ${name}`);
      return encodeURIComponent(value);
    });
    const query = spec.query ? `?${new URLSearchParams(spec.query)}` : '';
    const url = `${spec.baseUrl ?? this.baseUrl}${path}${query}`;
    const headers: Record<string, string> = { ...spec.headers };
    const key = spec.apiKey === undefined ? this.apiKey : spec.apiKey;
    if (key !== null) headers.authorization = /^\S+ /.test(key) ? key : `Bearer ${key}`;
    const text = spec.raw ?? (spec.body === undefined ? undefined : JSON.stringify(spec.body));
    if (text !== undefined) headers['content-type'] = spec.contentType ?? 'application/json';
    const method = entry.method.toUpperCase();
    const request = `${method} ${path}${query}${text === undefined ? '' : ` ${text.length > 300 ? `${text.slice(0, 300)}…` : text}`}`;

    // Only the target itself is paced: the rate-limited twin of the fixtures is there to be drained.
    const paced = (spec.baseUrl ?? this.baseUrl) === this.baseUrl;
    const bucket = bucketOf(method);
    let response: Response;
    let bodyText: string;
    for (let attempt = 0; ; attempt++) {
      if (paced) await this.pacer.before(bucket);
      this.requests++;
      this.sent[bucket]++;
      try {
        response = await fetch(url, { method, headers, body: text, signal: AbortSignal.timeout(TIMEOUT_MS) });
        bodyText = await response.text();
      } catch (error) {
        if (paced) this.pacer.after(bucket, 0, new Headers());
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        const reason = (error as Error).name === 'TimeoutError' ? `no answer within ${TIMEOUT_MS} ms (time-out)` : `the request failed: ${(error as Error).message}${cause ? ` (${cause.code ?? cause.message})` : ''}`;
        throw new CaseFailure(`${request}: ${reason}`);
      }
      if (!paced || this.pacer.after(bucket, response.status, response.headers) === undefined || attempt === RATE_LIMIT_RETRIES) break;
      const waited = `${operationId} 429`;
      this.received.set(waited, (this.received.get(waited) ?? 0) + 1);
    }
    const pair = `${operationId} ${response.status}`;
    this.received.set(pair, (this.received.get(pair) ?? 0) + 1);
    let body: Json;
    const problems: string[] = [];
    try {
      body = bodyText === '' ? undefined : JSON.parse(bodyText);
    } catch {
      problems.push(`the body is not JSON: ${bodyText.slice(0, 200)}`);
    }
    const exchange: Exchange = { operationId, status: response.status, headers: response.headers, body, request };
    this.onAnswer(exchange);
    problems.push(...this.validator.responseProblems(operationId, response.status, response.headers, body));
    const requestId = body?.error ? body.error.request_id : body?.request_id;
    if (response.headers.get('x-request-id') !== null && requestId !== undefined && requestId !== response.headers.get('x-request-id')) {
      problems.push(`request_id ${requestId} differs from X-Request-Id ${response.headers.get('x-request-id')}`);
    }
    if (body && Array.isArray(body.data) && 'has_more' in body && (body.next_cursor === null) !== (body.has_more === false)) {
      problems.push(`has_more is ${body.has_more} but next_cursor is ${JSON.stringify(body.next_cursor)}: next_cursor must be null exactly when has_more is false`);
    }
    if (problems.length) throw new CaseFailure(`${request} → ${response.status}:\n  ${problems.join('\n  ')}`);
    return exchange;
  }
}

/** What an error answer must say; `param: undefined` means the error must carry no `param`. */
export interface ErrorExpectation {
  status: number;
  type?: string;
  code: string;
  param?: string;
}

const TYPE_OF_STATUS: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  404: 'not_found',
  409: 'conflict',
  422: 'invalid_request_error',
  429: 'rate_limit_error',
  500: 'api_error',
};

export function expectError(ex: Exchange, want: ErrorExpectation): void {
  const got = ex.body?.error ?? {};
  const type = want.type ?? TYPE_OF_STATUS[want.status];
  const mismatches: string[] = [];
  if (ex.status !== want.status) mismatches.push(`status ${ex.status}, expected ${want.status}`);
  if (got.type !== type) mismatches.push(`type ${got.type}, expected ${type}`);
  if (got.code !== want.code) mismatches.push(`code ${got.code}, expected ${want.code}`);
  if (got.param !== want.param) mismatches.push(`param ${got.param ?? '(none)'}, expected ${want.param ?? '(none)'}`);
  if (mismatches.length) throw new CaseFailure(`${ex.request} → ${mismatches.join('; ')} (message: ${got.message ?? '-'})`);
}

export function expectStatus(ex: Exchange, status: number, why = ''): void {
  if (ex.status !== status) {
    const error = ex.body?.error;
    throw new CaseFailure(`${ex.request} → ${ex.status}, expected ${status}${why ? ` (${why})` : ''}${error ? `: ${error.code} ${error.param ?? ''} ${error.message}` : ''}`);
  }
}

export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new CaseFailure(message);
}
