// The errors the client throws. One base class, `KirimError`, and five kinds told apart by
// class and by the `type` discriminant: API errors (the seven types of the error envelope),
// connection failures, time-outs, answers that are not the API's JSON, and settings that cannot
// work (a key that cannot be sent as a header, a URL with credentials). Every error carries
// status, type, code, param, message and request id, and never the API key: not in the
// message, the stack, a field copied from the server, nor anywhere in the `cause` chain.
import type { components } from '../generated/openapi.js';

export type ErrorType = components['schemas']['ErrorType'];
type ApiErrorBody = components['schemas']['ApiError'];

export type KirimErrorType = ErrorType | 'connection_error' | 'timeout_error' | 'invalid_response_error' | 'config_error';

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
  return out
    .replace(/\bkdv_(live|test)_[A-Za-z0-9_-]+/g, 'kdv_$1_[redacted]')
    .replace(/\b(Bearer)\s+[^\s"',;]+/gi, '$1 [redacted]')
    .replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s@]*@/gi, '$1[redacted]@');
}

/**
 * A copy of a cause chain that is safe to keep: each Error becomes a plain Error with the same
 * name, code, message and stack, redacted; anything else becomes its redacted text. The originals
 * (an undici error that quotes a header, say) are not kept, so `util.inspect` cannot reach them.
 */
function scrub(cause: unknown, secret: string | undefined, depth = 0): unknown {
  if (!(cause instanceof Error)) return typeof cause === 'string' || typeof cause === 'object' ? redact(String(cause), secret) : cause;
  const inner = depth < 8 && cause.cause !== undefined ? { cause: scrub(cause.cause, secret, depth + 1) } : undefined;
  const copy = new Error(redact(cause.message, secret), inner);
  copy.name = cause.name;
  copy.stack = redact(cause.stack ?? '', secret);
  const code = (cause as { code?: unknown }).code;
  if (typeof code === 'string') Object.assign(copy, { code: redact(code, secret) });
  return copy;
}

export abstract class KirimError extends Error {
  abstract readonly type: KirimErrorType;
  readonly status: number | null;
  readonly code: string;
  readonly param: string | undefined;
  readonly requestId: string | null;

  constructor(message: string, fields: ErrorFields) {
    super(redact(message, fields.secret), fields.cause === undefined ? undefined : { cause: scrub(fields.cause, fields.secret) });
    this.status = fields.status;
    this.code = redact(fields.code, fields.secret);
    this.param = fields.param === undefined ? undefined : redact(fields.param, fields.secret);
    this.requestId = fields.requestId === null ? null : redact(fields.requestId, fields.secret);
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

  /** Attempts made for this call; the last one gave this answer. */
  readonly attempts: number;
  /**
   * True when an earlier attempt of this call was lost (connection cut, time-out) before this
   * answer: the lost attempt may have been applied. A retried DELETE answering 404 is the usual
   * case: the label is gone, perhaps by this very call.
   */
  readonly afterLostAttempt: boolean;

  constructor(status: number, body: ApiErrorBody, requestId: string | null, retryAfterMs: number | undefined, secret: string | undefined, history: AttemptHistory = { attempts: 1, lost: false }) {
    const note = history.lost ? ' (an earlier attempt of this call was lost and may have been applied: a 404 may mean it deleted)' : '';
    super(`${status} ${body.type}/${body.code}: ${body.message}${body.param ? ` (param ${body.param})` : ''}${note}`, {
      status,
      code: body.code,
      param: body.param,
      requestId: body.request_id ?? requestId,
      secret,
    });
    this.type = redact(body.type, secret) as ErrorType;
    this.retryAfterMs = retryAfterMs;
    this.attempts = history.attempts;
    this.afterLostAttempt = history.lost;
  }
}

/** How a call's attempts went, as the transport saw them. */
export interface AttemptHistory {
  attempts: number;
  /** Whether an earlier attempt ended without a complete answer (cut, timed out). */
  lost: boolean;
}

/**
 * No complete answer: the connection failed or was cut, on every attempt. `code` is the system
 * error code when known. `answeredStatus` is set when the last attempt's headers had arrived
 * before its body broke off: the server had then acted on the request (a POST answered 201 may
 * have created), and the message says so.
 */
export class KirimConnectionError extends KirimError {
  override readonly name = 'KirimConnectionError';
  readonly type = 'connection_error' as const;
  readonly attempts: number;
  readonly answeredStatus: number | undefined;

  constructor(url: string, attempts: number, cause: unknown, secret?: string, answeredStatus?: number) {
    const code = systemCode(cause);
    const cutNote =
      answeredStatus === undefined ? '' : ` (after a ${answeredStatus} answer began: the request may have been applied; repeat it with the same Idempotency-Key to learn its result)`;
    super(`connection to ${url} failed after ${attempts} attempt(s): ${describe(cause)}${cutNote}`, { status: null, code, requestId: null, cause, secret });
    this.attempts = attempts;
    this.answeredStatus = answeredStatus;
  }
}

/** No complete answer within the time-out (or within the retry budget, `maxElapsedMs`), on every attempt. */
export class KirimTimeoutError extends KirimError {
  override readonly name = 'KirimTimeoutError';
  readonly type = 'timeout_error' as const;
  readonly attempts: number;
  readonly timeoutMs: number;

  constructor(url: string, attempts: number, timeoutMs: number, budgetMs?: number) {
    const limit = budgetMs === undefined ? `within ${timeoutMs} ms` : `within the call's budget (retry.maxElapsedMs ${budgetMs} ms)`;
    super(`no complete answer from ${url} ${limit}, after ${attempts} attempt(s)`, { status: null, code: 'timeout', requestId: null });
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

/**
 * A setting that cannot work: a key that is not printable ASCII (it could not be sent as a
 * header), a base URL with credentials, an out-of-range option. `param` names the option; the
 * message never quotes the key or the credentials.
 */
export class KirimConfigError extends KirimError {
  override readonly name = 'KirimConfigError';
  readonly type = 'config_error' as const;

  constructor(param: string, message: string) {
    super(message, { status: null, code: 'invalid_option', param, requestId: null });
  }
}

/** Every error the client throws, as a union that narrows on `type`. */
export type AnyKirimError = KirimApiError | KirimConnectionError | KirimTimeoutError | KirimResponseError | KirimConfigError;

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
