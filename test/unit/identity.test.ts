import { describe, expect, it } from 'vitest';
import type { FeedItem } from '../../shared/core/model.ts';
import { itemKeyOf, rawHashOf } from '../../shared/dedup/fingerprint.ts';
import {
  identifyDocument,
  identityClaims,
  needsQualifiedLookup,
  plainKeys,
  settleIdentities,
  type IdentifiedItem,
  type KnownItems,
} from '../../shared/dedup/identity.ts';

const base: FeedItem = { title: 'T', html: '<p>x</p>' };
const ids = (items: readonly IdentifiedItem[]) => items.map((it) => it.identity);

/**
 * One cycle as ingest runs it, against a store that is a map of item key → recorded link: the plain
 * keys, then the qualified keys asked for, then the decision; what was decided is recorded.
 */
function cycle(store: Map<string, { url: string }>, items: readonly FeedItem[]): { identities: string[]; reads: number; unseen: number } {
  const claims = identityClaims(items);
  const known = new Map<string, { url: string }>();
  let reads = 0;
  const read = (keys: readonly string[]) => {
    reads += keys.length;
    for (const k of keys) if (store.has(k)) known.set(k, store.get(k)!);
  };
  read(plainKeys(claims));
  read(needsQualifiedLookup(claims, known as KnownItems));
  const settled = settleIdentities(claims, known);
  // An item whose settled key was not read would be taken for a new one.
  const unseen = settled.filter((it) => !known.has(it.itemKey)).length;
  for (const it of settled) store.set(it.itemKey, { url: it.item.link?.trim() ?? '' });
  return { identities: ids(settled), reads, unseen };
}

describe('identity of one item', () => {
  it('prefers the GUID, trimmed', () => {
    expect(ids(identifyDocument([{ ...base, guid: '  g-1 ', link: 'https://x.example/1' }]))).toEqual(['guid:g-1']);
  });

  it('falls back to the link when there is no GUID, or a blank one', () => {
    expect(ids(identifyDocument([{ ...base, link: ' https://x.example/1 ' }]))).toEqual(['link:https://x.example/1']);
    expect(ids(identifyDocument([{ ...base, guid: '   ', link: 'https://x.example/1' }]))).toEqual(['link:https://x.example/1']);
  });

  it('falls back to a hash of what the item carries', () => {
    const one = (item: FeedItem) => identifyDocument([item])[0]!.identity;
    const a = one({ title: 'A', html: '<p>one</p>' });
    expect(a).toMatch(/^hash:[0-9a-f]{32}$/);
    expect(one({ title: 'A', html: '<p>one</p>' })).toBe(a);
    expect(one({ title: 'A', html: '<p>two</p>' })).not.toBe(a);
    expect(one({ title: 'B', html: '<p>one</p>' })).not.toBe(a);
    expect(one({ title: 'A', html: '<p>one</p>', published: '2024-01-01T00:00:00Z' })).not.toBe(a);
  });

  it('gives each item its itemKey and rawHash', () => {
    const item: FeedItem = { guid: 'g-1', title: 'T', html: '<p>x</p>' };
    const [it1] = identifyDocument([item]);
    expect(it1!.itemKey).toBe(itemKeyOf('guid:g-1'));
    expect(it1!.itemKey).toMatch(/^[0-9a-f]{32}$/);
    expect(it1!.rawHash).toBe(rawHashOf(item));
  });

  it('returns nothing for an empty feed', () => {
    expect(identifyDocument([])).toEqual([]);
  });
});

describe('items listed twice', () => {
  it('keeps the first of two listings of the same item (same GUID, same link)', () => {
    const first: FeedItem = { guid: 'g-1', link: 'https://x.example/1', title: 'First listing', html: '<p>a</p>' };
    const other: FeedItem = { guid: 'g-2', link: 'https://x.example/2', title: 'Other', html: '<p>b</p>' };
    const out = identifyDocument([first, other, { ...first, title: 'Second listing' }]);
    expect(ids(out)).toEqual(['guid:g-1', 'guid:g-2']);
    expect(out[0]!.item).toBe(first);
  });

  it('drops an item listed twice with the same link and no GUID', () => {
    const a: FeedItem = { link: 'https://x.example/1', title: 'A', html: '' };
    expect(identifyDocument([a, { ...a }])).toHaveLength(1);
  });
});

describe('one GUID, two different items', () => {
  const a: FeedItem = { ...base, guid: 'same', link: 'https://x.example/a' };
  const b: FeedItem = { ...base, guid: 'same', link: 'https://x.example/b' };

  it('gives the first the GUID identity and tells the other apart by its link', () => {
    const out = identifyDocument([a, b, { ...base, guid: 'unique', link: 'https://x.example/3' }]);
    expect(ids(out)).toEqual(['guid:same', 'guid:same\u0000link:https://x.example/b', 'guid:unique']);
    expect(new Set(out.map((it) => it.itemKey)).size).toBe(3);
  });

  it('tells apart two items without links by their text', () => {
    const items: FeedItem[] = [
      { title: 'Ferry cancelled', guid: 'same', html: '<p>The morning ferry is cancelled.</p>' },
      { title: 'Bridge closed', guid: 'same', html: '<p>The old bridge is closed for repairs.</p>' },
    ];
    expect(new Set(identifyDocument(items).map((it) => it.itemKey)).size).toBe(2);
  });

  it('keeps each item its id across cycles: reordered, one missing, both back — never a third id', () => {
    const store = new Map<string, { url: string }>();
    const first = cycle(store, [a, b]);
    expect(first.unseen).toBe(2);
    const [idA, idB] = first.identities;
    expect(cycle(store, [b, a])).toMatchObject({ identities: [idB, idA], unseen: 0 });
    expect(cycle(store, [b])).toMatchObject({ identities: [idB], unseen: 0 });
    expect(cycle(store, [a])).toMatchObject({ identities: [idA], unseen: 0 });
    expect(cycle(store, [b, a])).toMatchObject({ identities: [idB, idA], unseen: 0 });
    expect(store.size).toBe(2);
  });

  it('gives the GUID to the item it was recorded with, even when it comes second', () => {
    const store = new Map<string, { url: string }>();
    cycle(store, [a]);
    expect(cycle(store, [b, a]).identities).toEqual(['guid:same\u0000link:https://x.example/b', 'guid:same']);
  });

  it('reads a second key only when a lone item comes with another link than recorded', () => {
    const store = new Map<string, { url: string }>();
    expect(cycle(store, [a]).reads).toBe(1);
    expect(cycle(store, [a]).reads).toBe(1);
    // An edited link of the same item: the same id (it was never told apart), found with one more read.
    const edited = { ...a, link: 'https://x.example/a-edited' };
    expect(cycle(store, [edited])).toEqual({ identities: ['guid:same'], reads: 2, unseen: 0 });
    expect(cycle(store, [edited]).reads).toBe(1);
  });
});
