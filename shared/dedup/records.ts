/**
 * The records an ingested copy becomes: pure builders, no I/O. `ingest.ts` decides, `write.ts` writes
 * these.
 */
import type { CanonicalContent, CopyRecord, FeedItem, ItemFingerprint, ItemRecord, MatchKind, Outlet, StoryPointer, StoryRecord } from '../core/model.ts';
import type { CanonicalCandidate, OriginCandidate } from '../core/ports.ts';
import { copyKeyOf } from '../core/schema.ts';
import { sha256, storyIdFor } from './fingerprint.ts';
import { richBody } from '../text/rich.ts';
import type { IdentifiedItem } from './identity.ts';
import { keysOf, type TextKeys } from './keys.ts';
import type { TextProfile } from './similarity.ts';

const SUMMARY_CHARS = 200;
/** Item dates further in the future than this are not believed (clock skew allowed). */
const FUTURE_TOLERANCE_MS = 24 * 3600 * 1000;

/** One new or changed item, with everything the decision and the writes need. */
export interface PreparedItem {
  readonly outlet: Outlet;
  readonly it: IdentifiedItem;
  readonly fp: ItemFingerprint;
  /** ISO 8601: the item's date, or the ingest time. */
  readonly published: string;
  readonly profile: TextProfile;
  readonly keys: TextKeys;
}

/** An identified item with its fingerprint, ready to decide (a text too short to found a story on is still evidence: it is read). */
export function prepareItem(outlet: Outlet, it: IdentifiedItem, fp: ItemFingerprint, now: Date): PreparedItem {
  return {
    outlet,
    it,
    fp,
    published: publicationDate(it.item, now),
    profile: { tokens: fp.words, headline: fp.headline },
    keys: keysOf(fp.words, fp.headline),
  };
}

export function publicationDate(item: FeedItem, now: Date): string {
  const parsed = item.published ? Date.parse(item.published) : Number.NaN;
  if (Number.isNaN(parsed) || parsed > now.getTime() + FUTURE_TOLERANCE_MS) return now.toISOString();
  return new Date(parsed).toISOString();
}

export function copyKey(p: PreparedItem): string {
  return copyKeyOf(p.outlet.id, p.it.itemKey);
}

/** The id of the story a copy founds: its own (retries propose it again; copies of one story never collide). */
export function foundedStoryId(p: PreparedItem): string {
  return storyIdFor(sha256(`story\u0000${copyKey(p)}`));
}

export function wordsOf(p: PreparedItem): number {
  return p.fp.basis === 'body' ? p.fp.wordCount : 0;
}

export function copyOf(p: PreparedItem, storyId: string, match: MatchKind, score: number, nowIso: string, evidence?: string): CopyRecord {
  return {
    storyId,
    outletId: p.outlet.id,
    outletName: p.outlet.name,
    itemKey: p.it.itemKey,
    url: p.it.item.link ?? '',
    guid: p.it.item.guid ?? '',
    title: p.it.item.title,
    published: p.published,
    firstSeen: nowIso,
    match,
    score,
    contentHash: p.fp.contentHash,
    evidence: evidence ?? (match === 'first' ? 'founded the story' : ''),
    displayTitle: p.fp.displayTitle,
  };
}

function titleOf(p: PreparedItem): string {
  return p.it.item.title || p.fp.paragraphs.join(' ').slice(0, 80) || '(untitled)';
}

function leadOf(p: PreparedItem): string {
  const text = p.fp.paragraphs.join(' ');
  return text.length > SUMMARY_CHARS ? `${text.slice(0, SUMMARY_CHARS).replace(/\s+\S*$/, '')}…` : text;
}

export function originOf(p: PreparedItem): OriginCandidate {
  return {
    title: titleOf(p),
    url: p.it.item.link ?? '',
    outletId: p.outlet.id,
    outletName: p.outlet.name,
    published: p.published,
    originCopy: copyKey(p),
  };
}

/**
 * Whether `a` should be the story's origin rather than `b`: the earlier date, and on the same date the
 * smaller copy key. A total order, so the origin (who published first, for readers and analysts) does not
 * depend on which copy arrived first when two carry the same minute.
 */
export function precedes(a: Pick<OriginCandidate, 'published' | 'originCopy'>, b: Pick<OriginCandidate, 'published' | 'originCopy'>): boolean {
  return a.published < b.published || (a.published === b.published && a.originCopy < b.originCopy);
}

/**
 * Whether `a` should be the story's canonical text rather than `b`: more words, and on the same count a
 * different text with the smaller copy key (again independent of arrival order). The same text is never
 * swapped for itself: that would rewrite the story for nothing.
 */
export function isFuller(a: CanonicalCandidate, b: CanonicalCandidate): boolean {
  if (a.words !== b.words) return a.words > b.words;
  return a.canonicalHash !== b.canonicalHash && a.canonicalCopy < b.canonicalCopy;
}

export function canonicalOf(p: PreparedItem): CanonicalCandidate {
  return { canonicalHash: p.fp.contentHash, canonicalCopy: copyKey(p), words: wordsOf(p), summary: leadOf(p) };
}

/** A story's origin and canonical text, as candidates for another story it is merged into. */
export function originOfStory(s: StoryRecord): OriginCandidate {
  return { title: s.title, url: s.url, outletId: s.outletId, outletName: s.outletName, published: s.published, originCopy: s.originCopy };
}

export function canonicalOfStory(s: StoryRecord): CanonicalCandidate {
  return { canonicalHash: s.canonicalHash, canonicalCopy: s.canonicalCopy, words: s.words, summary: s.summary };
}

export function storyRecordOf(p: PreparedItem, storyId: string, nowIso: string): StoryRecord {
  return {
    storyId,
    ...originOf(p),
    ...canonicalOf(p),
    firstSeen: nowIso,
    headline: p.fp.headline.join(' '),
  };
}

export function pointerOf(p: PreparedItem, storyId: string, founder?: string): StoryPointer {
  return { storyId, published: p.published, words: wordsOf(p), canonicalHash: p.fp.contentHash, ...(founder ? { founder } : {}) };
}

export function contentOf(p: PreparedItem): CanonicalContent {
  const html = p.fp.basis === 'body' ? richBody(p.it.item.html, p.it.item.baseUrl, p.fp.paragraphs) : undefined;
  return {
    contentHash: p.fp.contentHash,
    basis: p.fp.basis,
    title: p.it.item.title,
    url: p.it.item.link ?? '',
    outletId: p.outlet.id,
    paragraphs: p.fp.paragraphs,
    removed: p.fp.removed,
    headline: p.fp.headline.join(' '),
    ...(html ? { html } : {}),
  };
}

export function itemRecordOf(p: PreparedItem, storyId: string): ItemRecord {
  return {
    outletId: p.outlet.id,
    itemKey: p.it.itemKey,
    storyId,
    rawHash: p.it.rawHash,
    contentHash: p.fp.contentHash,
    url: p.it.item.link?.trim() ?? '',
    published: p.published,
  };
}
