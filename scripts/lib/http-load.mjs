// One HTTP request of a load run (benchmarks, soak): sent on a keep-alive agent, the answer
// read and dropped, its status resolved.
import { request } from 'node:http';

/** Sends one request; a JSON `body` gets its content type and length. Resolves the status. */
export function once(agent, url, method, headers, body) {
  return new Promise((resolve, reject) => {
    const all = body ? { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : headers;
    const req = request(url, { method, agent, headers: all }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end(body);
  });
}
