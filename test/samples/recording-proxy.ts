// A pass-through HTTP proxy on 127.0.0.1 that records every exchange, so a sample in any language
// can be checked by what it actually sent and received. The first path segment names the caller
// (`/<prefix>/labels` → `<target of prefix>/labels`, recorded under `<prefix>`), so samples of
// several languages run concurrently, each against its own server if need be. It also answers as
// an HTTP proxy (a request whose target is a whole URL, `GET http://samples.kirim.test/Go/labels`),
// for the samples that reach it through HTTP_PROXY: the origin is ignored, the path is the same.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Exchange {
  prefix: string;
  method: string;
  /** The path the target saw, without query string. */
  path: string;
  status: number;
  headers: Headers;
  /** The response body, parsed when it is JSON. */
  body: unknown;
}

export interface RecordingProxy {
  url: string;
  exchanges: Exchange[];
  stop(): Promise<void>;
}

// Hop-by-hop headers, and the body framing that fetch has already undone.
const DROPPED = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding', 'accept-encoding']);

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Starts the proxy; `targetOf(prefix)` is the server URL (with or without a base path) to forward to. */
export async function startRecordingProxy(targetOf: (prefix: string) => string): Promise<RecordingProxy> {
  const exchanges: Exchange[] = [];
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://proxy.invalid');
    const [, encodedPrefix = '', ...rest] = url.pathname.split('/');
    const prefix = decodeURIComponent(encodedPrefix);
    const path = `/${rest.join('/')}`;
    try {
      const body = await readBody(request);
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers)) {
        if (!DROPPED.has(name) && value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      const method = request.method ?? 'GET';
      const answer = await fetch(`${targetOf(prefix).replace(/\/+$/, '')}${path}${url.search}`, { method, headers, body: body.length > 0 ? new Uint8Array(body) : undefined });
      const text = await answer.text();
      exchanges.push({ prefix, method, path, status: answer.status, headers: answer.headers, body: parse(text) });
      // Closing the connection lets a sample's process exit at once instead of idling on keep-alive.
      const forwarded: Record<string, string> = { connection: 'close' };
      answer.headers.forEach((value, name) => {
        if (!DROPPED.has(name)) forwarded[name] = value;
      });
      response.writeHead(answer.status, forwarded).end(text);
    } catch (error) {
      response.writeHead(502, { 'content-type': 'text/plain', connection: 'close' }).end(`recording proxy: ${(error as Error).message}`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    exchanges,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
