/**
 * Publishes at once, against the real stores: renderings are serialised by a claim on the feed's
 * marker, so a publish that read the stories earlier never writes its objects over a later one's; a
 * publish that finds another rendering defers to it, and that one renders again with the change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Outlet } from '../../shared/core/model.ts';
import type { StoryReader } from '../../shared/core/ports.ts';
import { BUCKET } from '../../shared/core/schema.ts';
import { processOutlet } from '../../shared/fetch/process-outlet.ts';
import { PUBLISH_CLAIM_MS, publishFeeds, type PublishDeps } from '../../shared/publish/publish.ts';
import { startHarness, type Harness, runtime } from './harness.ts';

const T0 = Date.UTC(2026, 10, 22, 6);
const feed = (items: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>Claim Courier</title>${items}</channel></rss>`;
const item = (guid: string, title: string, body: string) =>
  `<item><title>${title}</title><guid>${guid}</guid><link>https://claim.example/${guid}</link><pubDate>Sun, 22 Nov 2026 05:00:00 GMT</pubDate><description>${body}</description></item>`;
const ORCHARD = 'The village orchard was replanted with forty apple trees on Saturday, after frost killed the old ones last winter. Pupils from the school dug the holes.';
const BRIDGE = 'The footbridge over the mill stream reopened after a month of repairs to its oak deck. The council paid for new railings and a ramp for prams and wheelchairs.';
const WELL = 'Water from the old well on the green is safe to drink again, tests by the county laboratory found. The parish will restore the pump and its stone trough.';

describe('publishes at once', () => {
  let h: Harness;
  const outlet = (): Outlet => ({ id: 'claim', name: 'Claim Courier', url: `${h.baseUrl}claim.xml` });
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.close());

  const fetchAt = (ms: number) => {
    const { table, bucket, config } = runtime();
    return processOutlet(outlet(), { stories: table, contents: bucket, states: table, limits: config.fetch, marker: table, journal: table, now: () => new Date(T0 + ms) });
  };
  const deps = (now: () => number, overrides: Partial<PublishDeps> = {}): PublishDeps => {
    const { table, bucket, config } = runtime();
    return { stories: table, contents: bucket, registry: bucket, objects: bucket, feed: config.feed, marker: table, journal: table, state: bucket, now: () => new Date(T0 + now()), ...overrides };
  };
  const titles = async () => {
    const json = JSON.parse((await runtime().bucket.getText(BUCKET.feedKeys.json))!) as { items: Array<{ title: string }> };
    return json.items.map((i) => i.title).sort();
  };

  it('a publish that read the stories before a change cannot write its older feed over the newer one', async () => {
    h.routes.set('/claim.xml', { kind: 'feed', body: feed(item('o-1', 'Orchard replanted', ORCHARD)) });
    expect(await fetchAt(0)).toMatchObject({ newStories: 1 });

    // Publish A reads the stories, then is held before rendering them.
    let clock = 1_000;
    let hold: (() => void) | undefined;
    let readA: () => void = () => undefined;
    const aRead = new Promise<void>((resolve) => (readA = resolve));
    const held = new Promise<void>((resolve) => (hold = resolve));
    let reads = 0;
    const slowReader: StoryReader = {
      recentStories: async (limit, cache, fresh) => {
        const stories = await runtime().table.recentStories(limit, cache, fresh);
        if (reads++ === 0) {
          readA();
          await held;
        }
        return stories;
      },
    };
    const a = publishFeeds(deps(() => clock, { stories: slowReader }));
    await aRead;

    // Meanwhile a second story arrives, and publish B runs to its end while A still holds its old read.
    h.routes.set('/claim.xml', { kind: 'feed', body: feed(item('o-1', 'Orchard replanted', ORCHARD) + item('b-2', 'Footbridge reopens', BRIDGE)) });
    expect(await fetchAt(2_000)).toMatchObject({ newStories: 1 });
    const b = await publishFeeds(deps(() => 3_000));

    clock = 4_000;
    hold!();
    const reportA = await a;
    // The feed shows both stories: A wrote what it had read, then rendered once more as B asked.
    expect(await titles()).toEqual(['Footbridge reopens', 'Orchard replanted']);
    expect(b).toEqual({ stories: 0, written: [], deferred: true });
    expect(reportA).toMatchObject({ stories: 2 });
    expect(reads).toBe(2);
    // And the marker says so: nothing is left to render.
    expect(await publishFeeds(deps(() => 5_000))).toMatchObject({ skipped: true });
  });

  it('a claim left by a publish that died holds the others back until it expires', async () => {
    const { table } = runtime();
    h.routes.set('/claim.xml', { kind: 'feed', body: feed(item('o-1', 'Orchard replanted', ORCHARD) + item('b-2', 'Footbridge reopens', BRIDGE) + item('w-3', 'Well water safe again', WELL)) });
    expect(await fetchAt(10_000)).toMatchObject({ newStories: 1 });
    const claim = await table.claimPublish('a publish that died', new Date(T0 + 11_000).toISOString(), new Date(T0 + 11_000 + PUBLISH_CLAIM_MS).toISOString());
    expect(claim.claimed).toBe(true);

    expect(await publishFeeds(deps(() => 12_000))).toMatchObject({ deferred: true });
    expect(await titles()).not.toContain('Well water safe again');
    const after = await publishFeeds(deps(() => 12_000 + PUBLISH_CLAIM_MS));
    expect(after).toMatchObject({ stories: 3 });
    expect(after.deferred).toBeUndefined();
    expect(await titles()).toContain('Well water safe again');
  });

  it('a rendering that fails releases its claim: the retry need not wait for it to expire', async () => {
    h.routes.set('/claim.xml', { kind: 'feed', body: feed(item('o-9', 'Orchard replanted, and a second one planned', `${ORCHARD} A second orchard is planned by the church.`)) });
    expect(await fetchAt(20_000 + PUBLISH_CLAIM_MS)).toMatchObject({ status: 'fetched' });
    const failing = deps(() => 21_000 + PUBLISH_CLAIM_MS, {
      objects: {
        putIfChanged: () => Promise.reject(new Error('S3 is away')),
      },
    });
    await expect(publishFeeds(failing)).rejects.toThrow('S3 is away');
    const retry = await publishFeeds(deps(() => 22_000 + PUBLISH_CLAIM_MS));
    expect(retry.deferred).toBeUndefined();
    expect(retry.written.length).toBeGreaterThan(0);
  });
});
