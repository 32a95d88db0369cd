// The errors the client throws. One base class, `KirimError`, and four kinds told apart by
// class and by the `type` discriminant: API errors (the seven types of the error envelope),
// connection failures, time-outs and answers that are not the API's JSON. Every error carries
// status, type, code, param, message and request id, and never the API key.
import type { components } from '../generated/openapi.js';

export type ErrorType = components['schemas']['ErrorType'];
type ApiErrorBody = components['schemas']['ApiError'];

export type KirimErrorType = ErrorType | 'connection_error' | 'timeout_error' | 'invalid_response_error';

interface ErrorFields {
  status: number | null;
  code: string;
  param?: string | undefined;
  requestId: string | null;
  cause?: unknown;
  /** The key in use, to be kept out of the message. */
  secret?: string | undefined;
}

/**
 * The text with the key in use (whatever its shape) and anything that looks like a Kirim key
 * or a bearer token replaced: a server or a proxy may echo the Authorization header.
 */
export function redact(text: string, secret?: string): string {
  const out = secret ? text.split(secret).join('[redacted]') : text;
  return out.replace(/\bkdv_(live|test)_[A-Za-z0-9_-]+/g, 'kdv_$1_[redacted]').replace(/\b(Bearer)\s+[^\s"',;]+/gi, '$1 [redacted]');
}

export abstract class KirimError extends Error {
  abstract readonly type: KirimErrorType;
  readonly status: number | null;
  readonly code: string;
  readonly param: string | undefined;
  readonly requestId: string | null;

  constructor(message: string, fields: ErrorFields) {
    super(redact(message, fields.secret), fields.cause === undefined ? undefined : { cause: fields.cause });
    this.status = fields.status;
    this.code = redact(fields.code, fields.secret);
    this.param = fields.param === undefined ? undefined : redact(fields.param, fields.secret);
    this.requestId = fields.requestId;
  }

  /** The fields worth logging: the error's own fields hold nothing from the request, so never the key. */
  toJSON(): object {
    return { ...this, message: this.message };
  }
}

/** The API answered with its error envelope: `type` is one of the seven error types. */
export class KirimApiError extends KirimError {
  // Spelled out: a consumer's minifier renames classes, so constructor.name would not do.
  override readonly name = 'KirimApiError';
  declare readonly status: number;
  readonly type: ErrorType;
  /** For `rate_limit_error`: how long the server asked to wait (`Retry-After`), in milliseconds. */
  readonly retryAfterMs: number | undefined;

  constructor(status: number, body: ApiErrorBody, requestId: string | null, retryAfterMs: number | undefined, secret: string | undefined) {
    super(`${status} ${body.type}/${body.code}: ${body.message}${body.param ? ` (param ${body.param})` : ''}`, {
      status,
      code: body.code,
      param: body.param,
      requestId: body.request_id ?? requestId,
      secret,
    });
    this.type = body.type;
    this.retryAfterMs = retryAfterMs;
  }
}

/** No answer: the connection failed or was cut, on every attempt. `code` is the system error code when known. */
export class KirimConnectionError extends KirimError {
  override readonly name = 'KirimConnectionError';
  readonly type = 'connection_error' as const;
  readonly attempts: number;

  constructor(url: string, attempts: number, cause: unknown) {
    const code = systemCode(cause);
    super(`connection to ${url} failed after ${attempts} attempt(s): ${describe(cause)}`, { status: null, code, requestId: null, cause });
    this.attempts = attempts;
  }
}

/** No answer within the time-out, on every attempt. */
export class KirimTimeoutError extends KirimError {
  override readonly name = 'KirimTimeoutError';
  readonly type = 'timeout_error' as const;
  readonly attempts: number;
  readonly timeoutMs: number;

  constructor(url: string, attempts: number, timeoutMs: number) {
    super(`no answer from ${url} within ${timeoutMs} ms, after ${attempts} attempt(s)`, { status: null, code: 'timeout', requestId: null });
    this.attempts = attempts;
    this.timeoutMs = timeoutMs;
  }
}

/** An answer that is not the API's JSON (a proxy's HTML page, a truncated body, a wrong shape). */
export class KirimResponseError extends KirimError {
  override readonly name = 'KirimResponseError';
  readonly type = 'invalid_response_error' as const;

  constructor(status: number, requestId: string | null, reason: string, secret: string | undefined, cause?: unknown) {
    super(`${status} answer is not the Kirim API's JSON: ${reason}`, { status, code: 'invalid_response', requestId, cause, secret });
  }
}

/** Every error the client throws, as a union that narrows on `type`. */
export type AnyKirimError = KirimApiError | KirimConnectionError | KirimTimeoutError | KirimResponseError;

export function isKirimError(error: unknown): error is AnyKirimError {
  return error instanceof KirimError;
}

/** undici reports a network failure as TypeError('fetch failed') whose cause says what happened. */
function systemCode(cause: unknown): string {
  const code = ((cause as { cause?: { code?: unknown } })?.cause ?? (cause as { code?: unknown }))?.code;
  return typeof code === 'string' ? code : 'connection_failed';
}

function describe(cause: unknown): string {
  const inner = (cause as { cause?: unknown })?.cause;
  return String(inner instanceof Error ? inner.message : cause);
}
