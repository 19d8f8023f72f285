/**
 * What the merged feed holds back: a story known only by its headline, for a bounded time after it was
 * first seen (a copy with text usually follows within hours). Stories with text are never held.
 */
import { describe, expect, it } from 'vitest';
import type { CopyRecord, StoryRecord, StoryWithCopies } from '../../shared/core/model.ts';
import { HEADLINE_HOLD_MS, INDEX_SETTLE_MS, publicationFeeds, upToDate } from '../../shared/publish/publish.ts';
import { readPublishState, RenderCache, writePublishState, type PublishState } from '../../shared/publish/publish-cache.ts';

const NOW = Date.parse('2026-11-20T12:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

function entry(storyId: string, words: number, firstSeenAgoMs: number): StoryWithCopies {
  const firstSeen = iso(NOW - firstSeenAgoMs);
  const story: StoryRecord = {
    storyId,
    title: `Headline of ${storyId}`,
    url: `https://harbour.example/${storyId}`,
    outletId: 'harbour',
    outletName: 'Harbour Gazette',
    published: firstSeen,
    originCopy: 'harbour#k',
    firstSeen,
    canonicalCopy: 'harbour#k',
    canonicalHash: `hash-${storyId}`,
    words,
    summary: words > 0 ? 'The ferry strike was called off.' : 'Read the full story at Harbour Gazette.',
    headline: 'ferry strike called off',
  };
  const copy: CopyRecord = {
    storyId,
    outletId: 'harbour',
    outletName: 'Harbour Gazette',
    itemKey: 'k',
    url: story.url,
    guid: storyId,
    title: story.title,
    published: firstSeen,
    firstSeen,
    match: 'first',
    score: 1,
    contentHash: story.canonicalHash,
  };
  return { story, copies: [copy] };
}

async function publishedIds(entries: StoryWithCopies[]): Promise<string[]> {
  const feeds = await publicationFeeds({
    stories: { recentStories: async () => entries },
    contents: { getCanonical: async () => undefined },
    registry: { findOutlets: async () => [] },
    feed: { title: 't', description: 'd', baseUrl: 'https://feeds.example/', limit: 50 },
    now: () => new Date(NOW),
  });
  return JSON.parse(feeds.json).items.map((i: { id: string }) => i.id.replace('urn:feedmerge:story:', ''));
}

describe('publicationFeeds: the hold of headline-only stories', () => {
  it('holds a headline-only story first seen within the hold, and publishes it once the hold is over', async () => {
    const ids = await publishedIds([
      entry('fresh-headline', 0, HEADLINE_HOLD_MS - 60_000),
      entry('old-headline', 0, HEADLINE_HOLD_MS + 60_000),
      entry('fresh-text', 420, 60_000),
    ]);
    expect(ids.sort()).toEqual(['fresh-text', 'old-headline']);
  });

  it('publishes a story founded by a headline as soon as a copy with text has joined it', async () => {
    expect(await publishedIds([entry('filled-in', 380, 60_000)])).toEqual(['filled-in']);
  });
});

describe('upToDate (the feed version marker)', () => {
  const T = Date.parse('2026-11-20T12:00:00.000Z');
  const iso = (ms: number) => new Date(T + ms).toISOString();
  const marker = { version: 7, changedAt: iso(0), publishedVersion: 7, publishedSettings: 's', publishedAt: iso(INDEX_SETTLE_MS) };

  it('is up to date when the version and settings are those rendered, nothing is due, and the rendering came after the index settled', () => {
    expect(upToDate(marker, 's', T + INDEX_SETTLE_MS + 1)).toBe(true);
  });

  it('is not after a change, a settings change, a due held story, a rendering too soon after the change, or before any publish', () => {
    expect(upToDate({ ...marker, version: 8 }, 's', T)).toBe(false);
    expect(upToDate(marker, 'other', T)).toBe(false);
    expect(upToDate({ ...marker, dueAt: iso(1000) }, 's', T + 1000)).toBe(false);
    expect(upToDate({ ...marker, dueAt: iso(1000) }, 's', T + 999)).toBe(true);
    expect(upToDate({ ...marker, publishedAt: iso(INDEX_SETTLE_MS - 1) }, 's', T + 2 * INDEX_SETTLE_MS)).toBe(false);
    expect(upToDate({ version: 0 }, 's', T)).toBe(false);
  });
});

describe('publish cache (publish-cache.ts)', () => {
  const swc = (storyId: string, absorbed: string[] = []) =>
    ({ story: { storyId, canonicalHash: `h-${storyId}` }, copies: [], ...(absorbed.length ? { absorbed: absorbed.map((id) => ({ storyId: id, firstSeen: '' })) } : {}) }) as unknown as StoryWithCopies;
  const state = (through: string): PublishState => ({
    through,
    tail: 0,
    stories: [
      ['a', swc('a')],
      ['loser', swc('b', ['loser'])],
      ['c', swc('c', ['d'])],
    ],
    texts: [],
  });

  it('drops a story the journal names by the id it is listed under, its survivor, or a story it absorbed', () => {
    const cache = new RenderCache(state('2026-11-20T12:00:00.000Z'), new Set(['b', 'd']));
    expect(cache.get('a')?.story.storyId).toBe('a');
    expect(cache.get('loser')).toBeUndefined();
    expect(cache.get('c')).toBeUndefined();
    expect(cache.hits).toBe(1);
    expect([...cache.used.keys()]).toEqual(['a']);
  });

  it('uses only a state it wrote, not older than the journal keeps', () => {
    const now = new Date('2026-11-21T12:00:00.000Z');
    const body = writePublishState(state('2026-11-21T11:45:00.000Z'));
    expect(readPublishState(body, now)?.stories).toHaveLength(3);
    expect(readPublishState(writePublishState(state('2026-11-10T00:00:00.000Z')), now)).toBeUndefined();
    expect(readPublishState('{"format":2}', now)).toBeUndefined();
    expect(readPublishState('not json', now)).toBeUndefined();
    expect(readPublishState(undefined, now)).toBeUndefined();
  });
});
