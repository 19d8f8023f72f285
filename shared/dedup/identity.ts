/**
 * Which item of an outlet's feed is which, from one cycle to the next.
 *
 * An item's identity is its GUID (RSS `guid`, Atom `id`, RSS 1.0 `rdf:about`, JSON Feed `id`), else its
 * link, else a hash of its text. Broken feeds give one GUID to different items. The policy:
 *
 * - **One identity per GUID.** Of the items that share a GUID, one keeps the plain GUID identity: the one
 *   whose link is the link recorded for that GUID before, else the first in the document. Each other
 *   one is told apart by its link (`guid:G` + link, or its text when it has no link). So two different
 *   items are two ids, and a later cycle where only one of them is listed, or where they come in
 *   another order, gives each the id it had — never a third entry.
 * - **The same item listed twice** (same GUID, same link) is one item: its first listing is kept.
 * - A lone item whose link differs from the one recorded for its GUID is the same item with an edited
 *   link — unless it was told apart before (its own link-qualified record exists).
 *
 * Deciding needs what the store knows: `identityClaims` names the records to read, `settleIdentities`
 * decides (a pure function), and `needsQualifiedLookup` names the few second reads a decision may need.
 */
import type { FeedItem, ItemRecord } from '../core/model.ts';
import { itemKeyOf, rawHashOf, sha256 } from './fingerprint.ts';

/** One distinct item of a document and the identities it may have. */
export interface IdentityClaim {
  readonly item: FeedItem;
  /** The GUID identity (`guid:…`), or for an item without GUID its only identity (`link:…`/`hash:…`). */
  readonly plain: string;
  /** With a GUID: the identity it has when another item holds the plain one. */
  readonly qualified?: string;
  /** The trimmed GUID, when there is one. */
  readonly guid?: string;
}

/** An item with its settled identity, ready for the "already seen?" check. */
export interface IdentifiedItem {
  readonly item: FeedItem;
  readonly identity: string;
  readonly itemKey: string;
  readonly rawHash: string;
}

/** What the store holds under item keys (plain and qualified alike). */
export type KnownItems = ReadonlyMap<string, Pick<ItemRecord, 'url'>>;

/** The distinct items of a document (a repeated listing dropped), each with its possible identities. */
export function identityClaims(items: readonly FeedItem[]): IdentityClaim[] {
  const seen = new Set<string>();
  const out: IdentityClaim[] = [];
  for (const item of items) {
    const guid = item.guid?.trim() || undefined;
    const claim: IdentityClaim = guid
      ? { item, guid, plain: `guid:${guid}`, qualified: `guid:${guid}\u0000${variantOf(item)}` }
      : { item, plain: withoutGuid(item) };
    const distinct = claim.qualified ?? claim.plain;
    if (seen.has(distinct)) continue;
    seen.add(distinct);
    out.push(claim);
  }
  return out;
}

/** The GUIDs more than one item of this document carries. */
export function sharedGuids(claims: readonly IdentityClaim[]): Set<string> {
  return new Set([...byGuid(claims)].filter(([, group]) => group.length > 1).map(([guid]) => guid));
}

/** Keys to read first: every claim's plain identity. */
export function plainKeys(claims: readonly IdentityClaim[]): string[] {
  return claims.map((c) => itemKeyOf(c.plain));
}

/**
 * Keys to read second, given the first read: the qualified identities of items that share a GUID in
 * this document, and of lone GUID items whose link is not the one recorded (an edited link, or the
 * other item of a GUID shared before?). Usually none.
 */
export function needsQualifiedLookup(claims: readonly IdentityClaim[], known: KnownItems): string[] {
  const groups = byGuid(claims);
  const out: string[] = [];
  for (const group of groups.values()) {
    const recorded = known.get(itemKeyOf(group[0]!.plain));
    if (group.length > 1) out.push(...group.map((c) => itemKeyOf(c.qualified!)));
    else if (recorded?.url && recorded.url !== linkOf(group[0]!.item)) out.push(itemKeyOf(group[0]!.qualified!));
  }
  return out;
}

/** Settles each claim's identity (see the policy above); the result is in document order. */
export function settleIdentities(claims: readonly IdentityClaim[], known: KnownItems): IdentifiedItem[] {
  const holder = new Map<string, IdentityClaim | undefined>();
  for (const [guid, group] of byGuid(claims)) holder.set(guid, plainHolder(group, known));
  return claims.map((c) => {
    const identity = c.guid === undefined || holder.get(c.guid) === c ? c.plain : c.qualified!;
    return { item: c.item, identity, itemKey: itemKeyOf(identity), rawHash: rawHashOf(c.item) };
  });
}

/** Which of the items sharing one GUID keeps the plain identity (none: all are told apart by links). */
function plainHolder(group: readonly IdentityClaim[], known: KnownItems): IdentityClaim | undefined {
  const recorded = known.get(itemKeyOf(group[0]!.plain));
  // Nothing recorded, or recorded before links were: the first in the document.
  if (!recorded?.url) return group[0];
  const sameLink = group.find((c) => linkOf(c.item) === recorded.url);
  if (sameLink) return sameLink;
  if (group.length > 1) return undefined;
  // A lone item under another link: its link was edited, unless it was told apart before.
  return known.has(itemKeyOf(group[0]!.qualified!)) ? undefined : group[0];
}

function byGuid(claims: readonly IdentityClaim[]): Map<string, IdentityClaim[]> {
  const groups = new Map<string, IdentityClaim[]>();
  for (const c of claims) {
    if (c.guid === undefined) continue;
    const group = groups.get(c.guid) ?? [];
    group.push(c);
    groups.set(c.guid, group);
  }
  return groups;
}

function linkOf(item: FeedItem): string {
  return item.link?.trim() ?? '';
}

/** What tells apart items that share a GUID: the link, else the title and text. */
function variantOf(item: FeedItem): string {
  const link = linkOf(item);
  return link ? `link:${link}` : `hash:${sha256([item.title, item.html].join('\u0000')).slice(0, 32)}`;
}

/** The identity of an item without GUID: its link, else a hash of what it says. */
function withoutGuid(item: FeedItem): string {
  const link = linkOf(item);
  if (link) return `link:${link}`;
  return `hash:${sha256([item.title, item.published ?? '', item.html].join('\u0000')).slice(0, 32)}`;
}

/** The identities of a document read on its own (nothing recorded yet): its first cycle. */
export function identifyDocument(items: readonly FeedItem[]): IdentifiedItem[] {
  return settleIdentities(identityClaims(items), new Map());
}
