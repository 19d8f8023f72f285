/**
 * Every retry is safe: an ingest interrupted after any write, then retried, leaves the same records as
 * one that never failed. A proxy around the real DynamoDB store (dynalite over HTTP) throws once, after
 * the chosen write has gone through.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedItem, Outlet } from '../../shared/core/model.ts';
import type { StoryStore } from '../../shared/core/ports.ts';
import { ingestFeed } from '../../shared/dedup/ingest.ts';
import { StoryWriter } from '../../shared/dedup/write.ts';
import { storyJson } from '../../cli/output.ts';
import { ARTICLES, LATE, SOLO, type Article } from '../fixtures/feeds.ts';
import { startHarness, type Harness, runtime } from './harness.ts';

class Interrupted extends Error {}

/** The store, except that the `nth` call of `method` fails after doing its work. */
function failingAfter(store: StoryStore, method: keyof StoryStore, nth = 1): StoryStore {
  let calls = 0;
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (prop !== method || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
      return async (...args: unknown[]) => {
        const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        if (++calls === nth) throw new Interrupted(`interrupted after ${String(method)}`);
        return result;
      };
    },
  });
}

const item = (outlet: string, a: Article, hour: number, month = 10): FeedItem => ({
  guid: `${outlet}-${a.slug}`,
  link: `https://${outlet}.example/${a.slug}`,
  title: a.title,
  published: new Date(Date.UTC(2026, month, 10, hour)).toISOString(),
  html: a.paragraphs.map((p) => `<p>${p}</p>`).join('\n'),
});

describe('retries after an interrupted ingest', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.close());

  const outlet = (id: string): Outlet => ({ id, name: id.toUpperCase(), url: `https://${id}.example/feed` });
  const stories = async () => (await runtime().table.listStories()).map(storyJson);

  const steps: Array<keyof StoryStore> = ['createStory', 'claimHash', 'addKeys', 'addMonth', 'putCopy'];
  const articles = [ARTICLES[0]!, ARTICLES[1]!, ARTICLES[2]!, SOLO, LATE];

  it.each(steps.map((step, i) => [step, articles[i]!, i] as const))('a founding interrupted after %s completes on retry', async (step, article, i) => {
    const { table, bucket } = runtime();
    const now = new Date('2026-11-12T00:00:00Z');
    const founding = [item('alpha', article, 1, i)]; // a month of its own: the month is written too
    await expect(ingestFeed(outlet('alpha'), founding, { stories: failingAfter(table, step), contents: bucket, now })).rejects.toThrow(Interrupted);
    const retried = await ingestFeed(outlet('alpha'), founding, { stories: table, contents: bucket, now });
    expect(retried).toMatchObject({ newStories: 1, merged: 0 });
    // A copy at another outlet finds the story, exactly once.
    const copy = await ingestFeed(outlet('beta'), [item('beta', article, 3, i)], { stories: table, contents: bucket, now });
    expect(copy).toMatchObject({ newStories: 0, merged: 1 });

    // Listed (its month was recorded) with both copies, the founder first.
    const mine = (await stories()).filter((s) => s.copies.some((c) => c.url.includes(article.slug)));
    expect(mine).toHaveLength(1);
    expect(mine[0]!.copies.map((c) => [c.outlet, c.match])).toEqual([
      ['alpha', 'first'],
      ['beta', 'exact'],
    ]);
  });

  it('a join interrupted after writing the copy does not count it twice on retry', async () => {
    const { table, bucket } = runtime();
    const now = new Date('2026-11-12T00:00:00Z');
    const article: Article = { ...ARTICLES[0]!, slug: 'ferry-timetable' };
    await expect(
      ingestFeed(outlet('gamma'), [item('gamma', article, 5)], { stories: failingAfter(table, 'putCopy'), contents: bucket, now }),
    ).rejects.toThrow(Interrupted);
    await ingestFeed(outlet('gamma'), [item('gamma', article, 5)], { stories: table, contents: bucket, now });
    const [story] = (await stories()).filter((s) => s.copies.some((c) => c.url.includes('gamma.example')));
    expect(story!.copies.filter((c) => c.outlet === 'gamma')).toHaveLength(1);
    expect(story!.copies.map((c) => c.outlet).sort()).toEqual(['alpha', 'beta', 'gamma']);
  });
});

describe('a retried founding after others changed the story', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.close());

  const outlet = (id: string): Outlet => ({ id, name: id.toUpperCase(), url: `https://${id}.example/feed` });

  // Regression (fixed): the retry re-created the story with a whole-record put, resetting the origin an
  // earlier copy had given it meanwhile (and any merge recorded on it).
  it('does not overwrite the story: an earlier copy that joined meanwhile stays its origin', async () => {
    const { table, bucket } = runtime();
    const now = new Date('2026-11-12T00:00:00Z');
    const article: Article = { ...ARTICLES[1]!, slug: 'ferry-retry' };
    const founding = [item('alpha', article, 9)];
    await expect(ingestFeed(outlet('alpha'), founding, { stories: failingAfter(table, 'addKeys'), contents: bucket, now })).rejects.toThrow(Interrupted);
    // Another outlet's copy, published two hours earlier, joins the story and becomes its origin.
    await ingestFeed(outlet('beta'), [item('beta', article, 7)], { stories: table, contents: bucket, now });
    await ingestFeed(outlet('alpha'), founding, { stories: table, contents: bucket, now });
    const [story] = (await runtime().table.listStories()).filter((s) => s.copies.some((c) => c.url.includes('ferry-retry')));
    expect(story!.story.outletId).toBe('beta');
    expect(story!.copies.map((c) => [c.outletId, c.match]).sort()).toEqual([
      ['alpha', 'first'],
      ['beta', 'exact'],
    ]);
  });
});

describe('merging stories that another fetcher merged elsewhere at the same moment', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.close());

  it('reports the other survivor instead of leaving the loser listed under two stories', async () => {
    const { table, bucket } = runtime();
    const now = new Date('2026-11-12T00:00:00Z');
    const ids: string[] = [];
    for (const [i, id] of ['one', 'two', 'three'].entries()) {
      const article: Article = { ...ARTICLES[i]!, slug: `merge-${id}` };
      await ingestFeed({ id, name: id, url: `https://${id}.example/feed` }, [item(id, article, 1 + i)], { stories: table, contents: bucket, now });
      const story = (await table.listStories()).find((s) => s.copies.some((c) => c.url.includes(`merge-${id}`)))!;
      ids.push(story.story.storyId);
    }
    const [a, b, c] = ids as [string, string, string];
    expect((await table.absorbStory(b, c)).kind).toBe('absorbed');
    expect((await table.absorbStory(b, c)).kind).toBe('absorbed'); // idempotent
    // c already belongs to b: merging it into a names b, the survivor to merge with.
    expect(await table.absorbStory(a, c)).toEqual({ kind: 'elsewhere', into: b });
    expect((await table.absorbStory(a, b)).kind).toBe('absorbed');
    const listed = (await table.listStories()).filter((s) => ids.includes(s.story.storyId));
    expect(listed.map((s) => s.story.storyId)).toEqual([a]);
    expect(listed[0]!.copies.map((copy) => copy.match).sort()).toEqual(['first', 'merged', 'merged']);
    expect((await table.getStory(c))!.story.storyId).toBe(a);
  });
});

describe('a copy improving a story at the moment another fetcher merges it', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.close());

  /**
   * Two unrelated stories (of texts no other test here uses), as the store sees them: `winner` (founded
   * at 08:00) and `loser` (founded at 20:00); `early` is the loser's text from a third outlet, published
   * at 02:00, so it should end up the origin of the merged story whichever write lands first.
   */
  const setup = async (tag: string, [w, l]: readonly [Article, Article]) => {
    const { table, bucket } = runtime();
    const now = new Date('2026-11-12T00:00:00Z');
    const storyOf = async (outlet: string) =>
      (await table.listStories()).find((s) => s.copies.some((c) => c.outletId === outlet))!.story;
    await ingestFeed({ id: `${tag}-w`, name: 'W', url: 'https://w.example/feed' }, [item(`${tag}-w`, w, 8)], { stories: table, contents: bucket, now });
    await ingestFeed({ id: `${tag}-l`, name: 'L', url: 'https://l.example/feed' }, [item(`${tag}-l`, l, 20)], { stories: table, contents: bucket, now });
    const early = { outlet: { id: `${tag}-early`, name: 'Early', url: 'https://early.example/feed' }, items: [item(`${tag}-early`, l, 2)] };
    return { table, bucket, now, winner: await storyOf(`${tag}-w`), loser: await storyOf(`${tag}-l`), early };
  };

  it('the merge lands first: the improvement meant for the merged story reaches its winner', async () => {
    const { table, bucket, now, winner, loser, early } = await setup('merge-first', [ARTICLES[0]!, ARTICLES[1]!]);
    let merged = false;
    // The real store; just before this ingest's first update of the loser, another fetcher merges it.
    const racing = new Proxy(table, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver) as unknown;
        if (prop !== 'updateStory') return typeof value === 'function' ? value.bind(target) : value;
        return async (storyId: string, change: Parameters<StoryStore['updateStory']>[1]) => {
          if (storyId === loser.storyId && !merged) {
            merged = true;
            await target.absorbStory(winner.storyId, loser.storyId);
          }
          return target.updateStory(storyId, change);
        };
      },
    });
    await ingestFeed(early.outlet, early.items, { stories: racing, contents: bucket, now });
    expect(merged).toBe(true);
    const story = (await table.getStory(winner.storyId))!;
    expect(story.story).toMatchObject({ outletId: early.outlet.id, published: early.items[0]!.published });
    expect(story.copies.map((c) => c.outletId).sort()).toEqual([early.outlet.id, `merge-first-l`, `merge-first-w`].sort());
    // The merged story itself was left as it was merged.
    expect((await table.getStories([loser.storyId])).get(loser.storyId)).toMatchObject({ mergedInto: winner.storyId, published: loser.published });
  });

  it('the improvement lands first: the merge takes the loser as merged, not as its merger read it', async () => {
    // Texts of their own: the stories of the test above stay apart.
    const { table, bucket, now, winner, loser: readBefore, early } = await setup('improve-first', [ARTICLES[2]!, SOLO]);
    await ingestFeed(early.outlet, early.items, { stories: table, contents: bucket, now });
    expect((await table.getStories([readBefore.storyId])).get(readBefore.storyId)).toMatchObject({ outletId: early.outlet.id });
    await new StoryWriter(table, bucket, now.toISOString()).absorb(winner, readBefore);
    expect((await table.getStory(winner.storyId))!.story).toMatchObject({ outletId: early.outlet.id, published: early.items[0]!.published });
  });
});

describe('a headline-only copy and its full copy founded at the same moment', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.close());

  /** The real store, except that each ingest's first index read returns only once both have read: neither sees the other's story. */
  const atTheSameMoment = () => {
    let arrived = 0;
    let release: () => void = () => undefined;
    const both = new Promise<void>((resolve) => (release = resolve));
    return (store: StoryStore): StoryStore => {
      let first = true;
      return new Proxy(store, {
        get(target, prop, receiver) {
          const value = Reflect.get(target, prop, receiver) as unknown;
          if (prop !== 'lookup') return typeof value === 'function' ? value.bind(target) : value;
          return async (...args: Parameters<StoryStore['lookup']>) => {
            const index = await target.lookup(...args);
            if (first) {
              first = false;
              if (++arrived === 2) release();
              await both;
            }
            return index;
          };
        },
      });
    };
  };

  it('ends as one story with both copies (the full copy gives it its text)', async () => {
    const { table, bucket } = runtime();
    const now = new Date('2026-11-12T00:00:00Z');
    const gate = atTheSameMoment();
    const headlineOnly: FeedItem = {
      guid: 'video-new-bridge',
      link: 'https://video.example/new-bridge',
      title: LATE.title,
      published: new Date(Date.UTC(2026, 10, 10, 9, 30)).toISOString(),
      html: '<p>Watch the report on the Video Desk.</p>',
    };
    await Promise.all([
      ingestFeed(outlet('wire'), [item('wire', LATE, 9)], { stories: gate(table), contents: bucket, now }),
      ingestFeed(outlet('video'), [headlineOnly], { stories: gate(table), contents: bucket, now }),
    ]);
    const stories = (await table.listStories()).filter((s) => s.copies.some((c) => c.url.includes('new-bridge')));
    expect(stories.map((s) => s.copies.map((c) => c.outletId).sort())).toEqual([['video', 'wire']]);
    expect(stories[0]!.story.words).toBeGreaterThan(0);
  });

  const outlet = (id: string): Outlet => ({ id, name: id.toUpperCase(), url: `https://${id}.example/feed` });
});
