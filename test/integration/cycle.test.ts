/**
 * The whole cycle — dispatch → fetch → publish through the real handlers — against dynalite and
 * s3rver over HTTP and a real outlet web server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Parser from 'rss-parser';
import type { Outlet } from '../../shared/core/model.ts';
import { storyJson } from '../../cli/output.ts';
import { ARTICLES, LATE, OUTLETS, SOLO, renderFeed, type FeedItemSpec } from '../fixtures/feeds.ts';
import { startHarness, type Harness, runtime } from './harness.ts';

const day = (h: number) => new Date(Date.UTC(2026, 10, 18, h, 0, 0));

/** Outlet i carries every article, published i hours after the first outlet; the first also has SOLO. */
function feedOf(i: number): FeedItemSpec[] {
  const items = ARTICLES.map((article, n) => ({ article, published: day(2 + n + i) }));
  return i === 0 ? [...items, { article: SOLO, published: day(1) }] : items;
}

async function allStories() {
  return (await runtime().table.listStories()).map(storyJson);
}

describe('pipeline cycle against dynalite + s3rver', () => {
  let h: Harness;
  let outlets: Outlet[];

  beforeAll(async () => {
    h = await startHarness({ FEEDMERGE_FETCH_TIMEOUT_MS: '800', FEEDMERGE_MAX_FEED_BYTES: '200000' });
    outlets = OUTLETS.map((style, i) => {
      h.routes.set(`/${style.id}.xml`, { kind: 'feed', body: renderFeed(style, feedOf(i)) });
      return { id: style.id, name: style.name, url: `${h.baseUrl}${style.id}.xml` };
    });
    await h.registerOutlets(outlets);
  });
  afterAll(async () => h?.close());

  it('merges the syndicated copies: one story per article, every item in exactly one story', async () => {
    const summary = await h.cycle();
    expect(summary).toMatchObject({ outlets: 3, fetched: 3, failed: 0, items: 10, newStories: 4, merged: 6 });
    const stories = await allStories();
    expect(stories).toHaveLength(ARTICLES.length + 1);
    const copies = stories.flatMap((s) => s.copies);
    expect(copies).toHaveLength(10);
    expect(new Set(copies.map((c) => `${c.outlet} ${c.url}`)).size).toBe(10);
    for (const article of ARTICLES) {
      const story = stories.find((s) => s.copies.some((c) => c.url.includes(article.slug)))!;
      expect(story.copies.map((c) => c.outlet).sort()).toEqual(OUTLETS.map((o) => o.id).sort());
      expect(story.copies.every((c) => c.url.includes(article.slug))).toBe(true);
      // Exactly one founder; the story credits the earliest copy (outlet 0 publishes first).
      expect(story.copies.filter((c) => c.match === 'first')).toHaveLength(1);
      expect(story.outlet).toBe('north-star');
      expect(story.published).toBe(story.copies.map((c) => c.published).sort()[0]);
    }
    // Links are kept exactly as the outlet published them (utm parameters included).
    expect(copies.filter((c) => c.outlet === 'river-times').every((c) => c.url.endsWith('?utm_source=rss'))).toBe(true);
  });

  it('publishes one RSS item per story, crediting the origin and listing the other outlets', async () => {
    const rss = await runtime().bucket.getText('feed/feed.xml');
    expect(rss).toBeDefined();
    const feed = await new Parser().parseString(rss!);
    expect(feed.items).toHaveLength(ARTICLES.length + 1);
    expect(new Set(feed.items.map((i) => i.guid)).size).toBe(feed.items.length);
    const ferry = feed.items.find((i) => i.link?.includes('ferry-timetable'))!;
    expect(ferry.link).toBe('https://northstar.example/news/ferry-timetable/');
    expect(rss).toContain(`<source url="${h.baseUrl}north-star.xml">North Star</source>`);
    expect(ferry['content:encoded']).toMatch(/Also carried by: .*The River Times.*Valley Voice/);
    expect(rss).toContain('<atom:link href="https://feeds.example/merged/feed.xml" rel="self"');
    for (const key of ['feed/feed.atom', 'feed/feed.json', 'feed/index.html']) {
      expect(await runtime().bucket.getText(key)).toBeTruthy();
    }
  });

  it('changes nothing when run again on unchanged feeds, and asks with conditional requests', async () => {
    const storiesBefore = await allStories();
    const keysBefore = await h.s3Keys();
    const rssBefore = await runtime().bucket.getText('feed/feed.xml');
    h.requests.length = 0;

    const summary = await h.cycle();

    expect(summary).toMatchObject({ fetched: 0, notModified: 3, failed: 0, newStories: 0, merged: 0 });
    expect(summary.publish.written).toEqual([]);
    expect(h.requests.map((r) => [r.conditional, r.status])).toEqual([
      [true, 304],
      [true, 304],
      [true, 304],
    ]);
    expect(await allStories()).toEqual(storiesBefore);
    expect(await h.s3Keys()).toEqual(keysBefore);
    expect(await runtime().bucket.getText('feed/feed.xml')).toBe(rssBefore);
  });

  it('writes nothing for items it has already seen when a server ignores conditional requests', async () => {
    const storiesBefore = await allStories();
    const keysBefore = await h.s3Keys();
    for (const [path, b] of h.routes) if (b.kind === 'feed') h.routes.set(path, { ...b, ignoreConditional: true });

    const summary = await h.cycle();

    expect(summary).toMatchObject({ fetched: 3, newStories: 0, merged: 0 });
    expect(summary.reports.every((r) => r.unchanged === r.items && r.updated === 0)).toBe(true);
    expect(await allStories()).toEqual(storiesBefore);
    expect(await h.s3Keys()).toEqual(keysBefore);
  });

  it('reports a down, slow, garbage or huge outlet and still processes the others', async () => {
    const broken: Outlet[] = [
      { id: 'down', name: 'Down', url: `${h.baseUrl}down.xml` },
      { id: 'slow', name: 'Slow', url: `${h.baseUrl}slow.xml` },
      { id: 'garbage', name: 'Garbage', url: `${h.baseUrl}garbage.xml` },
      { id: 'huge', name: 'Huge', url: `${h.baseUrl}huge.xml` },
      { id: 'refused', name: 'Refused', url: 'http://127.0.0.1:9/feed.xml' },
    ];
    h.routes.set('/down.xml', { kind: 'status', status: 503 });
    h.routes.set('/slow.xml', { kind: 'hang' });
    h.routes.set('/garbage.xml', { kind: 'feed', body: '<html><body>Not a feed</body></html>', contentType: 'text/html' });
    h.routes.set('/huge.xml', { kind: 'huge', bytes: 5_000_000 });
    // A new article appears at one healthy outlet meanwhile.
    const fresh = LATE;
    const style = OUTLETS[1]!;
    h.routes.set(`/${style.id}.xml`, { kind: 'feed', body: renderFeed(style, [...feedOf(1), { article: fresh, published: day(20) }]) });
    await h.registerOutlets([...outlets, ...broken]);

    const summary = await h.cycle();

    const byId = new Map(summary.reports.map((r) => [r.outletId, r]));
    expect(byId.get('down')).toMatchObject({ status: 'failed', httpStatus: 503 });
    expect(byId.get('down')!.error).toContain('HTTP 503');
    expect(byId.get('slow')!.error).toContain('timed out');
    expect(byId.get('garbage')!.error).toMatch(/not a valid RSS\/Atom feed/);
    expect(byId.get('huge')!.error).toContain('cap');
    expect(byId.get('refused')!.error).toContain('cannot connect');
    expect(byId.get('river-times')).toMatchObject({ status: 'fetched', newStories: 1 });
    expect(summary).toMatchObject({ outlets: 8, failed: 5 });
    expect(await allStories()).toHaveLength(ARTICLES.length + 2);
    // The failure is remembered per outlet for operators.
    expect(await runtime().table.getState('down')).toMatchObject({ consecutiveFailures: 1, lastStatus: 503 });
  });
});
