/**
 * The feed's version marker, against the real stores: a publish when nothing changed costs one read and
 * renders nothing; a change, new settings or a held-back story falling due render again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Outlet } from '../../shared/core/model.ts';
import type { StoryReader } from '../../shared/core/ports.ts';
import { processOutlet } from '../../shared/fetch/process-outlet.ts';
import { HEADLINE_HOLD_MS, INDEX_SETTLE_MS, publishFeeds } from '../../shared/publish/publish.ts';
import { startHarness, type Harness, runtime } from './harness.ts';

const T0 = Date.UTC(2026, 10, 20, 12);
const feed = (items: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>Marker Mail</title>${items}</channel></rss>`;
const item = (guid: string, title: string, body: string) => `<item><title>${title}</title><guid>${guid}</guid><link>https://marker.example/${guid}</link><description>${body}</description></item>`;
const LONG = 'The harbour board approved the new quay on Monday after a two year review of the plans, the costs and the tides.';

describe('publish and the feed version marker', () => {
  let h: Harness;
  const outlet = (): Outlet => ({ id: 'marker', name: 'Marker Mail', url: `${h.baseUrl}marker.xml` });
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.close());

  const fetchAt = (ms: number) => {
    const { table, bucket, config } = runtime();
    return processOutlet(outlet(), { stories: table, contents: bucket, states: table, limits: config.fetch, marker: table, now: () => new Date(T0 + ms) });
  };
  /** Publishes at T0 + ms; `reads` counts what it read of the stories. */
  const publishAt = async (ms: number, feedSettings: Partial<ReturnType<typeof runtime>['config']['feed']> = {}) => {
    const { table, bucket, config } = runtime();
    let reads = 0;
    const stories: StoryReader = { recentStories: (n) => (reads++, table.recentStories(n)) };
    const report = await publishFeeds({ stories, contents: bucket, registry: bucket, objects: bucket, feed: { ...config.feed, ...feedSettings }, marker: table, now: () => new Date(T0 + ms) });
    return { ...report, reads };
  };

  it('renders after a change, once more while the index may lag, then skips with nothing read', async () => {
    h.routes.set('/marker.xml', { kind: 'feed', body: feed(item('q-1', 'Quay approved', LONG)) });
    expect(await fetchAt(0)).toMatchObject({ newStories: 1 });
    expect(await publishAt(1_000)).toMatchObject({ stories: 1, reads: 1 });
    // Rendered within INDEX_SETTLE_MS of the change: rendered again (the index may not have shown it).
    expect((await publishAt(INDEX_SETTLE_MS + 5_000)).skipped).toBeUndefined();
    expect(await publishAt(INDEX_SETTLE_MS + 10_000)).toEqual({ stories: 0, written: [], skipped: true, reads: 0 });
    // A fetch that changes nothing (304, or the same body) counts nothing.
    expect(await fetchAt(120_000)).toMatchObject({ status: 'not-modified' });
    expect(await publishAt(130_000)).toMatchObject({ skipped: true, reads: 0 });
  });

  it('renders again after a new story, and after the feed settings change', async () => {
    h.routes.set('/marker.xml', { kind: 'feed', body: feed(item('q-1', 'Quay approved', LONG) + item('f-2', 'Ferry timetable changes', `${LONG} The ferry leaves earlier.`.replace('quay', 'ferry'))) });
    expect(await fetchAt(200_000)).toMatchObject({ status: 'fetched' });
    expect(await publishAt(200_000 + INDEX_SETTLE_MS + 1_000)).toMatchObject({ reads: 1 });
    expect(await publishAt(200_000 + INDEX_SETTLE_MS + 2_000)).toMatchObject({ skipped: true });
    expect(await publishAt(200_000 + INDEX_SETTLE_MS + 3_000, { title: 'Renamed' })).toMatchObject({ reads: 1 });
    expect(await publishAt(200_000 + INDEX_SETTLE_MS + 4_000, { title: 'Renamed' })).toMatchObject({ skipped: true });
  });

  it('renders when a held-back headline-only story falls due, though no record changed', async () => {
    const t = 400_000;
    h.routes.set('/marker.xml', { kind: 'feed', body: feed(item('h-3', 'Storm warning for the coast tonight', '')) });
    expect(await fetchAt(t)).toMatchObject({ status: 'fetched' });
    const held = await publishAt(t + INDEX_SETTLE_MS + 1_000);
    expect(held.reads).toBe(1);
    expect(await publishAt(t + INDEX_SETTLE_MS + 2_000)).toMatchObject({ skipped: true });
    const due = await publishAt(t + HEADLINE_HOLD_MS + 1_000);
    expect(due.reads).toBe(1);
    expect(due.stories).toBe(held.stories + 1);
  });
});
