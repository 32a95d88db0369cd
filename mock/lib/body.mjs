// Reads a request body up to a size cap. Over the cap the rest is drained and dropped, so that
// the client always gets an answer (never a hang, never a reset while it is still sending).

/** Resolves { text, tooLarge, bytes }. */
export function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (req.headers['content-length'] === '0' || (!req.headers['transfer-encoding'] && !req.headers['content-length'])) {
      resolve({ text: '', tooLarge: false, bytes: 0 });
      return;
    }
    const chunks = [];
    let bytes = 0;
    let tooLarge = Number.isFinite(declared) && declared > limit;
    req.on('data', (chunk) => {
      bytes += chunk.length;
      if (bytes > limit) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
      // A sender that never stops is cut off rather than read forever.
      else if (bytes > limit * 16) req.destroy();
    });
    req.on('end', () => resolve({ text: tooLarge ? '' : Buffer.concat(chunks).toString('utf8'), tooLarge, bytes }));
    req.on('close', () => resolve({ text: '', tooLarge, bytes, aborted: true }));
    req.on('error', reject);
  });
}
