/**
 * The data model: one DynamoDB table (single-table design) and one S3 bucket.
 *
 * This module is the single source of truth for names, keys and indexes. The CDK stack
 * (`infra/`), the local runner's table/bucket creation (`functions/storage/`) and every
 * query build their keys from here. docs/ARCHITECTURE.md ("Data model") documents the same layout.
 *
 * Table `pk` / `sk` layout:
 *
 * | record  | pk                           | sk                          | what                                              |
 * |---------|------------------------------|-----------------------------|---------------------------------------------------|
 * | story   | `STORY#<storyId>`            | `STORY`                     | one merged story: canonical copy, outlets         |
 * | copy    | `STORY#<storyId>`            | `COPY#<outletId>#<itemKey>` | one outlet's copy of the story (every copy)       |
 * | item    | `ITEM#<outletId>`            | `<itemKey>`                 | "this outlet already sent this item": story, hash, date |
 * | hash    | `HASH#<contentHash>`         | `HASH`                      | exact content hash → story                        |
 * | key     | `KEY#<key>`                  | `KEY`                       | candidate key → the stories holding it (a set)    |
 * | outlet  | `OUTLET#<outletId>`          | `STATE`                     | fetch state: ETag, Last-Modified, failures        |
 * | learned | `OUTLET#<outletId>`          | `BOILERPLATE`               | line shapes learned as the outlet's boilerplate   |
 * | months  | `META`                       | `MONTHS`                    | string set of the months that have stories        |
| journal | `JOURNAL#<shard>`            | `<recordedAt>#<outletId>#<id>` | the analytics rows an ingest produced (TTL)    |
 */

export type AttributeType = 'S' | 'N';

export interface KeyAttribute {
  readonly name: string;
  readonly type: AttributeType;
}

export interface IndexDefinition {
  readonly name: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey: KeyAttribute;
  /** KEYS_ONLY keeps index writes at 1 WCU and untouched by updates of non-key attributes. */
  readonly projection: 'KEYS_ONLY';
}

export interface TableDefinition {
  readonly defaultName: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey: KeyAttribute;
  readonly indexes: readonly IndexDefinition[];
}

export const TABLE: TableDefinition = {
  defaultName: 'feedmerge',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  indexes: [
    {
      // Stories by earliest publication: gsi1pk = `PUB#<yyyy-mm>`, gsi1sk = `<published ISO>#<storyId>`.
      name: 'byPublished',
      partitionKey: { name: 'gsi1pk', type: 'S' },
      sortKey: { name: 'gsi1sk', type: 'S' },
      projection: 'KEYS_ONLY',
    },
  ],
};

/** A candidate key holding this many stories is generic: it takes no more, and counts as no evidence. */
export const KEY_STORY_CAP = 8;
/**
 * Keys one batched read takes (DynamoDB's BatchGetItem): a read of more is split into requests of this
 * many, and ingest reads ahead as many items' index keys as fill one.
 */
export const READ_BATCH = 100;
/** Redirects of merged stories followed at most (a longer chain is a defect, reported as one). */
export const MAX_MERGE_REDIRECTS = 5;

export const INDEX_BY_PUBLISHED = 'byPublished';

export const BUCKET = {
  defaultName: 'feedmerge',
  /** The outlet registry the dispatcher reads (the validated feeds file, JSON). */
  registryKey: 'config/outlets.json',
  /** Merged feed objects, served to readers (CloudFront in AWS, the local runner's HTTP server). */
  feedPrefix: 'feed/',
  feedKeys: {
    rss: 'feed/feed.xml',
    atom: 'feed/feed.atom',
    json: 'feed/feed.json',
    html: 'feed/index.html',
  },
  /** Canonical copies, content-addressed: `content/<hash[0..2]>/<contentHash>.json`. */
  contentPrefix: 'content/',
  /** Private working state (never served). */
  statePrefix: 'state/',
  /** What publish read for its last rendering (its cache: shared/publish/publish-cache.ts). */
  publishStateKey: 'state/publish.json',
} as const;

export type FeedFormat = keyof typeof BUCKET.feedKeys;

export const FEED_CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
  html: 'text/html; charset=utf-8',
};

/** How records refer to one outlet's copy: `<outletId>#<itemKey>`. */
export function copyKeyOf(outletId: string, itemKey: string): string {
  return `${outletId}#${itemKey}`;
}

export const keys = {
  story: (storyId: string) => ({ pk: `STORY#${storyId}`, sk: 'STORY' }),
  copy: (storyId: string, outletId: string, itemKey: string) => ({
    pk: `STORY#${storyId}`,
    sk: `COPY#${outletId}#${itemKey}`,
  }),
  copyPrefix: 'COPY#',
  // One partition per outlet: its items are one Query (what the analysts' per-outlet reads use).
  item: (outletId: string, itemKey: string) => ({ pk: `ITEM#${outletId}`, sk: itemKey }),
  itemPartition: (outletId: string) => `ITEM#${outletId}`,
  hash: (contentHash: string) => ({ pk: `HASH#${contentHash}`, sk: 'HASH' }),
  candidateKey: (key: string) => ({ pk: `KEY#${key}`, sk: 'KEY' }),
  outletState: (outletId: string) => ({ pk: `OUTLET#${outletId}`, sk: 'STATE' }),
  outletBoilerplate: (outletId: string) => ({ pk: `OUTLET#${outletId}`, sk: 'BOILERPLATE' }),
  months: () => ({ pk: 'META', sk: 'MONTHS' }),
  journal: (shard: number, recordedAt: string, outletId: string, id: string) => ({ pk: `JOURNAL#${shard}`, sk: `${recordedAt}#${outletId}#${id}` }),
  journalPartition: (shard: number) => `JOURNAL#${shard}`,
  feedMarker: () => ({ pk: 'META', sk: 'FEED' }),
  byPublished: (publishedIso: string, storyId: string) => ({
    gsi1pk: `PUB#${publishedIso.slice(0, 7)}`,
    gsi1sk: `${publishedIso}#${storyId}`,
  }),
  byPublishedPartition: (month: string) => `PUB#${month}`,
  content: (contentHash: string) => `content/${contentHash.slice(0, 2)}/${contentHash}.json`,
};

/**
 * The journal: what each ingest adds to the analytics copy, kept in the table until publish has written
 * it out (`analytics/export.ts`). Spread over a few partitions so that no one partition takes every
 * fetcher's writes; publish reads each in one Query. Records expire on their own (DynamoDB TTL on
 * `expires`) long after they were written out.
 */
export const JOURNAL = {
  shards: 8,
  ttlDays: 7,
  ttlAttribute: 'expires',
  /** Items committed (ITEM records written) at a time: one journal record and one BatchWriteItem each. */
  chunk: 25,
} as const;

/**
 * The analytics copy of the records: JSON Lines in the bucket, written by publish once per cycle (not once
 * per item: one object per log and cycle, however many stories changed). Two logs hold what happened:
 * `copy_log` (one row each time a copy is recorded) and `story_log` (one row per story each time it
 * changed: its state then, or where it was merged into). The tables analysts query, `stories` and
 * `copies`, are views over the logs (`shared/analytics/views.ts`) that keep each row's latest state and
 * follow merges. Glue (infra/) and the local DuckDB (cli/sql.ts) are built from this one definition, so
 * `feedmerge sql` and Athena run the same queries. Log objects are partitioned by the day they were
 * written (`dt`); timestamps are written as `yyyy-MM-dd HH:mm:ss.SSS` (UTC), the form both engines read
 * as TIMESTAMP.
 */
export const ANALYTICS = {
  prefix: 'analytics/',
  /** Athena's query results (deployed only; expired after a week). */
  resultsPrefix: 'athena-results/',
  /** Partitions from this day on (partition projection needs a range). */
  firstDay: '2020-01-01',
  /** The logs: what is written. */
  logs: {
    story_log: {
      description: "A story's state each time it changed (merged_into: the story it was merged into, or '')",
      columns: [
        { name: 'story_id', type: 'string' },
        { name: 'merged_into', type: 'string' },
        { name: 'title', type: 'string' },
        { name: 'url', type: 'string' },
        { name: 'first_outlet', type: 'string' },
        { name: 'first_outlet_name', type: 'string' },
        { name: 'published', type: 'timestamp' },
        { name: 'published_ms', type: 'bigint' },
        { name: 'first_seen', type: 'timestamp' },
        { name: 'words', type: 'int' },
        { name: 'recorded_at', type: 'timestamp' },
      ],
    },
    copy_log: {
      description: 'A copy each time it was recorded, with the story it was recorded in',
      columns: [
        { name: 'story_id', type: 'string' },
        { name: 'outlet', type: 'string' },
        { name: 'outlet_name', type: 'string' },
        { name: 'item_key', type: 'string' },
        { name: 'url', type: 'string' },
        { name: 'title', type: 'string' },
        { name: 'published', type: 'timestamp' },
        { name: 'published_ms', type: 'bigint' },
        { name: 'match_kind', type: 'string' },
        { name: 'score', type: 'double' },
        { name: 'recorded_at', type: 'timestamp' },
      ],
    },
  },
  /** The views: what analysts query (`dt`: the day the story was first seen). */
  tables: {
    stories: {
      description: 'One row per story',
      columns: [
        { name: 'story_id', type: 'string' },
        { name: 'title', type: 'string' },
        { name: 'url', type: 'string' },
        { name: 'first_outlet', type: 'string' },
        { name: 'first_outlet_name', type: 'string' },
        { name: 'published', type: 'timestamp' },
        { name: 'first_seen', type: 'timestamp' },
        { name: 'copies', type: 'int' },
        { name: 'outlets', type: 'int' },
        { name: 'words', type: 'int' },
        { name: 'dt', type: 'date' },
      ],
    },
    copies: {
      description: "One row per copy, with its story's id, first publisher and first publication",
      columns: [
        { name: 'story_id', type: 'string' },
        { name: 'first_outlet', type: 'string' },
        { name: 'story_published', type: 'timestamp' },
        { name: 'outlet', type: 'string' },
        { name: 'outlet_name', type: 'string' },
        { name: 'url', type: 'string' },
        { name: 'title', type: 'string' },
        { name: 'published', type: 'timestamp' },
        { name: 'lag_minutes', type: 'int' },
        { name: 'match_kind', type: 'string' },
        { name: 'score', type: 'double' },
        { name: 'dt', type: 'date' },
      ],
    },
  },
} as const;

export type AnalyticsLog = keyof typeof ANALYTICS.logs;
export type AnalyticsTable = keyof typeof ANALYTICS.tables;
export type AnalyticsColumnType = (typeof ANALYTICS.logs)[AnalyticsLog]['columns'][number]['type'] | (typeof ANALYTICS.tables)[AnalyticsTable]['columns'][number]['type'];

/** `analytics/<log>/dt=<yyyy-mm-dd>/<name>.json`: one object per log and export (`name` says which). */
export function analyticsKey(log: AnalyticsLog, writtenAt: string, name: string): string {
  return `${ANALYTICS.prefix}${log}/dt=${writtenAt.slice(0, 10)}/${name}.json`;
}
