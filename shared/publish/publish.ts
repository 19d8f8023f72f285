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
}

export interface PublishReport {
  readonly stories: number;
  /** The formats whose bytes changed and were written. */
  readonly written: FeedFormat[];
}

const FORMATS: readonly FeedFormat[] = ['rss', 'atom', 'json', 'html'];

/** Renders the merged feed from the current records (what `publishFeeds` would write). */
export async function publicationFeeds(deps: Omit<PublishDeps, 'objects'>): Promise<RenderedFeeds & { stories: number }> {
  const recent = await deps.stories.recentStories(deps.feed.limit);
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
