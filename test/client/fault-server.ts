// A local node:http server for the client's fault-injection tests: each test installs a
// handler (answer, delay, cut the connection) and reads back every request the server saw,
// with its body bytes and the time it arrived.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

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
