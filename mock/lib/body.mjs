// Reads a request body up to a size cap. Over the cap the rest is drained and dropped, so that
// the client always gets an answer (never a hang, never a reset while it is still sending); a
// sender that never stops is ended by node:http's own request time-out. The text is decoded as
// strict UTF-8: invalid bytes are reported, never turned into U+FFFD.

// ignoreBOM keeps a byte-order mark in the text, as Buffer#toString did: JSON.parse then refuses it.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decode(chunks) {
  try {
    return { text: utf8.decode(Buffer.concat(chunks)), notUtf8: false };
  } catch {
    return { text: '', notUtf8: true };
  }
}

/** Resolves { text, tooLarge, bytes, notUtf8, aborted }. */
export function readBody(req, limit) {
  return new Promise((resolve) => {
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
      else chunks.length = 0;
    });
    req.on('end', () => resolve({ ...(tooLarge ? { text: '', notUtf8: false } : decode(chunks)), tooLarge, bytes }));
    // A client that disconnects mid-body: 'close' (or 'error', "aborted") before 'end'.
    req.on('close', () => resolve({ text: '', tooLarge, bytes, aborted: true }));
    req.on('error', () => resolve({ text: '', tooLarge, bytes, aborted: true }));
  });
}
