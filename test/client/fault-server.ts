// A local node:http server for the client's fault-injection tests: each test installs a
// handler (answer, delay, cut the connection) and reads back every request the server saw,
// with its body bytes and the time it arrived.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { inspect } from 'node:util';
import { Kirim, type KirimOptions, type RetryEvent } from '../../src/index.js';

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** performance.now() when the request was complete. */
  at: number;
}

export type Handler = (request: SeenRequest, res: ServerResponse, index: number) => void | Promise<void>;

export interface FaultServer {
  url: string;
  seen: SeenRequest[];
  handle(handler: Handler): void;
  close(): Promise<void>;
}

export const REQUEST_ID = 'req_01JD0000000000000000000000';
export const KEY = 'kdv_live_Zx8Q2mN4vB7rT1yK9pL3sD6f';
export const LABEL = {
  id: 'lbl_01JCZ4V9Q8M3T5N7P2R6W0X1YA',
  object: 'label',
  name: 'Bug',
  color: 'red',
  team_id: 'team_main',
  created_at: '2026-11-02T09:15:27Z',
  updated_at: '2026-11-02T09:15:27Z',
} as const;

/** The first back-off step of the test clients, in milliseconds: small, so retries are quick. */
export const BASE_DELAY = 20;

/** A client of `server` with small delays, and the retries it reported. */
export function clientOf(server: FaultServer, options: Partial<KirimOptions> = {}) {
  const retries: RetryEvent[] = [];
  const kirim = new Kirim({
    apiKey: KEY,
    baseUrl: server.url,
    retry: { maxAttempts: 3, baseDelayMs: BASE_DELAY, maxDelayMs: 1_000, maxElapsedMs: 5_000 },
    onRetry: (event) => retries.push(event),
    ...options,
  });
  return { kirim, retries };
}

/** Every way an error can be printed, logged or serialised. */
export function errorText(error: unknown): string {
  return [String(error), (error as Error).stack, JSON.stringify(error), inspect(error, { depth: 10, showHidden: true })].join('\n');
}

/** The error a call rejects with; fails the test when the call succeeds. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, it succeeded');
}

/** Answers JSON with the API's usual X-Request-Id. */
export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', 'X-Request-Id': REQUEST_ID, ...headers });
  res.end(JSON.stringify(body));
}

export function apiError(res: ServerResponse, status: number, type: string, code: string, message: string, headers: Record<string, string> = {}): void {
  json(res, status, { error: { type, code, message, request_id: REQUEST_ID } }, headers);
}

export async function startFaultServer(): Promise<FaultServer> {
  let handler: Handler = (_, res) => apiError(res, 500, 'api_error', 'internal_error', 'no handler installed');
  const seen: SeenRequest[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: performance.now() };
    seen.push(request);
    await handler(request, res, seen.length - 1);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    seen,
    handle(next) {
      handler = next;
      seen.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Cuts the connection without an answer (the client sees a reset). */
export function cut(res: ServerResponse): void {
  res.socket?.destroy();
}
