// Bearer-key authentication as documented: no or non-Bearer header → missing_api_key; malformed,
// unknown or revoked key → invalid_api_key; expired key → expired_api_key.
import { authFailure } from './errors.mjs';

// The key format is stated in prose in the description (securitySchemes.BearerAuth), not as a
// machine-readable pattern, so it lives here: `kdv_live_` + 24 URL-safe base64 characters.
const KEY_FORMAT = /^kdv_live_[A-Za-z0-9_-]{24}$/;

/**
 * Resolves the caller of a request. `keys` maps a key to { key, id, label, org, expiresAt?, revoked? };
 * `acceptUnknown` (stateless mode) lets any well-formed key in, as its own organisation.
 * Returns { org, identity } or throws an ApiError.
 */
export function authenticate(authorization, keys, acceptUnknown, now = Date.now()) {
  const match = /^Bearer[ \t]+(\S.*)$/i.exec(authorization ?? '');
  if (!match) throw authFailure('missing_api_key', 'send your API key as Authorization: Bearer kdv_live_...');
  const token = match[1].trim();
  const entry = keys.get(token);
  if (entry?.revoked) throw authFailure('invalid_api_key', 'the API key is not valid: it has been revoked');
  if (entry?.expiresAt !== undefined && entry.expiresAt <= now) throw authFailure('expired_api_key', 'the API key has expired: create a new one in the dashboard');
  if (entry) return { org: entry.org, key: entry, identity: `org:${entry.org}` };
  if (!KEY_FORMAT.test(token)) throw authFailure('invalid_api_key', 'the API key is not valid: a key is kdv_live_ followed by 24 URL-safe base64 characters');
  if (acceptUnknown) return { org: undefined, identity: `key:${token}` };
  throw authFailure('invalid_api_key', 'the API key is not valid: it is not a key of any organisation');
}

/**
 * The bucket identity of a request that failed authentication: its client address, whatever
 * token it sent, so that a stream of made-up tokens shares one bucket instead of making one each.
 */
export function anonymousIdentity(address) {
  return `ip:${address}`;
}
