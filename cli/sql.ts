/**
 * `feedmerge sql "<query>"`: the analysts' SQL over the analytics copy of the records, run by DuckDB.
 *
 * The analytics logs (`analytics/<log>/dt=…/<name>.json`, JSON Lines) are read from the bucket — the
 * embedded one under the state folder, or the deployed one with --aws — into a temporary folder, exposed
 * as `story_log` and `copy_log` with the columns and types of `ANALYTICS` (core/schema.ts) plus the
 * partition `dt`, and the views `stories` and `copies` are created over them from the very SQL the CDK
 * stack gives Athena (shared/analytics/views.ts), so one query runs unchanged in both.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DuckDBInstance, type DuckDBResultReader } from '@duckdb/node-api';
import { ANALYTICS, type AnalyticsLog } from '../shared/core/schema.ts';
import { ANALYTICS_VIEWS } from '../shared/analytics/views.ts';
import { mapConcurrent } from '../shared/core/concurrency.ts';

export interface AnalyticsSource {
  /** Keys under a prefix (every page). */
  listKeys(prefix: string): Promise<string[]>;
  getText(key: string): Promise<string | undefined>;
}

export interface SqlResult {
  readonly columns: string[];
  readonly rows: Array<Record<string, unknown>>;
}

const DUCKDB_TYPES = { string: 'VARCHAR', timestamp: 'TIMESTAMP', int: 'INTEGER', bigint: 'BIGINT', double: 'DOUBLE', date: 'DATE' } as const;

/** Runs `query` over the analytics copy held by `source`. */
export async function runSql(query: string, source: AnalyticsSource): Promise<SqlResult> {
  const dir = mkdtempSync(join(tmpdir(), 'feedmerge-sql-'));
  try {
    const present = new Set<AnalyticsLog>();
    const keys = await source.listKeys(ANALYTICS.prefix);
    await mapConcurrent(keys, 16, async (key) => {
      const table = key.slice(ANALYTICS.prefix.length).split('/')[0] as AnalyticsLog;
      if (!(table in ANALYTICS.logs) || !key.endsWith('.json')) return;
      const text = await source.getText(key);
      if (text === undefined) return;
      const path = join(dir, key);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
      present.add(table);
    });
    const db = await DuckDBInstance.create(':memory:');
    const connection = await db.connect();
    try {
      for (const [table, def] of Object.entries(ANALYTICS.logs) as Array<[AnalyticsLog, (typeof ANALYTICS.logs)[AnalyticsLog]]>) {
        const columns = def.columns.map((c) => `${c.name}: '${DUCKDB_TYPES[c.type]}'`).join(', ');
        if (present.has(table)) {
          const glob = join(dir, ANALYTICS.prefix, table, '*', '*.json').replaceAll("'", "''");
          await connection.run(
            `CREATE VIEW ${table} AS SELECT * FROM read_json('${glob}', format = 'newline_delimited', hive_partitioning = true, hive_types = {'dt': DATE}, columns = {${columns}})`,
          );
        } else {
          // No rows yet: the same columns, empty.
          await connection.run(`CREATE TABLE ${table} (${def.columns.map((c) => `${c.name} ${DUCKDB_TYPES[c.type]}`).join(', ')}, dt DATE)`);
        }
      }
      for (const view of ANALYTICS_VIEWS) await connection.run(`CREATE VIEW ${view.name} AS ${view.sql}`);
      const result = await connection.runAndReadAll(query);
      return { columns: result.columnNames(), rows: plainRows(result) };
    } finally {
      connection.closeSync();
      db.closeSync();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Rows as JSON values: 64-bit integers and decimals as numbers where exact, timestamps as text. */
function plainRows(result: DuckDBResultReader): Array<Record<string, unknown>> {
  const numeric = new Set(
    result
      .columnNames()
      .filter((_, i) => /^(BIGINT|HUGEINT|UBIGINT|UHUGEINT|DECIMAL)/.test(String(result.columnTypes()[i]))),
  );
  return result.getRowObjectsJson().map((row) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(row)) {
      const n = typeof v === 'string' && numeric.has(k) ? Number(v) : Number.NaN;
      out[k] = Number.isFinite(n) && Math.abs(n) <= Number.MAX_SAFE_INTEGER ? n : v;
    }
    return out;
  });
}
