/**
 * The merged feed: RSS 2.0, Atom 1.0 and JSON Feed 1.1 (with the `feed` package), plus a plain HTML page.
 *
 * One item per story. Its id is the story id (`<guid isPermaLink="false">`), its link and date those of
 * the origin (the earliest-published copy), whose outlet is credited (RSS `<source>`, Atom and JSON
 * authors); its text is the story's canonical (fullest) text; the other outlets that carried it are listed. The body is rebuilt from extracted
 * text, every character escaped: no markup of an outlet ever reaches a reader.
 *
 * Rendering is deterministic: the same stories give the same bytes (the build date is the latest
 * change among the stories), so the publisher can skip unchanged writes.
 */
import { Feed, type Item } from 'feed';
import type { CopyRecord, StoryWithCopies } from '../core/model.ts';
import type { FeedFormat } from '../core/schema.ts';
import { BUCKET } from '../core/schema.ts';

export interface FeedEntry extends StoryWithCopies {
  /** The canonical copy's paragraphs (from S3); the story summary is used when absent. */
  readonly paragraphs?: readonly string[];
}

export interface FeedMeta {
  readonly title: string;
  readonly description: string;
  /** Public base URL of the feed objects, ending in `/`. */
  readonly baseUrl: string;
  /** Outlet id → its feed URL, for RSS `<source url>`. */
  readonly outletFeeds: ReadonlyMap<string, string>;
}

export type RenderedFeeds = Record<FeedFormat, string>;

export function storyGuid(storyId: string): string {
  return `urn:feedmerge:story:${storyId}`;
}

export function feedUrls(baseUrl: string): Record<FeedFormat, string> {
  const at = (key: string) => new URL(key.slice(BUCKET.feedPrefix.length), baseUrl).href;
  return { rss: at(BUCKET.feedKeys.rss), atom: at(BUCKET.feedKeys.atom), json: at(BUCKET.feedKeys.json), html: baseUrl };
}

export function renderFeeds(entries: readonly FeedEntry[], meta: FeedMeta): RenderedFeeds {
  const urls = feedUrls(meta.baseUrl);
  const updated = latestChange(entries);
  const options = {
    id: meta.baseUrl,
    title: meta.title,
    description: meta.description,
    link: meta.baseUrl,
    updated,
    generator: 'feedmerge',
    language: 'en',
    feedLinks: { rss: urls.rss, atom: urls.atom, json: urls.json },
    author: { name: meta.title },
  };
  const rss = new Feed({ ...options, feed: urls.rss });
  const atom = new Feed({ ...options, feed: urls.atom });
  const json = new Feed({ ...options, feed: urls.json });
  for (const entry of entries) {
    const base = baseItem(entry, meta);
    const feedUrl = meta.outletFeeds.get(entry.story.outletId);
    rss.addItem({
      ...base,
      // `feed` writes RSS titles as raw CDATA: angle brackets in a title (text that only looks like markup,
      // since titles are plain text from parse on) must not become markup in a reader that renders HTML.
      title: base.title.replace(/</g, '&lt;').replace(/>/g, '&gt;'),
      // `feed` writes extension attributes as given: escape them here.
      extensions: feedUrl ? [{ name: 'source', objects: { _attributes: { url: escapeHtml(feedUrl) }, _text: entry.story.outletName } }] : [],
    });
    // `feed` writes Atom titles as type="html" without escaping them.
    atom.addItem({ ...base, title: escapeHtml(base.title), author: [{ name: entry.story.outletName }] });
    // JSON Feed's `summary` is plain text, where RSS and Atom carry HTML.
    json.addItem({ ...base, description: entry.story.summary || entry.story.title, author: [{ name: entry.story.outletName }] });
  }
  return { rss: rss.rss2(), atom: atom.atom1(), json: toJsonFeed11(json.json1(), entries), html: renderHtml(entries, meta, urls) };
}

function baseItem(entry: FeedEntry, meta: FeedMeta): Item {
  const { story } = entry;
  const date = new Date(story.published);
  return {
    title: story.title,
    id: storyGuid(story.storyId),
    guid: storyGuid(story.storyId),
    link: absoluteOr(story.url, `${meta.baseUrl}#story-${story.storyId}`),
    date,
    published: date,
    description: escapeHtml(story.summary || story.title),
    content: contentHtml(entry),
  };
}

function contentHtml(entry: FeedEntry): string {
  const paragraphs = entry.paragraphs && entry.paragraphs.length > 0 ? entry.paragraphs : [entry.story.summary];
  const body = paragraphs.filter((p) => p).map((p) => `<p>${escapeHtml(p)}</p>`);
  const { story } = entry;
  const origin = isAbsoluteHttp(story.url)
    ? `<a href="${escapeHtml(story.url)}">${escapeHtml(story.outletName)}</a>`
    : escapeHtml(story.outletName);
  body.push(`<p>First published by ${origin}.</p>`);
  const others = otherCopies(entry);
  if (others.length > 0) body.push(`<p>Also carried by: ${others.map(copyLink).join(', ')}.</p>`);
  return body.join('\n');
}

/** The copies of outlets other than the origin's, one per outlet, earliest first. */
export function otherCopies(entry: StoryWithCopies): CopyRecord[] {
  const seen = new Set([entry.story.outletId]);
  const out: CopyRecord[] = [];
  for (const copy of entry.copies) {
    if (seen.has(copy.outletId)) continue;
    seen.add(copy.outletId);
    out.push(copy);
  }
  return out;
}

function copyLink(copy: CopyRecord): string {
  return isAbsoluteHttp(copy.url) ? `<a href="${escapeHtml(copy.url)}">${escapeHtml(copy.outletName)}</a>` : escapeHtml(copy.outletName);
}

interface JsonFeed10 {
  items?: Array<Record<string, unknown>>;
  author?: unknown;
  [key: string]: unknown;
}

/** `feed` writes JSON Feed 1.0; 1.1 renames `author` to `authors` (and adds `language`). */
function toJsonFeed11(json10: string, entries: readonly FeedEntry[]): string {
  const doc = JSON.parse(json10) as JsonFeed10;
  const { author, ...rest } = doc;
  const byId = new Map(entries.map((e) => [storyGuid(e.story.storyId), e]));
  const items = (doc.items ?? []).map((item) => {
    const { author: itemAuthor, ...others } = item;
    const entry = byId.get(String(item.id));
    return {
      ...others,
      authors: itemAuthor ? [itemAuthor] : undefined,
      _feedmerge: entry
        ? {
            story_id: entry.story.storyId,
            outlet: entry.story.outletId,
            copies: entry.copies.map((c) => ({ outlet: c.outletId, url: c.url, published: c.published, match: c.match })),
          }
        : undefined,
    };
  });
  return `${JSON.stringify({ ...rest, version: 'https://jsonfeed.org/version/1.1', language: 'en', authors: author ? [author] : undefined, items }, null, 2)}\n`;
}

function renderHtml(entries: readonly FeedEntry[], meta: FeedMeta, urls: Record<FeedFormat, string>): string {
  const rows = entries.map((entry) => {
    const { story } = entry;
    const others = otherCopies(entry);
    const title = isAbsoluteHttp(story.url)
      ? `<a href="${escapeHtml(story.url)}">${escapeHtml(story.title)}</a>`
      : escapeHtml(story.title);
    return [
      `<li id="story-${escapeHtml(story.storyId)}">`,
      `<h2>${title}</h2>`,
      `<p class="meta">${escapeHtml(story.outletName)} · <time datetime="${escapeHtml(story.published)}">${escapeHtml(story.published.slice(0, 16).replace('T', ' '))} UTC</time></p>`,
      story.summary ? `<p>${escapeHtml(story.summary)}</p>` : '',
      others.length > 0 ? `<p class="also">Also carried by: ${others.map(copyLink).join(', ')}</p>` : '',
      '</li>',
    ].filter(Boolean).join('\n');
  });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(meta.title)}</title>
<link rel="alternate" type="application/rss+xml" title="${escapeHtml(meta.title)} (RSS)" href="${escapeHtml(urls.rss)}">
<link rel="alternate" type="application/atom+xml" title="${escapeHtml(meta.title)} (Atom)" href="${escapeHtml(urls.atom)}">
<link rel="alternate" type="application/feed+json" title="${escapeHtml(meta.title)} (JSON Feed)" href="${escapeHtml(urls.json)}">
<style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5}ol{padding:0;list-style:none}li{border-bottom:1px solid #ddd;padding:.5rem 0}h2{font-size:1.1rem;margin:.2rem 0}.meta,.also{color:#555;font-size:.9rem;margin:.2rem 0}</style>
</head>
<body>
<h1>${escapeHtml(meta.title)}</h1>
<p>${escapeHtml(meta.description)} Subscribe: <a href="${escapeHtml(urls.rss)}">RSS</a> · <a href="${escapeHtml(urls.atom)}">Atom</a> · <a href="${escapeHtml(urls.json)}">JSON Feed</a></p>
<ol>
${rows.join('\n')}
</ol>
</body>
</html>
`;
}

function latestChange(entries: readonly FeedEntry[]): Date {
  let latest = '1970-01-01T00:00:00.000Z';
  for (const entry of entries) {
    for (const c of entry.copies) if (c.firstSeen > latest) latest = c.firstSeen;
    if (entry.story.firstSeen > latest) latest = entry.story.firstSeen;
  }
  return new Date(latest);
}

function isAbsoluteHttp(url: string): boolean {
  return /^https?:\/\/[^\s]+$/i.test(url);
}

function absoluteOr(url: string, fallback: string): string {
  return isAbsoluteHttp(url) ? url : fallback;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
