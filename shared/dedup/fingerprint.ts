/**
 * Fingerprints: stable identities and content hashes for feed items.
 *
 * - `identity`: who the item is within its outlet — the GUID if the feed gives a unique one, else the
 *   link, else a hash of what it carries. Keyed per outlet: GUIDs are only unique within a feed.
 * - `rawHash`: the item exactly as published; an unchanged `rawHash` means "already seen, skip".
 * - `contentHash`: SHA-256 of the article's comparison tokens (see normalise.ts) after boilerplate
 *   removal (and, for bodies under `SHORT_TEXT_WORDS`, of the headline). Copies whose bodies hash the same
 *   are one story. A body shorter than `MIN_BODY_WORDS` (a headline-only item, a teaser) is no ground for
 *   an exact match: such an item's hash is its own identity's, so two standard teasers never match on a
 *   coincidence. Its words and headline are still evidence for the merge decision (decide.ts).
 */
import { hash } from 'node:crypto';
import type { FeedItem, ItemFingerprint } from '../core/model.ts';
import { extractLines, type TextLine } from '../text/extract.ts';
import { analyseLine, recurringEdges, recurringShapes, stripBoilerplate, type BoilerplateContext } from '../text/boilerplate.ts';
import { lineKey } from '../text/normalise.ts';
import { contentWords, headlineDecorations, stripDecoration } from '../text/headline.ts';
import { SHORT_TEXT_WORDS } from './similarity.ts';
import type { IdentifiedItem } from './identity.ts';

export const MIN_BODY_WORDS = 15;
/** Bumped when normalisation changes so that old and new hashes never collide by accident. */
const CONTENT_HASH_VERSION = 'v2';

export function sha256(text: string): string {
  return hash('sha256', text, 'hex');
}

/** A story id from a hash (of the founding copy's identity: see dedup/records.ts `foundedStoryId`). */
export function storyIdFor(hash: string): string {
  return hash.slice(0, 24);
}

export function itemKeyOf(identity: string): string {
  return sha256(identity).slice(0, 32);
}

export function rawHashOf(item: FeedItem): string {
  return sha256(['raw1', item.title, item.link ?? '', item.published ?? '', item.html].join('\u0000'));
}

export function fingerprint(
  outletId: string,
  identity: string,
  item: FeedItem,
  lines: readonly TextLine[],
  ctx: BoilerplateContext & { readonly decorations?: ReadonlySet<string> },
  /** The item's key and raw hash, when identifying it computed them already (hashing 5 KB twice is waste). */
  known?: Pick<IdentifiedItem, 'itemKey' | 'rawHash'>,
): ItemFingerprint {
  const { kept, keptWords: words, removed } = stripBoilerplate(lines, ctx);
  const basis = words.length >= MIN_BODY_WORDS ? 'body' : 'item';
  const displayTitle = stripDecoration(item.title, { outletName: ctx.outletName, decorations: ctx.decorations ?? ctx.recurring });
  const headline = contentWords(displayTitle);
  // A short body (a lede, a standard teaser) is hashed with its headline: the same teaser under another
  // headline is another story.
  const short = words.length < SHORT_TEXT_WORDS ? `\u0000${headline.join(' ')}` : '';
  const contentHash =
    basis === 'body'
      ? sha256(`${CONTENT_HASH_VERSION}\u0000${words.join(' ')}${short}`)
      : sha256(`${CONTENT_HASH_VERSION}-item\u0000${outletId}\u0000${identity}`);
  return {
    identity,
    itemKey: known?.itemKey ?? itemKeyOf(identity),
    rawHash: known?.rawHash ?? rawHashOf(item),
    contentHash,
    basis,
    paragraphs: kept,
    removed,
    words,
    wordCount: words.length,
    headline,
    displayTitle,
  };
}

/**
 * Fingerprints the `wanted` items of one outlet's feed document. The whole document is the context:
 * its other titles and its recurring lines are what tell this outlet's boilerplate apart.
 */
export interface FeedFingerprints {
  readonly fingerprints: Map<string, ItemFingerprint>;
  /** Shape ids recurring in this document that were not learned before: worth remembering. */
  readonly newBoilerplate: string[];
}

export function fingerprintFeed(
  outlet: { readonly id: string; readonly name: string },
  all: readonly IdentifiedItem[],
  wanted: readonly IdentifiedItem[],
  learned: ReadonlySet<string> = new Set(),
): FeedFingerprints {
  const linesByKey = new Map(all.map((it) => [it.itemKey, extractLines(it.item.html).map(analyseLine)] as const));
  // Line shapes and headline decorations that recur in this document; with what was learned before, one
  // set of ids (the namespaces cannot collide: decoration ids hash a prefixed string).
  const documentLines = [...linesByKey.values()];
  const inDocument = new Set([
    ...recurringShapes(documentLines),
    ...recurringEdges(documentLines),
    ...headlineDecorations(all.map((it) => it.item.title)),
  ]);
  const recurring = new Set([...learned, ...inDocument]);
  // Holds the item's own title too: `stripBoilerplate` tests for the own title first.
  const otherTitles = new Set(all.map((it) => lineKey(it.item.title)).filter((key) => key !== ''));
  const out = new Map<string, ItemFingerprint>();
  for (const it of wanted) {
    const lines = linesByKey.get(it.itemKey) ?? extractLines(it.item.html);
    out.set(it.itemKey, fingerprint(outlet.id, it.identity, it.item, lines, { title: it.item.title, otherTitles, recurring, outletName: outlet.name }, it));
  }
  return { fingerprints: out, newBoilerplate: [...inDocument].filter((id) => !learned.has(id)) };
}
