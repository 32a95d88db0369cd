// The coverage matrix: every documented (operation, status) pair against the cases planned for it
// and the answers received. A documented pair without a planned case fails the suite; so does an
// undocumented status received; a documented pair never received fails only when asked (the
// mock target, where every case can run).
import type { Case } from './case.js';
import { operations, type Json } from './openapi.js';

export interface CoverageRow {
  operationId: string;
  status: string;
  planned: number;
  received: number;
}

export interface Coverage {
  rows: CoverageRow[];
  /** Received statuses the description does not document. */
  undocumented: Array<{ pair: string; count: number }>;
  unplanned: string[];
  unexercised: string[];
}

export function coverage(doc: Json, cases: Case[], received: Map<string, number>): Coverage {
  const planned = new Map<string, number>();
  for (const c of cases) for (const pair of c.covers) planned.set(pair, (planned.get(pair) ?? 0) + 1);
  const rows = operations(doc).flatMap((o) =>
    o.statuses.map((status) => {
      const pair = `${o.operationId} ${status}`;
      return { operationId: o.operationId, status, planned: planned.get(pair) ?? 0, received: received.get(pair) ?? 0 };
    }),
  );
  const documented = new Set(rows.map((r) => `${r.operationId} ${r.status}`));
  return {
    rows,
    undocumented: [...received].filter(([pair]) => !documented.has(pair)).map(([pair, count]) => ({ pair, count })),
    unplanned: rows.filter((r) => r.planned === 0).map((r) => `${r.operationId} ${r.status}`),
    unexercised: rows.filter((r) => r.received === 0).map((r) => `${r.operationId} ${r.status}`),
  };
}

/** The matrix as text: one line per operation, a column per status (received count, `—` never). */
export function coverageTable(cov: Coverage): string {
  const statuses = [...new Set(cov.rows.map((r) => r.status))].sort();
  const ops = [...new Set(cov.rows.map((r) => r.operationId))];
  const width = Math.max(...ops.map((o) => o.length));
  const lines = [`${'operation'.padEnd(width)}  ${statuses.map((s) => s.padStart(5)).join(' ')}`];
  for (const op of ops) {
    const cells = statuses.map((s) => {
      const row = cov.rows.find((r) => r.operationId === op && r.status === s);
      return (row ? (row.received ? String(row.received) : row.planned ? '—' : 'NONE') : '').padStart(5);
    });
    lines.push(`${op.padEnd(width)}  ${cells.join(' ')}`);
  }
  return lines.join('\n');
}
