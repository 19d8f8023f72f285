/**
 * Publishing: the most recent stories → rendered feeds → storage, skipping unchanged objects.
 */
import type { CanonicalContent } from '../core/model.ts';
import type { RegistryStore, StoryReader } from '../core/ports.ts';
import { mapConcurrent } from '../core/concurrency.ts';
import { renderFeeds, type FeedEntry, type RenderedFeeds } from './render.ts';
import { BUCKET, FEED_CONTENT_TYPES, type FeedFormat } from '../core/schema.ts';

export interface PublishDeps {
  readonly stories: StoryReader;
  readonly contents: { getCanonical(contentHash: string): Promise<CanonicalContent | undefined> };
  readonly registry: RegistryStore;
  readonly objects: { putIfChanged(key: string, body: string, contentType: string, cacheControl?: string): Promise<boolean> };
  readonly feed: { readonly title: string; readonly description: string; readonly baseUrl: string; readonly limit: number };
  /** The publication time (the hold of headline-only stories is measured from it). */
  readonly now?: () => Date;
}

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
}

const FORMATS: readonly FeedFormat[] = ['rss', 'atom', 'json', 'html'];

/** Renders the merged feed from the current records (what `publishFeeds` would write). */
export async function publicationFeeds(deps: Omit<PublishDeps, 'objects'>): Promise<RenderedFeeds & { stories: number }> {
  const now = (deps.now ?? (() => new Date()))().getTime();
  const recent = (await deps.stories.recentStories(deps.feed.limit)).filter(
    (entry) => entry.story.words > 0 || Date.parse(entry.story.firstSeen) + HEADLINE_HOLD_MS <= now,
  );
  const entries: FeedEntry[] = await mapConcurrent(recent, 8, async (entry) => ({
    ...entry,
    paragraphs: (await deps.contents.getCanonical(entry.story.canonicalHash))?.paragraphs,
  }));
  const outlets = (await deps.registry.findOutlets()) ?? [];
  const rendered = renderFeeds(entries, {
    title: deps.feed.title,
    description: deps.feed.description,
    baseUrl: deps.feed.baseUrl,
    outletFeeds: new Map(outlets.map((o) => [o.id, publicUrl(o.url)])),
  });
  return { ...rendered, stories: entries.length };
}

export async function publishFeeds(deps: PublishDeps): Promise<PublishReport> {
  const rendered = await publicationFeeds(deps);
  const written: FeedFormat[] = [];
  for (const format of FORMATS) {
    const changed = await deps.objects.putIfChanged(BUCKET.feedKeys[format], rendered[format], FEED_CONTENT_TYPES[format], 'max-age=300');
    if (changed) written.push(format);
  }
  return { stories: rendered.stories, written };
}

/** A feed URL fit to publish: no credentials, no query string (tokens travel there). */
function publicUrl(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.host}${u.pathname}`;
}
