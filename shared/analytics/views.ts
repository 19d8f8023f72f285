/**
 * The tables analysts query, `stories` and `copies`, as SQL views over the logs (`ANALYTICS` in
 * core/schema.ts). One text serves DuckDB (`feedmerge sql`) and Athena (the Glue views in infra/): it
 * uses only what both engines share (window functions, CASE, CAST, greatest, round, count DISTINCT),
 * and lags are computed from epoch milliseconds, because the two engines' timestamp differences round
 * differently.
 *
 * - `story_now`: each story's latest row (a story merged away: where it went, one step to its survivor).
 * - `copy_now`: each copy's latest row (an outlet's item is one copy, however often it was recorded).
 * - `copies`: every copy in the story that holds it now, with that story's first publisher and date,
 *   and its lag behind it in minutes (never negative; the founder of a merged story is `merged`).
 * - `stories`: every story with a copy, with its counts of copies and outlets.
 * `dt` is the day the story was first seen (the old tables' partition, kept for the same queries).
 */
import { ANALYTICS, type AnalyticsColumnType } from '../core/schema.ts';

export interface ViewDefinition {
  readonly name: string;
  /** The SELECT the view stands for. */
  readonly sql: string;
  /** What it returns (Glue needs them written out). */
  readonly columns: ReadonlyArray<{ readonly name: string; readonly type: AnalyticsColumnType }>;
}

/** A log's columns but the time each row was recorded: the latest-row steps keep the rest. */
const withoutTime = (columns: ViewDefinition['columns']) => columns.filter((c) => c.name !== 'recorded_at');
const storyNow = withoutTime(ANALYTICS.logs.story_log.columns);
const copyNow = withoutTime(ANALYTICS.logs.copy_log.columns);
const storyColumns = storyNow.map((c) => c.name);
const copyColumns = copyNow.map((c) => c.name);

/** The views, in the order they must be created (each reads the ones before it). */
export const ANALYTICS_VIEWS: readonly ViewDefinition[] = [
  {
    name: 'story_now',
    columns: storyNow,
    sql: `SELECT ${storyColumns.join(', ')} FROM (SELECT ${storyColumns.join(', ')}, row_number() OVER (PARTITION BY story_id ORDER BY recorded_at DESC, merged_into DESC) AS n FROM story_log) t WHERE n = 1`,
  },
  {
    name: 'copy_now',
    columns: copyNow,
    sql: `SELECT ${copyColumns.join(', ')} FROM (SELECT ${copyColumns.join(', ')}, row_number() OVER (PARTITION BY outlet, item_key ORDER BY recorded_at DESC, story_id) AS n FROM copy_log) t WHERE n = 1`,
  },
  {
    name: 'copies',
    columns: ANALYTICS.tables.copies.columns,
    sql: [
      'SELECT r.story_id, r.first_outlet, r.published AS story_published, c.outlet, c.outlet_name, c.url, c.title, c.published,',
      'CAST(greatest(0, round((c.published_ms - r.published_ms) / 60000.0)) AS integer) AS lag_minutes,',
      "CASE WHEN c.match_kind = 'first' AND c.story_id <> r.story_id THEN 'merged' ELSE c.match_kind END AS match_kind,",
      'c.score, CAST(r.first_seen AS date) AS dt',
      'FROM copy_now c',
      'JOIN story_now s ON s.story_id = c.story_id',
      "JOIN story_now r ON r.story_id = CASE WHEN s.merged_into = '' THEN s.story_id ELSE s.merged_into END",
      "WHERE r.merged_into = ''",
    ].join(' '),
  },
  {
    name: 'stories',
    columns: ANALYTICS.tables.stories.columns,
    sql: [
      'SELECT r.story_id, r.title, r.url, r.first_outlet, r.first_outlet_name, r.published, r.first_seen,',
      'CAST(k.copies AS integer) AS copies, CAST(k.outlets AS integer) AS outlets, r.words, CAST(r.first_seen AS date) AS dt',
      'FROM story_now r',
      'JOIN (SELECT story_id, count(*) AS copies, count(DISTINCT outlet) AS outlets FROM copies GROUP BY story_id) k ON k.story_id = r.story_id',
      "WHERE r.merged_into = ''",
    ].join(' '),
  },
];
