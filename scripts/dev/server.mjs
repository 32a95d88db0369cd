// The dev server: one origin for the reference and the mock, as `npm start` has it. `/` is the
// page of the last good build with the live-reload script added (in the answer only), the files
// beside it in generated/docs/ are served from the same build, `/__dev/events` is the event
// stream the script listens to, `/__dev/status` the last rebuild's timings (for the benchmark),
// and everything else goes to the mock.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const client = readFileSync(new URL('./client.js', import.meta.url), 'utf8');

const TYPES = { html: 'text/html; charset=utf-8', json: 'application/json', yaml: 'application/yaml; charset=utf-8' };

const safeDecode = (pathname) => {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
};

/** The page with the live-reload script before `</body>`, tagged with the build it belongs to. */
export function withLiveReload(html, build) {
  const text = html.toString();
  const at = text.lastIndexOf('</body>');
  if (at < 0) throw new Error('the reference page has no </body> to put the live-reload script in');
  return `${text.slice(0, at)}<script data-kirim-dev data-build="${build}">\n${client}</script>\n${text.slice(at)}`;
}

const MODULE = '<script type="module">';
const REDOC_EXPORT = /export\s*\{([\w\s,]+)\};?/g;

/**
 * The page's module script is Redoc's library (2.3 MB, an ES module ending in `export{…}`) then
 * the description and the call that draws it. Served, the library moves to a URL named by its
 * hash that the page imports: the browser keeps it, and its compiled code, across reloads instead
 * of parsing and compiling it again inline on every save. generated/ keeps the self-contained page.
 * A page laid out otherwise (a Redoc upgrade) is served whole.
 * @returns {{ page: string, library?: { url: string, body: Buffer } }}
 */
export function withExternalRedoc(page) {
  const start = page.indexOf(MODULE);
  const definition = page.indexOf('const __redoc_definition', start);
  if (start < 0 || definition < 0) return { page };
  const head = page.slice(start + MODULE.length, definition);
  const exported = [...head.matchAll(REDOC_EXPORT)].at(-1);
  if (!exported || head.slice(exported.index + exported[0].length).trim() !== '') return { page };
  const body = Buffer.from(head);
  const url = `/__dev/redoc-${createHash('sha256').update(body).digest('hex').slice(0, 16)}.js`;
  const names = exported[1].trim();
  return {
    page: `${page.slice(0, start)}${MODULE}import{${names}}from${JSON.stringify(url)};\n${page.slice(definition)}`,
    library: { url, body },
  };
}

/**
 * @param {{ listener: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void }} mock
 * @param {{ build: number, files: Map<string, Buffer>, problems: any, status: () => object }} site
 *   the last good build (its artefacts by path in generated/) and the problems of the current one
 */
export function createDevServer(mock, site) {
  /** @type {Set<import('node:http').ServerResponse>} */
  const streams = new Set();
  let page = { build: -1, body: Buffer.alloc(0) };
  /** Redoc's library by URL: the current build's, and the one before (a page served just before a save may still ask for it). */
  const libraries = new Map();

  function send(res, status, type, body, method, cache = 'no-store') {
    res.writeHead(status, { 'content-type': type, 'content-length': body.length, 'cache-control': cache });
    res.end(method === 'HEAD' ? undefined : body);
  }

  function pageOfBuild() {
    if (page.build !== site.build) {
      const served = withExternalRedoc(withLiveReload(site.files.get('docs/index.html'), site.build));
      if (served.library && !libraries.has(served.library.url)) {
        libraries.set(served.library.url, served.library.body);
        if (libraries.size > 2) libraries.delete(libraries.keys().next().value);
      }
      page = { build: site.build, body: Buffer.from(served.page) };
    }
    return page.body;
  }

  const server = createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    const reading = req.method === 'GET' || req.method === 'HEAD';
    if (reading && (pathname === '/' || pathname === '/docs')) return send(res, 200, TYPES.html, pageOfBuild(), req.method);
    const library = reading ? libraries.get(pathname) : undefined;
    if (library) return send(res, 200, 'text/javascript; charset=utf-8', library, req.method, 'public, max-age=31536000, immutable');
    if (reading && pathname === '/__dev/status') return send(res, 200, TYPES.json, Buffer.from(JSON.stringify(site.status())), req.method);
    if (req.method === 'GET' && pathname === '/__dev/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(`event: hello\ndata: ${JSON.stringify({ build: site.build, problems: site.problems })}\n\n`);
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return undefined;
    }
    const beside = reading ? site.files.get(`docs${safeDecode(pathname)}`) : undefined;
    if (beside) return send(res, 200, TYPES[pathname.split('.').pop() ?? ''] ?? 'application/octet-stream', beside, req.method);
    return mock.listener(req, res);
  });
  server.keepAliveTimeout = 65_000;

  return {
    server,
    /** Makes the page of the current build as served now, so that the pages' reloads find it ready. */
    preparePage: () => void pageOfBuild(),
    /** Sends an event to every open page. */
    broadcast(event, data = {}) {
      for (const res of streams) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    get clients() {
      return streams.size;
    },
    close: () =>
      /** @type {Promise<void>} */ (new Promise((resolve) => {
        for (const res of streams) res.end();
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}
