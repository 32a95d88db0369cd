// A small HTTP helper for the mock's suites: one request, its parsed JSON body, and the check
// that the answer is valid against the description (body and documented headers) and carries a
// request id equal to the body's.
import { expect } from 'vitest';
import type { Json } from '../support/description.js';
import { responseProblems } from '../support/validator.js';

export interface Sent {
  status: number;
  headers: Headers;
  body: Json;
}

export interface RequestOptions {
  key?: string | null;
  body?: unknown;
  /** Sent as is, instead of JSON.stringify(body). */
  raw?: string;
  headers?: Record<string, string>;
  /** The operation the answer belongs to: it is then validated against the description. */
  op?: string;
}

const REQUEST_ID = /^req_[0-9A-HJKMNP-TV-Z]{26}$/;

export async function send(url: string, method: string, path: string, o: RequestOptions = {}): Promise<Sent> {
  const headers: Record<string, string> = { ...o.headers };
  if (o.key) headers.authorization = `Bearer ${o.key}`;
  let body: string | undefined = o.raw;
  if (o.body !== undefined) body = JSON.stringify(o.body);
  if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
  const response = await fetch(`${url}${path}`, { method, headers, body });
  const text = await response.text();
  const parsed = text && method !== 'HEAD' ? JSON.parse(text) : undefined;
  const requestId = response.headers.get('x-request-id');
  expect(requestId, 'X-Request-Id').toMatch(REQUEST_ID);
  // Envelopes echo the request id; the description served at /openapi.json is not one.
  if (parsed && ('data' in parsed || 'error' in parsed)) expect(parsed.request_id ?? parsed.error?.request_id).toBe(requestId);
  if (o.op) expect(responseProblems(o.op, response.status, response.headers, parsed)).toEqual([]);
  return { status: response.status, headers: response.headers, body: parsed };
}

/** Asserts an error answer: status and the envelope's type, code and param (undefined = absent). */
export function expectError(sent: Sent, status: number, type: string, code: string, param?: string, message?: RegExp) {
  expect({ status: sent.status, type: sent.body?.error?.type, code: sent.body?.error?.code, param: sent.body?.error?.param }).toEqual({ status, type, code, param });
  if (message) expect(sent.body.error.message).toMatch(message);
}

const originOf = (url: string) => new URL(url).origin;

/** The response violations Prism's validator found inside a mock started with validateResponses. */
export async function violations(url: string): Promise<unknown[]> {
  return ((await (await fetch(`${originOf(url)}/__mock/violations`)).json()) as { violations: unknown[] }).violations;
}

/** The header that lets a caller without a key use the mock's admin routes for every organisation. */
export const MOCK_ADMIN = { 'kirim-mock-admin': 'true' };

/** Puts a mock back to its seed (POST /__mock/reset). */
export async function reset(url: string): Promise<void> {
  const response = await fetch(`${originOf(url)}/__mock/reset`, { method: 'POST', headers: MOCK_ADMIN });
  expect(response.status).toBe(200);
}

/** A seeded contact as the stateful mock sees it (GET /__mock/contacts/{id}). */
export async function inspectContact(url: string, id: string): Promise<{ label_ids: string[]; team_id: string }> {
  return (await fetch(`${originOf(url)}/__mock/contacts/${id}`, { headers: MOCK_ADMIN })).json() as Promise<{ label_ids: string[]; team_id: string }>;
}
