// One valid call per operation through the typed client (openapi-fetch's `request`), built from
// the description's documented request (lib/openapi.mjs: parameter examples, the first named
// request example): every operation has one, and a new operation needs nothing here.
import type { KirimClient } from '../../src/index.js';
import { documentedRequest } from '../../lib/openapi.mjs';
import { description, operations, type Json } from './description.js';

export interface CallInput {
  headers?: Record<string, string>;
}

type Call = (client: KirimClient, input?: CallInput) => Promise<{ response: Response; data?: unknown; error?: unknown }>;

export const calls: Record<string, Call> = Object.fromEntries(
  operations().map((op) => {
    const { path, query, headers, body } = documentedRequest(description, op);
    const call: Call = (client, input = {}) =>
      // The typed client cannot know at compile time which path a runtime string names.
      (client.request as (method: string, url: string, init: Json) => ReturnType<Call>)(op.method, op.path, {
        params: { path, query },
        headers: { ...(headers as Record<string, string>), ...input.headers },
        body,
      });
    return [op.operationId, call];
  }),
);
