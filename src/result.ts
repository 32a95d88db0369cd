/** What every successful call answers: the resource, its request id and the raw response. */
export interface KirimResult<T> {
  data: T;
  /** `X-Request-Id` of the answer (the body's `request_id` when the header is missing). Quote it to support. */
  requestId: string;
  response: Response;
}
