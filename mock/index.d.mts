// Types of the contract mock's programmatic API (mock/index.mjs).

export interface RateLimitOptions {
  /** Reads (GET, HEAD) allowed per window, for every organisation. Default: the org's tier in the seed. */
  read?: number;
  /** Writes (POST, PUT, PATCH, DELETE) allowed per window, for every organisation. */
  write?: number;
  /** Window length in seconds (default 60). */
  windowSeconds?: number;
}

export interface SeedKey {
  key: string;
  /** The key's id (`key_…`) and dashboard label, as GET /me answers them. */
  id: string;
  label: string;
  role?: string;
  expires_at?: string;
  revoked?: boolean;
}

export interface SeedOrganization {
  id: string;
  name: string;
  tier: string;
  teams: string[];
  keys: SeedKey[];
  labels?: { id: string; name: string; color: string; team_id: string; created_at: string; updated_at: string }[];
  contacts?: { id: string; team_id: string; label_ids?: string[] }[];
}

export interface Seed {
  tiers: Record<string, { read: number; write: number }>;
  organizations: SeedOrganization[];
}

export interface StartMockOptions {
  stateful?: boolean;
  host?: string;
  port?: number;
  /** A seed file path or a parsed seed; defaults to mock/seed.json. */
  seed?: string | Seed;
  rateLimit?: RateLimitOptions;
  /** A JSON or YAML bundle; defaults to generated/openapi.json. */
  description?: string;
  /** Largest accepted request body in bytes (default 1 MiB). */
  bodyLimit?: number;
  /** Validate every response with Prism's validator and collect problems in `violations`. */
  validateResponses?: boolean;
  /** An HTML file served at `/` (npm start serves generated/docs/index.html). */
  docs?: string;
}

export interface ResponseViolation {
  operationId: string;
  status: number;
  violations: string[];
}

export interface RunningMock {
  /** Base URL including the base path, e.g. http://127.0.0.1:PORT/v1. */
  url: string;
  /** Origin without the base path (admin routes live under `${origin}/__mock/`). */
  origin: string;
  port: number;
  /** Filled when `validateResponses` is on. */
  violations: ResponseViolation[];
  stop(): Promise<void>;
  /** Back to the seed: labels, contacts, idempotency keys and rate-limit buckets. */
  reset(): Promise<void>;
}

export declare const defaultSeedPath: string;
export declare function loadSeed(file?: string): Seed;
export declare function startMock(options?: StartMockOptions): Promise<RunningMock>;
export declare const seed: Seed;
export declare const keys: { singleTeam: string; multiTeam: string; expired: string; revoked: string };
export declare const orgs: { singleTeam: SeedOrganization; multiTeam: SeedOrganization };
/** Contact ids by team id. */
export declare const contacts: Record<string, string[]>;
/** Seeded label ids by team id. */
export declare const labels: Record<string, string[]>;
