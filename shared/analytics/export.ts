/**
 * The analytics copy of the records (see `ANALYTICS` in core/schema.ts): a story's rows, rebuilt from its
 * records and written over its previous ones, whenever one of its items is recorded. The rows are a pure
 * function of the story; the export is the separate step that reads and writes them.
 *
 * Idempotent by construction: each story has one object per table under a key that never changes, so a
 * retry (or two fetchers exporting the same story) writes the same rows, and the last writer has read the
 * latest records. A story merged into another is written empty: its copies are the survivor's rows.
 */
import type { StoryWithCopies } from '../core/model.ts';
import { analyticsKey, type AnalyticsTable } from '../core/schema.ts';
import { lagMinutes } from './syndication.ts';

export interface AnalyticsSink {
  /** Writes (replaces) one analytics object. */
  putAnalytics(key: string, body: string): Promise<void>;
}

export interface StoryWithCopiesReader {
  /** A story with every copy; the id of a merged story leads to the one it was merged into. */
  getStory(storyId: string): Promise<StoryWithCopies | undefined>;
}

export interface AnalyticsObject {
  readonly key: string;
  /** JSON Lines ('' for a story merged away). */
  readonly body: string;
}

/** `yyyy-MM-dd HH:mm:ss.SSS` in UTC: what Athena and DuckDB both read as a TIMESTAMP. */
export function sqlTimestamp(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : new Date(t).toISOString().replace('T', ' ').replace('Z', '');
}

/** The objects that hold `s` in the analytics copy: its two tables, and the emptied objects of what it absorbed. */
export function analyticsObjects(s: StoryWithCopies): AnalyticsObject[] {
  const { story, copies } = s;
  const lines = (rows: readonly object[]) => rows.map((r) => `${JSON.stringify(r)}\n`).join('');
  const storyRow = {
    story_id: story.storyId,
    title: story.title,
    url: story.url,
    first_outlet: story.outletId,
    first_outlet_name: story.outletName,
    published: sqlTimestamp(story.published),
    first_seen: sqlTimestamp(story.firstSeen),
    copies: copies.length,
    outlets: new Set(copies.map((c) => c.outletId)).size,
    words: story.words,
  };
  const copyRows = copies.map((c) => ({
    story_id: story.storyId,
    first_outlet: story.outletId,
    story_published: sqlTimestamp(story.published),
    outlet: c.outletId,
    outlet_name: c.outletName,
    url: c.url,
    title: c.title,
    published: sqlTimestamp(c.published),
    lag_minutes: lagMinutes(story, c),
    match_kind: c.match,
    score: c.score,
  }));
  const key = (table: AnalyticsTable, of: { storyId: string; firstSeen: string }) => analyticsKey(table, of.firstSeen, of.storyId);
  return [
    { key: key('stories', story), body: lines([storyRow]) },
    { key: key('copies', story), body: lines(copyRows) },
    ...(s.absorbed ?? []).flatMap((a) => [
      { key: key('stories', a), body: '' },
      { key: key('copies', a), body: '' },
    ]),
  ];
}

/** Rewrites the analytics objects of these stories (each followed to the story it was merged into). */
export async function exportStories(storyIds: Iterable<string>, deps: { readonly reader: StoryWithCopiesReader; readonly sink: AnalyticsSink }): Promise<void> {
  const requested = new Set<string>();
  const exported = new Set<string>();
  for (const id of storyIds) {
    if (requested.has(id)) continue;
    requested.add(id);
    const s = await deps.reader.getStory(id);
    // A story without copies is the shell of a founding that lost a race: never listed, never exported.
    // Two ids that lead to one survivor (a merge) export it once.
    if (!s || s.copies.length === 0 || exported.has(s.story.storyId)) continue;
    exported.add(s.story.storyId);
    for (const object of analyticsObjects(s)) await deps.sink.putAnalytics(object.key, object.body);
  }
}
