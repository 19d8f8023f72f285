/**
 * The analytics copy of the records (see `ANALYTICS` in core/schema.ts), written once per cycle.
 *
 * 1. Ingest: each committed chunk of items appends one journal record — the copies it recorded, as
 *    `copy_log` rows, and the ids of the stories it wrote to (`journalEntry`, pure; the store writes it).
 * 2. Publish: the journal since the last export (read once for this and for its own cache), the changed stories' records read in
 *    batches (merged ones followed to the story that absorbed them, and the stories a survivor absorbed
 *    pointed at it), and two objects are written: the cycle's `copy_log` and `story_log` rows.
 *
 * No read per item and no object per story: a cycle costs a few Queries, a BatchGetItem per 100 changed
 * stories, and two S3 PUTs, however many items arrived. The logs only grow; the views over them
 * (views.ts) keep each copy's and each story's latest row, so a row written twice — a retried chunk, an
 * export that overlaps the previous one, a rebuild — counts once.
 */
import type { CopyRecord, StoryRecord, StoryWithCopies } from '../core/model.ts';
import { ANALYTICS, analyticsKey, MAX_MERGE_REDIRECTS, type AnalyticsLog } from '../core/schema.ts';

export interface AnalyticsSink {
  /** Writes (replaces) one analytics object. */
  putAnalytics(key: string, body: string): Promise<void>;
}

/** One `copy_log` row. */
export interface CopyLogRow {
  readonly story_id: string;
  readonly outlet: string;
  readonly outlet_name: string;
  readonly item_key: string;
  readonly url: string;
  readonly title: string;
  readonly published: string;
  readonly published_ms: number;
  readonly match_kind: string;
  readonly score: number;
  readonly recorded_at: string;
}

/** One `story_log` row. */
export interface StoryLogRow {
  readonly story_id: string;
  readonly merged_into: string;
  readonly title: string;
  readonly url: string;
  readonly first_outlet: string;
  readonly first_outlet_name: string;
  readonly published: string;
  readonly published_ms: number;
  readonly first_seen: string;
  readonly words: number;
  readonly recorded_at: string;
}

/** What one committed chunk of an ingest adds to the analytics copy. */
export interface JournalEntry {
  readonly outletId: string;
  /** When it was written (ISO 8601): publish reads the journal by this time. */
  readonly recordedAt: string;
  readonly copies: readonly CopyLogRow[];
  /** Every story the chunk wrote to (a merge writes to two). */
  readonly stories: readonly string[];
}

export interface JournalStore {
  appendJournal(entry: JournalEntry): Promise<void>;
  /** The entries recorded from `from` (or the first) to `to`, both included. */
  readJournal(from: string | undefined, to: string): Promise<JournalEntry[]>;
}

export interface StoryRecordReader {
  /** One batched, consistent read of STORY records (absent ids do not exist). */
  getStories(storyIds: readonly string[]): Promise<Map<string, StoryRecord>>;
}

/**
 * How far back each export reads again before the previous one's end: a journal record written with an
 * earlier time than an export that did not see it yet (a write slowed by retries) is still exported.
 * Read twice, a row counts once (the views keep the latest).
 */
export const JOURNAL_OVERLAP_MS = 60_000;

/** `yyyy-MM-dd HH:mm:ss.SSS` in UTC: what Athena and DuckDB both read as a TIMESTAMP. */
export function sqlTimestamp(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : new Date(t).toISOString().replace('T', ' ').replace('Z', '');
}

function epochMs(iso: string): number {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? 0 : t;
}

export function copyLogRow(copy: CopyRecord, recordedAt: string): CopyLogRow {
  return {
    story_id: copy.storyId,
    outlet: copy.outletId,
    outlet_name: copy.outletName,
    item_key: copy.itemKey,
    url: copy.url,
    title: copy.title,
    published: sqlTimestamp(copy.published),
    published_ms: epochMs(copy.published),
    match_kind: copy.match,
    score: copy.score,
    recorded_at: sqlTimestamp(recordedAt),
  };
}

/** A story's row: its state, or (`mergedInto`) only where it went. */
export function storyLogRow(story: Pick<StoryRecord, 'storyId'> & Partial<StoryRecord>, recordedAt: string, mergedInto = ''): StoryLogRow {
  const merged = mergedInto !== '';
  return {
    story_id: story.storyId,
    merged_into: mergedInto,
    title: merged ? '' : (story.title ?? ''),
    url: merged ? '' : (story.url ?? ''),
    first_outlet: merged ? '' : (story.outletId ?? ''),
    first_outlet_name: merged ? '' : (story.outletName ?? ''),
    published: sqlTimestamp(story.published ?? ''),
    published_ms: epochMs(story.published ?? ''),
    first_seen: sqlTimestamp(story.firstSeen ?? ''),
    words: merged ? 0 : (story.words ?? 0),
    recorded_at: sqlTimestamp(recordedAt),
  };
}

/** The journal record of a committed chunk. */
export function journalEntry(outletId: string, change: { readonly copies: readonly CopyRecord[]; readonly stories: readonly string[] }, recordedAt: string): JournalEntry {
  return { outletId, recordedAt, copies: change.copies.map((c) => copyLogRow(c, recordedAt)), stories: [...change.stories] };
}

export interface ExportReport {
  readonly copies: number;
  readonly stories: number;
  /** The objects written (none when the journal had nothing new). */
  readonly keys: string[];
  /** How many journal records lie in the last `JOURNAL_OVERLAP_MS` of the range (see `exportJournal`). */
  readonly tail?: number;
}

/** Where the journal must be read from for an export after one that ended at `exportedThrough`. */
export function exportReadsFrom(exportedThrough: string | undefined): string | undefined {
  return exportedThrough ? new Date(Date.parse(exportedThrough) - JOURNAL_OVERLAP_MS).toISOString() : undefined;
}

/**
 * The entries of `read` (the journal from `exportReadsFrom(since)` on) recorded after `since`. The last
 * `JOURNAL_OVERLAP_MS` before `since` are read again: if they hold more records than the reader saw there
 * then (`tail`), a record arrived late, and they count too (a row written twice counts once).
 */
export function entriesAfter(read: readonly JournalEntry[], since: string | undefined, tail = 0): JournalEntry[] {
  if (since === undefined) return [...read];
  const start = exportReadsFrom(since)!;
  const late = read.filter((e) => e.recordedAt >= start && e.recordedAt <= since).length > tail;
  return read.filter((e) => e.recordedAt > since || (late && e.recordedAt >= start));
}

/** How many entries of `read` lie in the last `JOURNAL_OVERLAP_MS` up to `to`: the next reader's `tail`. */
export function tailOf(read: readonly JournalEntry[], to: string): number {
  const start = exportReadsFrom(to)!;
  return read.filter((e) => e.recordedAt >= start && e.recordedAt <= to).length;
}

/**
 * Writes out the journal from `from` (the previous export's end) to `to`: the copies it holds and the
 * current state of every story it names. `read` is the journal from `exportReadsFrom(from)` to `to`; a
 * publish with nothing new writes nothing.
 */
export async function exportJournal(
  range: { readonly from?: string; readonly to: string; readonly tail?: number },
  read: readonly JournalEntry[],
  deps: { readonly stories: StoryRecordReader; readonly sink: AnalyticsSink },
): Promise<ExportReport> {
  const start = exportReadsFrom(range.from);
  const inRange = read.filter((e) => (start === undefined || e.recordedAt >= start) && e.recordedAt <= range.to);
  const entries = entriesAfter(inRange, range.from, range.tail);
  const tail = tailOf(inRange, range.to);
  if (entries.length === 0) return { copies: 0, stories: 0, keys: [], tail };
  // A slice at a time: the first export after a large first cycle holds one slice's rows, not all.
  const report = { copies: 0, stories: 0, keys: [] as string[], tail };
  for (let i = 0, part = 0; i < entries.length; i += EXPORT_SLICE, part++) {
    const slice = entries.slice(i, i + EXPORT_SLICE);
    const storyRows = await currentStoryRows(new Set(slice.flatMap((e) => e.stories)), deps.stories, range.to);
    const name = `export-${fileTime(range.to)}${entries.length > EXPORT_SLICE ? `-${part}` : ''}`;
    const written = await writeLogs({ copy_log: slice.flatMap((e) => e.copies), story_log: storyRows }, range.to, name, deps.sink);
    report.copies += written.copies;
    report.stories += written.stories;
    report.keys.push(...written.keys);
  }
  return report;
}

/** Journal records written out per pair of objects (a record holds at most 25 copies). */
const EXPORT_SLICE = 400;

/**
 * The rows that make the analytics copy of these stories current again, from their full records (after
 * an upgrade, or after running with the analytics copy off): `export-analytics`.
 */
export function rebuildRows(stories: readonly StoryWithCopies[], recordedAt: string): { copy_log: CopyLogRow[]; story_log: StoryLogRow[] } {
  const copy_log: CopyLogRow[] = [];
  const story_log: StoryLogRow[] = [];
  for (const { story, copies, absorbed } of stories) {
    story_log.push(storyLogRow(story, recordedAt));
    for (const a of absorbed ?? []) story_log.push(storyLogRow(a, recordedAt, story.storyId));
    for (const c of copies) copy_log.push(copyLogRow({ ...c, storyId: story.storyId }, recordedAt));
  }
  return { copy_log, story_log };
}

/** Writes one object per log that has rows; returns what was written. */
export async function writeLogs(
  rows: { readonly copy_log: readonly CopyLogRow[]; readonly story_log: readonly StoryLogRow[] },
  writtenAt: string,
  name: string,
  sink: AnalyticsSink,
): Promise<ExportReport> {
  const keys: string[] = [];
  for (const log of Object.keys(ANALYTICS.logs) as AnalyticsLog[]) {
    const list: readonly object[] = rows[log];
    if (list.length === 0) continue;
    const key = analyticsKey(log, writtenAt, name);
    await sink.putAnalytics(key, list.map((r) => `${JSON.stringify(r)}\n`).join(''));
    keys.push(key);
  }
  return { copies: rows.copy_log.length, stories: rows.story_log.length, keys };
}

/**
 * The current rows of these stories: each one's state, or, for a story merged away, the story that holds
 * it now. A survivor's absorbed stories (and theirs) are pointed at it too, so that one step leads from
 * any story id a copy was recorded under to the story it belongs to.
 */
async function currentStoryRows(ids: ReadonlySet<string>, reader: StoryRecordReader, recordedAt: string): Promise<StoryLogRow[]> {
  const known = new Map<string, StoryRecord>();
  const read = async (wanted: Iterable<string>) => {
    const missing = [...new Set(wanted)].filter((id) => !known.has(id));
    for (let i = 0; i < missing.length; i += 100) for (const [id, r] of await reader.getStories(missing.slice(i, i + 100))) known.set(id, r);
  };
  const rootOf = (id: string): string | undefined => {
    let r = known.get(id);
    for (let hop = 0; r?.mergedInto && hop <= MAX_MERGE_REDIRECTS; hop++) r = known.get(r.mergedInto);
    return r && !r.mergedInto ? r.storyId : undefined;
  };
  // Follow the redirects, then the absorbed lists, reading a level at a time.
  let frontier = [...ids];
  for (let depth = 0; frontier.length > 0 && depth <= 2 * MAX_MERGE_REDIRECTS; depth++) {
    await read(frontier);
    frontier = frontier.flatMap((id) => {
      const r = known.get(id);
      return r ? [...(r.mergedInto ? [r.mergedInto] : []), ...(r.absorbed ?? [])] : [];
    }).filter((id) => !known.has(id));
  }
  const rows: StoryLogRow[] = [];
  for (const [id, record] of [...known].sort(([a], [b]) => a.localeCompare(b))) {
    const root = rootOf(id);
    if (root === undefined) continue; // a redirect chain too long: a defect the ingest reports
    rows.push(root === id ? storyLogRow(record, recordedAt) : storyLogRow(record, recordedAt, root));
  }
  return rows;
}

/** An ISO time fit for an object name. */
function fileTime(iso: string): string {
  return iso.replace(/[:.]/g, '-');
}
