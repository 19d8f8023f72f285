/**
 * The merged feed: RSS 2.0, Atom 1.0 and JSON Feed 1.1 (with the `feed` package), plus a plain HTML page.
 *
 * One item per story. Its id is the story id (`<guid isPermaLink="false">`), its link and date those of
 * the origin (the earliest-published copy), whose outlet is credited (RSS `<source>`, Atom and JSON
 * authors, and "first published by … at …" in the text); its headline the one its copies agree on,
 * without any outlet's decoration (`displayHeadline`); its text the story's canonical (fullest) text with
 * its structure, links and images (built by `shared/text/rich.ts`, then through an allowlist sanitizer:
 * only those elements, only absolute http(s) URLs); the other outlets that carried it are listed with
 * how long after the origin each did. Links shown lose their tracking parameters (`cleanLink`); the
 * records keep them as published.
 *
 * Rendering is deterministic: the same stories give the same bytes (the build date is the latest
 * change among the stories), so the publisher can skip unchanged writes.
 */
import { Feed, type Item } from 'feed';
import sanitizeHtml from 'sanitize-html';
import type { CopyRecord, StoryWithCopies } from '../core/model.ts';
import type { FeedFormat } from '../core/schema.ts';
import { BUCKET } from '../core/schema.ts';
import { displayHeadline } from '../text/headline.ts';
import { cleanLink } from '../text/links.ts';
import { withoutControls } from '../text/normalise.ts';
import { escapeHtml } from '../text/extract.ts';

export { escapeHtml };

export interface FeedEntry extends StoryWithCopies {
  /** The canonical copy's paragraphs (from S3); the story summary is used when absent. */
  readonly paragraphs?: readonly string[];
  /** The canonical copy's rich body (`CanonicalContent.html`); the paragraphs are shown when absent. */
  readonly html?: string;
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
  const headlines = new Map(entries.map((entry) => [entry, headlineOf(entry)] as const));
  for (const entry of entries) {
    const base = baseItem(entry, meta, headlines.get(entry)!);
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
    json.addItem({ ...base, description: entry.story.summary || base.title, author: [{ name: entry.story.outletName }] });
  }
  return { rss: rss.rss2(), atom: atom.atom1(), json: toJsonFeed11(json.json1(), entries), html: renderHtml(entries, meta, urls, updated, headlines) };
}

const MAX_HEADLINE_CANDIDATES = 40;

/** The headline a story is shown under: the one its copies agree on, decoration removed (records keep the origin's). */
export function headlineOf(entry: FeedEntry): string {
  // The earliest copies: comparing every pair of a story's copies grows with their square.
  const copies = [...entry.copies].sort((a, b) => a.published.localeCompare(b.published)).slice(0, MAX_HEADLINE_CANDIDATES);
  const candidates = copies.length > 0 ? copies.map((c) => ({ title: c.title, outletName: c.outletName, ...(c.displayTitle !== undefined ? { cleaned: c.displayTitle } : {}) })) : [{ title: entry.story.title, outletName: entry.story.outletName }];
  return displayHeadline(candidates, entry.paragraphs ?? [entry.story.summary]) || entry.story.title;
}

function baseItem(entry: FeedEntry, meta: FeedMeta, title: string): Item {
  const { story } = entry;
  const date = new Date(story.published);
  return {
    title,
    id: storyGuid(story.storyId),
    guid: storyGuid(story.storyId),
    link: absoluteOr(cleanLink(story.url), `${meta.baseUrl}#story-${story.storyId}`),
    date,
    published: date,
    description: escapeHtml(story.summary || title),
    content: contentHtml(entry),
  };
}

/** What readers may see of a stored body: these elements, these attributes, absolute http(s) URLs only. */
const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'h3', 'ul', 'ol', 'li', 'blockquote', 'pre', 'a', 'em', 'strong', 'code', 'img'],
  allowedAttributes: { a: ['href'], img: ['src', 'alt'] },
  allowedSchemes: ['http', 'https'],
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    // A link's target without trackers; a relative one (no base to resolve it) loses its href, keeps its text.
    a: (tagName, attribs): sanitizeHtml.Tag => {
      const href = attribs.href ?? '';
      return { tagName, attribs: isAbsoluteHttp(href) ? { href: cleanLink(href) } : {} };
    },
  },
  // An image without an absolute source shows nothing: dropped.
  exclusiveFilter: (frame) => frame.tag === 'img' && !isAbsoluteHttp(frame.attribs.src ?? ''),
};

/** A stored rich body, as readers may see it. */
export function safeBody(html: string): string {
  return sanitizeHtml(withoutControls(html), SANITIZE);
}

function contentHtml(entry: FeedEntry): string {
  const paragraphs = entry.paragraphs && entry.paragraphs.length > 0 ? entry.paragraphs : [entry.story.summary];
  const rich = entry.html ? safeBody(entry.html) : '';
  const body = rich ? [rich] : paragraphs.filter((p) => p).map((p) => `<p>${escapeHtml(p)}</p>`);
  const { story } = entry;
  body.push(`<p>First published by ${outletLink(story.outletName, story.url)} at ${escapeHtml(utcMinute(story.published))}.</p>`);
  const others = otherCopies(entry);
  if (others.length > 0) body.push(`<p>Also carried by: ${others.map((c) => `${copyLink(c)} (${delayText(story.published, c.published)})`).join(', ')}.</p>`);
  // Links and names come from outlets as published: nothing XML cannot carry reaches the document.
  return withoutControls(body.join('\n'));
}

/** `2026-11-21 06:00 UTC`. */
export function utcMinute(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : `${new Date(t).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** How long after the origin a copy came: `+2 h 10 min`, `+1 d 3 h`, `+45 min`, `at the same time`. */
export function delayText(originIso: string, copyIso: string): string {
  const minutes = Math.round((Date.parse(copyIso) - Date.parse(originIso)) / 60_000);
  if (!Number.isFinite(minutes) || minutes <= 0) return 'at the same time';
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return `+${days} d${hours > 0 ? ` ${hours} h` : ''}`;
  if (hours > 0) return `+${hours} h${mins > 0 ? ` ${mins} min` : ''}`;
  return `+${mins} min`;
}

function outletLink(name: string, url: string): string {
  const link = cleanLink(url);
  return isAbsoluteHttp(link) ? `<a href="${escapeHtml(link)}">${escapeHtml(name)}</a>` : escapeHtml(name);
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
  return outletLink(copy.outletName, copy.url);
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
            outlet_name: entry.story.outletName,
            first_published: entry.story.published,
            copies: entry.copies.map((c) => ({
              outlet: c.outletId,
              outlet_name: c.outletName,
              url: cleanLink(c.url),
              published: c.published,
              delay_seconds: Math.max(0, Math.round((Date.parse(c.published) - Date.parse(entry.story.published)) / 1000)) || 0,
              match: c.match,
            })),
          }
        : undefined,
    };
  });
  return `${JSON.stringify({ ...rest, version: 'https://jsonfeed.org/version/1.1', language: 'en', authors: author ? [author] : undefined, items }, null, 2)}\n`;
}

function renderHtml(entries: readonly FeedEntry[], meta: FeedMeta, urls: Record<FeedFormat, string>, updated: Date, headlines: ReadonlyMap<FeedEntry, string>): string {
  const rows = entries.map((entry) => {
    const { story } = entry;
    const others = otherCopies(entry);
    const headline = headlines.get(entry) ?? headlineOf(entry);
    const link = cleanLink(story.url);
    const title = isAbsoluteHttp(link) ? `<a href="${escapeHtml(link)}">${escapeHtml(headline)}</a>` : escapeHtml(headline);
    const also = others.map(
      (c) => `<span class="carrier">${copyLink(c)} <span class="delay">${escapeHtml(delayText(story.published, c.published))}</span></span>`,
    );
    return [
      `<li id="story-${escapeHtml(story.storyId)}">`,
      `<h2>${title}</h2>`,
      `<p class="meta">First published by <strong>${escapeHtml(story.outletName)}</strong> at <time datetime="${escapeHtml(story.published)}">${escapeHtml(utcMinute(story.published))}</time></p>`,
      story.summary ? `<p>${escapeHtml(story.summary)}</p>` : '',
      also.length > 0 ? `<p class="also">Also carried by: ${also.join(', ')}</p>` : '',
      '</li>',
    ].filter(Boolean).join('\n');
  });
  const updatedIso = updated.toISOString();
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(meta.title)}</title>
<link rel="alternate" type="application/rss+xml" title="${escapeHtml(meta.title)} (RSS)" href="${escapeHtml(urls.rss)}">
<link rel="alternate" type="application/atom+xml" title="${escapeHtml(meta.title)} (Atom)" href="${escapeHtml(urls.atom)}">
<link rel="alternate" type="application/feed+json" title="${escapeHtml(meta.title)} (JSON Feed)" href="${escapeHtml(urls.json)}">
<style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5;overflow-wrap:anywhere}ol{padding:0;list-style:none}li{border-bottom:1px solid #ddd;padding:.5rem 0}h2{font-size:1.1rem;margin:.2rem 0}.meta,.also,.updated{color:#555;font-size:.9rem;margin:.2rem 0}.meta strong{color:#222}.carrier,time{white-space:nowrap}.delay{color:#777}</style>
</head>
<body>
<h1>${escapeHtml(meta.title)}</h1>
<p>${escapeHtml(meta.description)} Subscribe: <a href="${escapeHtml(urls.rss)}">RSS</a> · <a href="${escapeHtml(urls.atom)}">Atom</a> · <a href="${escapeHtml(urls.json)}">JSON Feed</a></p>
<p class="updated">Updated <time datetime="${escapeHtml(updatedIso)}">${escapeHtml(utcMinute(updatedIso))}</time></p>
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

