/**
 * Publishing: the most recent stories → rendered feeds → storage, skipping unchanged objects; and the
 * cycle's journal → the analytics copy (analytics/export.ts). The journal, read once, also says which of
 * the stories the last rendering read have changed: only those are read again (publish-cache.ts).
 */
import type { CanonicalContent } from '../core/model.ts';
import type { FeedMarker, FeedMarkerStore, PublishStateStore, RegistryStore, StoryReader } from '../core/ports.ts';
import { createHash, randomUUID } from 'node:crypto';
import { PUBLISH_TIMEOUT_SECONDS } from '../core/config.ts';
import { mapConcurrent } from '../core/concurrency.ts';
import { renderFeeds, type FeedEntry, type RenderedFeeds } from './render.ts';
import { BUCKET, FEED_CONTENT_TYPES, type FeedFormat } from '../core/schema.ts';
import { entriesAfter, exportJournal, exportReadsFrom, tailOf, type AnalyticsSink, type ExportReport, type JournalEntry, type JournalStore, type StoryRecordReader } from '../analytics/export.ts';
import { readPublishState, RenderCache, writePublishState, type CachedText } from './publish-cache.ts';

export interface PublishDeps {
  readonly stories: StoryReader;
  readonly contents: { getCanonical(contentHash: string): Promise<CanonicalContent | undefined> };
  readonly registry: RegistryStore;
  readonly objects: { putIfChanged(key: string, body: string, contentType: string, cacheControl?: string): Promise<boolean> };
  readonly feed: { readonly title: string; readonly description: string; readonly baseUrl: string; readonly limit: number; readonly maxAgeSeconds?: number };
  /** The publication time (the hold of headline-only stories is measured from it). */
  readonly now?: () => Date;
  /**
   * The feed's version marker: with it, a publish when nothing changed reads the marker (and, with a
   * journal, the journal's last minutes) and nothing else.
   */
  readonly marker?: FeedMarkerStore;
  /** What ingest changed (with `state`: only changed stories are read again; with `analytics`: written out). */
  readonly journal?: JournalStore;
  /** Publish's own cache of what it read for the last rendering. */
  readonly state?: PublishStateStore;
  /** Where the journal is written out to (none: no analytics copy). */
  readonly analytics?: { readonly stories: StoryRecordReader; readonly sink: AnalyticsSink };
}

/**
 * How long after a change a rendering may still miss it: the `byPublished` index is eventually
 * consistent. A feed rendered sooner than this after the last change is rendered once more.
 */
export const INDEX_SETTLE_MS = 60_000;

/**
 * A story known only by its headline (a headline-only feed published it first) is held back this long
 * after it was first seen: most copies of a story arrive within hours, and the first one with text then
 * gives it its text before any reader sees a bare headline. After the hold it is published as it is — a
 * story is a story — and a fuller copy arriving later still fills it in (same id, same feed entry).
 */
export const HEADLINE_HOLD_MS = 2 * 3600 * 1000;

export interface PublishReport {
  readonly stories: number;
  /** The formats whose bytes changed and were written. */
  readonly written: FeedFormat[];
  /** Nothing changed since the feed was last rendered: nothing was read or rendered (one read). */
  readonly skipped?: boolean;
  /** What was written to the analytics copy. */
  readonly exported?: ExportReport;
  /** Stories the rendering took from publish's cache, unchanged since the last one (not read again). */
  readonly cachedStories?: number;
  /**
   * Another publish was rendering: nothing was rendered here, and that one renders once more when it is
   * done (what this one would have shown included).
   */
  readonly deferred?: boolean;
}

const FORMATS: readonly FeedFormat[] = ['rss', 'atom', 'json', 'html'];

/** What a rendering may take from the last one instead of reading it again. */
export interface RenderReuse {
  readonly cache: RenderCache;
  /** Canonical texts by content hash (null: no text). */
  readonly texts: Map<string, CachedText | null>;
  /** Stories the journal shows written since the last rendering → their latest copy's publication (ISO). */
  readonly fresh?: ReadonlyMap<string, string>;
}

/** Renders the merged feed from the current records (what `publishFeeds` would write). */
export async function publicationFeeds(deps: Omit<PublishDeps, 'objects'>, reuse?: RenderReuse): Promise<RenderedFeeds & { stories: number; dueAt?: string }> {
  const now = (deps.now ?? (() => new Date()))().getTime();
  const all = await deps.stories.recentStories(deps.feed.limit, reuse?.cache, reuse?.fresh);
  const releaseAt = (entry: (typeof all)[number]) => (entry.story.words > 0 ? 0 : Date.parse(entry.story.firstSeen) + HEADLINE_HOLD_MS);
  const recent = all.filter((entry) => releaseAt(entry) <= now);
  // The first held-back story to fall due: the feed changes then, though no record does.
  const held = all.map(releaseAt).filter((at) => at > now);
  const dueAt = held.length > 0 ? new Date(Math.min(...held)).toISOString() : undefined;
  const entries: FeedEntry[] = await mapConcurrent(recent, 8, async (entry) => {
    const hash = entry.story.canonicalHash;
    let text = reuse?.texts.get(hash);
    if (text === undefined) {
      const content = await deps.contents.getCanonical(hash);
      text = content ? { paragraphs: content.paragraphs, ...(content.html ? { html: content.html } : {}) } : null;
      reuse?.texts.set(hash, text);
    }
    return { ...entry, ...(text ? { paragraphs: text.paragraphs, ...(text.html ? { html: text.html } : {}) } : {}) };
  });
  const outlets = (await deps.registry.findOutlets()) ?? [];
  const rendered = renderFeeds(entries, {
    title: deps.feed.title,
    description: deps.feed.description,
    baseUrl: deps.feed.baseUrl,
    outletFeeds: new Map(outlets.map((o) => [o.id, publicUrl(o.url)])),
  });
  return { ...rendered, stories: entries.length, ...(dueAt ? { dueAt } : {}) };
}

/** The feed settings a rendering depends on, as one value (a change of title or limit re-renders). */
function settingsOf(feed: PublishDeps['feed']): string {
  return createHash('sha256').update(JSON.stringify([feed.title, feed.description, feed.baseUrl, feed.limit])).digest('hex').slice(0, 16);
}

/**
 * Whether the feed objects already show everything: no change counted since, no held story due (and,
 * with `analytics`, the journal written out past the last change). Without `journaled` (the rendering
 * read the stories the journal names by id), a rendering too soon after the last change is not trusted:
 * the index may not have shown it yet.
 */
export function upToDate(marker: FeedMarker, settings: string, now: number, opts: { readonly analytics?: boolean; readonly journaled?: boolean } = {}): boolean {
  if (marker.publishedVersion === undefined || marker.publishedVersion !== marker.version || marker.publishedSettings !== settings) return false;
  if (marker.dueAt && Date.parse(marker.dueAt) <= now) return false;
  if (opts.analytics && marker.changedAt && !(marker.exportedThrough && marker.exportedThrough >= marker.changedAt)) return false;
  if (opts.journaled) return true;
  return !marker.changedAt || (marker.publishedAt !== undefined && Date.parse(marker.publishedAt) >= Date.parse(marker.changedAt) + INDEX_SETTLE_MS);
}

/**
 * How long publish's claim on the feed lasts unless released: longer than a deployed publish can run, so
 * it never expires under a live one; a publish that died holding it delays the next by at most this.
 */
export const PUBLISH_CLAIM_MS = 2 * PUBLISH_TIMEOUT_SECONDS * 1000;

/**
 * Renderings asked for by other publishes while this one rendered, at most: each renders the changes
 * they saw. Past this, what is left is rendered by the next publish (the journal keeps it).
 */
const MAX_PUBLISH_ROUNDS = 3;

/**
 * Publishes the merged feed. Renderings are serialised by a claim on the feed's marker: a publish that
 * read the stories earlier but wrote its objects later would otherwise put an older feed back, and the
 * marker would say it was current. A publish that finds another rendering defers to it — that one renders
 * once more when it is done — so every change is rendered, and by one publish at a time.
 */
export async function publishFeeds(deps: PublishDeps): Promise<PublishReport> {
  for (let round = 1; ; round++) {
    const { report, again } = await publishOnce(deps);
    if (!again || round >= MAX_PUBLISH_ROUNDS) return report;
  }
}

const SKIPPED: PublishReport = { stories: 0, written: [], skipped: true };

/** What changed since the feed was last rendered, or that nothing did. */
type Changes = { readonly upToDate: true } | { readonly upToDate: false; readonly journal: readonly JournalEntry[]; readonly readFrom?: string };

async function publishOnce(deps: PublishDeps): Promise<{ report: PublishReport; again?: boolean }> {
  const now = (deps.now ?? (() => new Date()))();
  const settings = settingsOf(deps.feed);
  let marker = deps.marker ? await deps.marker.getFeedMarker() : undefined;
  let changes = await changesSince(deps, marker, now, settings);
  if (changes.upToDate) return { report: SKIPPED };
  if (!deps.marker || !marker) return { report: (await render(deps, changes, undefined, now, settings)).report };

  const owner = randomUUID();
  const claim = await deps.marker.claimPublish(owner, now.toISOString(), new Date(now.getTime() + PUBLISH_CLAIM_MS).toISOString());
  if (!claim.claimed) return { report: { stories: 0, written: [], deferred: true } };
  try {
    // Another publish rendered between the read above and the claim: what changed counts from its rendering.
    const renderedMeanwhile = claim.marker.publishedAt !== marker.publishedAt || claim.marker.exportedThrough !== marker.exportedThrough;
    marker = claim.marker;
    if (renderedMeanwhile) changes = await changesSince(deps, marker, now, settings);
    if (changes.upToDate) return { report: SKIPPED, again: (await deps.marker.releasePublish(owner)).again };
    return await render(deps, changes, { marker, owner }, now, settings);
  } catch (err) {
    // Released, so that the retry of this publish need not wait for the claim to expire.
    await deps.marker.releasePublish(owner).catch(() => undefined);
    throw err;
  }
}

/**
 * Whether the feed objects already show everything (then nothing else is read); else the journal since
 * the last rendering (and the last export), read once.
 */
async function changesSince(deps: PublishDeps, marker: FeedMarker | undefined, now: Date, settings: string): Promise<Changes> {
  const nowIso = now.toISOString();
  const journaled = deps.journal !== undefined && deps.state !== undefined;
  // Without a journal, ingest counts its changes on the marker: the marker alone says whether to render.
  if (marker && !journaled && upToDate(marker, settings, now.getTime(), { analytics: deps.analytics !== undefined })) return { upToDate: true };

  // The journal, read once: since the last rendering (with a journal, how publish learns that stories
  // changed: ingest writes nothing else for it) and since the last export.
  const starts = [
    ...(journaled ? [exportReadsFrom(marker?.publishedAt ?? nowIso)!] : []),
    ...(deps.analytics ? [exportReadsFrom(marker?.exportedThrough) ?? ''] : []),
  ];
  const readFrom = starts.sort()[0] || undefined;
  const journal: readonly JournalEntry[] = deps.journal && starts.length > 0 ? await deps.journal.readJournal(readFrom, nowIso) : [];
  if (
    marker &&
    journaled &&
    entriesAfter(journal, marker.publishedAt, marker.publishedTail).length === 0 &&
    (!deps.analytics || entriesAfter(journal, marker.exportedThrough, marker.exportedTail).length === 0) &&
    upToDate(marker, settings, now.getTime(), { journaled })
  ) {
    return { upToDate: true };
  }
  return { upToDate: false, journal, ...(readFrom ? { readFrom } : {}) };
}

/** Renders and writes the feed objects, the cache and the analytics copy; records it on the marker (releasing the claim). */
async function render(
  deps: PublishDeps,
  changes: Extract<Changes, { upToDate: false }>,
  claim: { readonly marker: FeedMarker; readonly owner: string } | undefined,
  now: Date,
  settings: string,
): Promise<{ report: PublishReport; again: boolean }> {
  const nowIso = now.toISOString();
  const { journal, readFrom } = changes;
  const marker = claim?.marker;
  const journaled = deps.journal !== undefined && deps.state !== undefined;
  const read = journaled ? readPublishState(await deps.state!.getPublishState(), now) : undefined;
  // The cache is trusted only as far as the journal read covers what happened since it was written (an
  // older publish's cache, written after a newer one's marker, would otherwise keep stale stories).
  const previous = read && (readFrom === undefined || exportReadsFrom(read.through)! >= readFrom) ? read : undefined;

  // What a failure below leaves unexported is exported with the next publish (the marker is not moved).
  const exported = deps.analytics
    ? await exportJournal({ from: marker?.exportedThrough, to: nowIso, tail: marker?.exportedTail }, journal, deps.analytics)
    : undefined;

  // What the journal shows written since the last rendering (without a cache: in the last minute).
  const recent = previous ? entriesAfter(journal, previous.through, previous.tail) : journal;
  const changed = new Set(recent.flatMap((e) => e.stories));
  const reuse = journaled ? { cache: new RenderCache(previous, changed), texts: new Map(previous?.texts ?? []), fresh: latestCopies(recent) } : undefined;
  const rendered = await publicationFeeds({ ...deps, now: () => now }, reuse);
  const written: FeedFormat[] = [];
  for (const format of FORMATS) {
    const changedBytes = await deps.objects.putIfChanged(BUCKET.feedKeys[format], rendered[format], FEED_CONTENT_TYPES[format], `max-age=${deps.feed.maxAgeSeconds ?? 900}`);
    if (changedBytes) written.push(format);
  }
  if (reuse && deps.state) {
    const used = [...reuse.cache.used];
    const hashes = new Set(used.map(([, s]) => s.story.canonicalHash));
    await deps.state.putPublishState(
      writePublishState({ through: nowIso, tail: tailOf(journal, nowIso), stories: used, texts: [...reuse.texts].filter(([h]) => hashes.has(h)) }),
    );
  }
  // The version read before rendering: a change counted meanwhile makes the next publish render again.
  const release =
    deps.marker && marker
      ? await deps.marker.setPublished(
          {
            publishedVersion: marker.version,
            publishedSettings: settings,
            publishedAt: nowIso,
            ...(journaled ? { publishedTail: tailOf(journal, nowIso) } : {}),
            ...(rendered.dueAt ? { dueAt: rendered.dueAt } : {}),
            ...(exported ? { exportedThrough: nowIso, exportedTail: exported.tail ?? 0 } : {}),
          },
          claim?.owner,
        )
      : { again: false };
  const report = { stories: rendered.stories, written, ...(exported ? { exported } : {}), ...(reuse ? { cachedStories: reuse.cache.hits } : {}) };
  return { report, again: release.again };
}

/** Each story with a copy in these journal entries → its latest copy's publication (ISO 8601). */
function latestCopies(entries: readonly JournalEntry[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of entries) {
    for (const c of e.copies) {
      const at = new Date(c.published_ms).toISOString();
      if (at > (out.get(c.story_id) ?? '')) out.set(c.story_id, at);
    }
  }
  return out;
}

/** A feed URL fit to publish: no credentials, no query string (tokens travel there). */
function publicUrl(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.host}${u.pathname}`;
}
