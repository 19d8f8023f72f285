/**
 * Feed document → `FeedItem`s: RSS 0.9x/1.0/2.0 and Atom 1.0 with rss-parser, JSON Feed 1.0/1.1 as JSON.
 *
 * rss-parser reads a string, so bytes are decoded first (charset.ts). Its XML parser does not expand
 * external entities. Anything that is not a feed — an HTML error page, JSON, truncated XML — is a
 * `FeedParseError`, never an empty success.
 */
import Parser from 'rss-parser';
import type { FeedItem } from '../core/model.ts';
import { decodeFeedBytes } from './charset.ts';
import { extractLines } from '../text/extract.ts';
import { displayText } from '../text/normalise.ts';
import { httpUrl } from '../text/links.ts';

export class FeedParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeedParseError';
  }
}

interface RawItem {
  title?: unknown;
  link?: unknown;
  guid?: unknown;
  id?: unknown;
  isoDate?: unknown;
  pubDate?: unknown;
  content?: unknown;
  summary?: unknown;
  'content:encoded'?: unknown;
  /** RSS 1.0 (RDF): the item's URI, its identity. */
  'rdf:about'?: unknown;
  enclosure?: unknown;
  /** Atom: the xml:base values in scope, outermost first. */
  'feedmerge:xmlBases'?: unknown;
  /** Atom: the xml:base of the entry's content (or summary) element itself. */
  'feedmerge:bodyBase'?: unknown;
  /** RSS: the <guid> element as parsed, its attributes included. */
  'feedmerge:rawGuid'?: unknown;
}

export interface ParsedFeed {
  readonly title?: string;
  readonly encoding: string;
  readonly items: FeedItem[];
}

/**
 * A parser per document: rss-parser reuses one xml2js parser, and one document with several XML errors
 * leaves it marked as failed — the next document's errors would then be silently ignored.
 */
/** rss-parser ignores xml:base: the feed's is handed to its entries before they are parsed. */
const XML_BASES = 'feedmerge:xmlBases';
const BODY_BASE = 'feedmerge:bodyBase';
const RAW_GUID = 'feedmerge:rawGuid';

function newParser() {
  const parser = new Parser<Record<string, unknown>, RawItem>({
    xml2js: { strict: true },
    // rss-parser keeps a <guid>'s text only; its isPermaLink attribute says whether it is also the link.
    customFields: { item: [['guid', RAW_GUID, { keepArray: true }]] },
  });
  /**
   * rss-parser turns Atom dates into ISO strings with `new Date(x).toISOString()`, which throws on a bad
   * date — and one bad `<published>` would lose the whole feed. Bad dates are dropped from the entry first:
   * the item then gets its fetch time as its date, like an RSS item without one.
   */
  type AtomEntry = Record<string, unknown> & { $?: Record<string, unknown> };
  const atom = parser as unknown as {
    parseItemAtom(entry: AtomEntry): Record<string, unknown>;
    buildAtomFeed(xml: { feed: AtomEntry & { entry?: AtomEntry[] } }): unknown;
  };
  const parseItemAtom = atom.parseItemAtom.bind(parser);
  atom.parseItemAtom = (entry: AtomEntry) => {
    const cleaned = { ...entry };
    for (const field of ['published', 'updated']) {
      const value = (cleaned[field] as unknown[] | undefined)?.[0];
      if (value !== undefined && (typeof value !== 'string' || Number.isNaN(Date.parse(value)))) delete cleaned[field];
    }
    const item = parseItemAtom(cleaned);
    // Relative links resolve against the feed's and the entry's xml:base, outermost first (RFC 4287 §2).
    const bases = [entry[XML_BASES], entry.$?.['xml:base']].flat().filter((b): b is string => typeof b === 'string');
    if (bases.length > 0) item[XML_BASES] = bases;
    const body = [entry.content, entry.summary].map((el) => (el as AtomEntry[] | undefined)?.[0]).find((el) => el !== undefined);
    const bodyBase = typeof body === 'object' ? body.$?.['xml:base'] : undefined;
    if (typeof bodyBase === 'string') item[BODY_BASE] = bodyBase;
    return item;
  };
  const buildAtomFeed = atom.buildAtomFeed.bind(parser);
  atom.buildAtomFeed = (xml) => {
    const feedBase = xml.feed.$?.['xml:base'];
    if (typeof feedBase === 'string') for (const entry of xml.feed.entry ?? []) entry[XML_BASES] = [feedBase];
    return buildAtomFeed(xml);
  };
  return parser;
}

/** Field caps: a hostile feed must not make a record exceed DynamoDB's 400 KB item limit. */
const MAX_TITLE_CHARS = 1_000;
const MAX_LINK_CHARS = 2_048;
const MAX_GUID_CHARS = 2_048;
/** An article body beyond this is cut: bounds the text work (and S3 object) one hostile item can cause. */
export const MAX_BODY_CHARS = 256 * 1024;

/**
 * `feedUrl` resolves relative item links (RSS allows none, but they occur); links that are not http(s)
 * after resolution (`javascript:`, `data:`) are dropped.
 */
export async function parseFeed(bytes: Uint8Array, contentType?: string, feedUrl?: string): Promise<ParsedFeed> {
  const { text, encoding } = decodeFeedBytes(bytes, contentType);
  // Links resolve against the feed's URL without its credentials: they must never reach a record.
  feedUrl = feedUrl === undefined ? undefined : withoutUserInfo(feedUrl);
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) return { ...parseJsonFeed(trimmed, feedUrl), encoding };
  if (!trimmed.startsWith('<')) throw new FeedParseError('neither XML nor JSON Feed (the document starts with neither "<" nor "{")');
  const depth = xmlDepth(trimmed, MAX_XML_DEPTH);
  if (depth > MAX_XML_DEPTH) throw new FeedParseError(`not a valid RSS/Atom feed: elements nested more than ${MAX_XML_DEPTH} deep`);
  let feed: Awaited<ReturnType<ReturnType<typeof newParser>['parseString']>>;
  try {
    feed = await newParser().parseString(withRssVersion(trimmed));
  } catch (err) {
    // The parser builds its tree recursively: nesting the depth scan misjudged still ends here, not in a crash.
    if (err instanceof RangeError) throw new FeedParseError('not a valid RSS/Atom feed: elements nested too deeply to read');
    throw new FeedParseError(`not a valid RSS/Atom feed: ${firstLine(err)}`);
  }
  const items = (feed.items ?? []).map((raw) => toFeedItem(raw, feedUrl));
  return { title: str(feed.title), encoding, items };
}

function toFeedItem(raw: RawItem, feedUrl: string | undefined): FeedItem {
  const encoded = str(raw['content:encoded']);
  const content = str(raw.content);
  const summary = str(raw.summary);
  // The richest body wins: full content, then Atom content / RSS description, then summary.
  const html = ([encoded, content, summary].find((body) => body && body.trim() !== '') ?? '').slice(0, MAX_BODY_CHARS);
  const published = str(raw.isoDate);
  const about = str(raw['rdf:about']);
  const bases = Array.isArray(raw[XML_BASES]) ? (raw[XML_BASES] as unknown[]) : [];
  const base = xmlBase(bases, feedUrl);
  const enclosure = raw.enclosure && typeof raw.enclosure === 'object' ? str((raw.enclosure as { url?: unknown }).url) : undefined;
  // An item whose only link is its permalink GUID, its RDF URI or its enclosure is still linked (as
  // feedparser reads them): an RSS 2.0 <guid> is a permalink unless isPermaLink="false".
  const permalink = isPermaLink(raw[RAW_GUID]) ? str(raw.guid) : undefined;
  const link = httpLink(str(raw.link), base) ?? httpLink(permalink, base) ?? httpLink(about, base) ?? httpLink(enclosure, base);
  const bodyBases = raw[BODY_BASE] === undefined ? bases : [...bases, raw[BODY_BASE]];
  return {
    title: plainTitle(str(raw.title) ?? '').slice(0, MAX_TITLE_CHARS),
    link,
    guid: (str(raw.guid) ?? str(raw.id) ?? about)?.trim().slice(0, MAX_GUID_CHARS) || undefined,
    published: published && !Number.isNaN(Date.parse(published)) ? published : undefined,
    html,
    ...optional('baseUrl', absoluteBase(bodyBases.length > 0 ? xmlBase(bodyBases, feedUrl) : (link ?? feedUrl))),
  };
}

function isPermaLink(guids: unknown): boolean {
  const guid: unknown = Array.isArray(guids) ? guids[0] : guids;
  const attr = guid && typeof guid === 'object' ? (guid as { $?: { isPermaLink?: unknown } }).$?.isPermaLink : undefined;
  return typeof attr !== 'string' || attr.trim().toLowerCase() !== 'false';
}

/**
 * RSS without a version (`<rss>`): feedparser reads it as RSS 2.0, rss-parser refuses it. The version
 * is added to the root element so that rss-parser reads it too.
 */
function withRssVersion(xml: string): string {
  const root = /<rss(?=[\s>/])([^>]*)>/.exec(xml);
  if (!root || /\sversion\s*=/.test(root[1]!)) return xml;
  // Only the document's root: nothing but the prolog, comments and instructions may come before it.
  if (!/^(?:\uFEFF)?\s*(?:<\?[\s\S]*?\?>\s*|<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*$/.test(xml.slice(0, root.index))) return xml;
  return `${xml.slice(0, root.index)}<rss version="2.0"${root[1]}>${xml.slice(root.index + root[0].length)}`;
}

/** A base for relative URLs must be absolute http(s); anything else is no base at all. */
function absoluteBase(url: string | undefined): string | undefined {
  return url === undefined ? undefined : httpUrl(url);
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function withoutUserInfo(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.href;
  } catch {
    return url;
  }
}

/** The base URL of an Atom entry: its xml:base values resolved in turn against the feed's URL. */
function xmlBase(bases: readonly unknown[], feedUrl: string | undefined): string | undefined {
  let base = feedUrl;
  for (const b of bases) {
    try {
      base = new URL(String(b), base).href;
    } catch {
      // An unusable xml:base is ignored, as if absent.
    }
  }
  return base;
}

/**
 * Feeds nest a few levels (rss > channel > item > field); markup inside a field is escaped or CDATA. Far
 * deeper nesting is an attack on the recursive tree builder (libxml2 stops at 256 by default too).
 */
const MAX_XML_DEPTH = 256;

/**
 * The deepest element nesting of an XML document, scanning tags linearly (comments, CDATA, processing
 * instructions and the doctype skipped); stops early once `limit` is passed.
 */
export function xmlDepth(xml: string, limit = Infinity): number {
  let depth = 0;
  let deepest = 0;
  let i = xml.indexOf('<');
  while (i !== -1 && deepest <= limit) {
    let end: number;
    if (xml.startsWith('<!--', i)) end = endOf(xml, '-->', i);
    else if (xml.startsWith('<![CDATA[', i)) end = endOf(xml, ']]>', i);
    else if (xml.startsWith('<?', i)) end = endOf(xml, '?>', i);
    else if (xml.startsWith('<!', i)) end = endOf(xml, xml.indexOf('[', i) !== -1 && xml.indexOf('[', i) < xml.indexOf('>', i) ? ']>' : '>', i);
    else {
      end = endOf(xml, '>', i);
      if (xml[i + 1] === '/') depth = Math.max(0, depth - 1);
      else if (xml[end - 2] !== '/') deepest = Math.max(deepest, ++depth);
    }
    i = xml.indexOf('<', end);
  }
  return deepest;
}

function endOf(xml: string, marker: string, from: number): number {
  const at = xml.indexOf(marker, from + 1);
  return at === -1 ? xml.length : at + marker.length;
}

/** JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1): the same `FeedItem`s, the same caps. */
function parseJsonFeed(text: string, feedUrl: string | undefined): Omit<ParsedFeed, 'encoding'> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new FeedParseError(`not a valid JSON Feed: ${firstLine(err)}`);
  }
  const feed = doc as { version?: unknown; title?: unknown; items?: unknown };
  if (typeof feed !== 'object' || feed === null || typeof feed.version !== 'string' || !/^https?:\/\/jsonfeed\.org\/version\/1(\.1)?$/.test(feed.version)) {
    throw new FeedParseError('not a JSON Feed (no "version" of https://jsonfeed.org/version/1 or 1.1)');
  }
  if (!Array.isArray(feed.items)) throw new FeedParseError('not a valid JSON Feed: "items" is not an array');
  const items = feed.items
    .filter((raw): raw is Record<string, unknown> => typeof raw === 'object' && raw !== null)
    .map((raw): FeedItem => {
      const html = str(raw.content_html) ?? (str(raw.content_text) !== undefined ? escapeText(str(raw.content_text)!) : undefined) ?? escapeText(str(raw.summary) ?? '');
      const date = str(raw.date_published) ?? str(raw.date_modified);
      const attachment = Array.isArray(raw.attachments) && typeof raw.attachments[0] === 'object' ? str((raw.attachments[0] as { url?: unknown }).url) : undefined;
      const link = httpLink(str(raw.url), feedUrl) ?? httpLink(str(raw.external_url), feedUrl) ?? httpLink(attachment, feedUrl);
      return {
        title: plainTitle(str(raw.title) ?? '').slice(0, MAX_TITLE_CHARS),
        link,
        guid: str(raw.id)?.trim().slice(0, MAX_GUID_CHARS) || undefined,
        published: date && !Number.isNaN(Date.parse(date)) ? new Date(Date.parse(date)).toISOString() : undefined,
        html: html.slice(0, MAX_BODY_CHARS),
        ...optional('baseUrl', absoluteBase(link ?? feedUrl)),
      };
    });
  return { title: str(feed.title), items };
}

/** Plain text as HTML that says the same (its line breaks kept). */
function escapeText(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'))
    .join('<br>');
}

/** Titles are text, but feeds put markup and HTML entities in them (`Tom &amp;amp; Jerry`, `<b>`). */
function plainTitle(raw: string): string {
  if (!/[<&]/.test(raw)) return displayText(raw);
  return extractLines(raw.replace(/\r?\n/g, ' '))
    .map((line) => line.text)
    .join(' ');
}

/** An absolute link is kept exactly as published; a relative one is resolved against the feed's URL. */
function httpLink(raw: string | undefined, feedUrl: string | undefined): string | undefined {
  const link = raw?.trim();
  if (!link || link.length > MAX_LINK_CHARS) return undefined;
  try {
    const resolved = new URL(link, feedUrl);
    if (resolved.protocol !== 'http:' && resolved.protocol !== 'https:') return undefined;
    return /^https?:\/\//i.test(link) ? link : resolved.href;
  } catch {
    return undefined;
  }
}

/** rss-parser leaves odd shapes (objects for attributed elements) where a string was expected. */
function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (value && typeof value === 'object' && '_' in value && typeof (value as { _: unknown })._ === 'string') {
    return (value as { _: string })._;
  }
  return undefined;
}

function firstLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split('\n')[0]!.slice(0, 200);
}
