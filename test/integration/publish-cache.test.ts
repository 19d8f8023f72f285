/**
 * Publish's cache of what it read, against the real stores: after a change, only the stories the
 * journal names are read again, the rendering shows the change, and a cache it cannot trust is not used.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Outlet } from '../../shared/core/model.ts';
import { processOutlet } from '../../shared/fetch/process-outlet.ts';
import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { BUCKET, FEED_CONTENT_TYPES, keys } from '../../shared/core/schema.ts';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { publishFeeds } from '../../shared/publish/publish.ts';
import { startHarness, type Harness, runtime } from './harness.ts';

const T0 = Date.UTC(2026, 10, 21, 9);
const feed = (title: string, items: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title>${items}</channel></rss>`;
const item = (host: string, guid: string, title: string, body: string, date: string) =>
  `<item><title>${title}</title><guid>${guid}</guid><link>https://${host}.example/${guid}</link><pubDate>${date}</pubDate><description>${body}</description></item>`;
const TEXTS: Record<string, string> = {
  quay:
    'The harbour board approved a new stone quay on Tuesday after two years of surveys. Fishing crews had asked for deeper berths since the storm of 2019 ' +
    'damaged the old wall. Work starts in April and should finish before the autumn herring season, the board chair told a packed meeting.',
  ferry:
    'A faster island ferry will enter service next summer, the transport office confirmed. The vessel carries ninety cars and crosses in forty minutes, ' +
    'half the current time. Residents of the northern isles welcomed the news but questioned whether fares would rise to pay for it.',
  gulls:
    'Rangers counted four thousand nesting gulls on the Outer Stack this spring, a tenth more than last year. The colony recovered after the bird flu ' +
    'outbreak of 2022 emptied half the ledges. Visitors are asked to keep to the cliff path until the chicks fledge in late July.',
  lighthouse:
    'Volunteers repainted the red and white lighthouse at Gull Point over three weekends. The tower, built in 1871, had not been painted for a decade. ' +
    'A local trust raised the money with a cake sale, a sponsored swim and a raffle whose first prize was a night in the keeper\u2019s cottage.',
};
const text = (topic: string) => TEXTS[topic]!;

describe('publish reads again only what the journal says changed', () => {
  let h: Harness;
  const outlets: Record<string, Outlet> = {};
  beforeAll(async () => {
    h = await startHarness();
    for (const id of ['cove', 'bay']) outlets[id] = { id, name: `${id} news`, url: `${h.baseUrl}${id}.xml` };
  });
  afterAll(async () => h?.close());

  const fetchAt = (id: string, ms: number) => {
    const { table, bucket, config } = runtime();
    return processOutlet(outlets[id]!, { stories: table, contents: bucket, states: table, limits: config.fetch, marker: table, journal: table, now: () => new Date(T0 + ms) });
  };
  const publishAt = (ms: number) => {
    const { table, bucket, config } = runtime();
    return publishFeeds({ stories: table, contents: bucket, registry: bucket, objects: bucket, feed: config.feed, marker: table, journal: table, state: bucket, now: () => new Date(T0 + ms) });
  };
  const jsonFeed = async () => JSON.parse((await runtime().bucket.getText(BUCKET.feedKeys.json))!) as { items: Array<{ title: string; content_html?: string; content_text?: string }> };

  it('renders three stories, then after one outlet copies one of them reads only that one again', async () => {
    h.routes.set('/cove.xml', {
      kind: 'feed',
      body: feed('Cove', ['quay', 'ferry', 'lighthouse'].map((t, i) => item('cove', `c-${t}`, `Plan for the ${t} agreed`, text(t), `Sat, 21 Nov 2026 0${i + 6}:00:00 GMT`)).join('')),
    });
    expect(await fetchAt('cove', 0)).toMatchObject({ newStories: 3 });
    // The journal is how publish learns of the change: ingest counts nothing on the marker.
    expect((await runtime().table.getFeedMarker()).version).toBe(0);
    expect(await publishAt(1_000)).toMatchObject({ stories: 3, cachedStories: 0 });
    // The stories just written were read by the ids the journal names: no second rendering in case the
    // index lagged.
    expect(await publishAt(2_000)).toMatchObject({ skipped: true });

    h.routes.set('/bay.xml', { kind: 'feed', body: feed('Bay', item('bay', 'b-ferry', 'Ferry plan agreed', text('ferry'), 'Sat, 21 Nov 2026 07:30:00 GMT')) });
    expect(await fetchAt('bay', 900_000)).toMatchObject({ merged: 1 });
    const after = await publishAt(901_000);
    expect(after).toMatchObject({ stories: 3, cachedStories: 2 });
    const ferry = (await jsonFeed()).items.find((i) => /ferry/i.test(i.title))!;
    expect(JSON.stringify(ferry)).toContain('bay news');
    expect(await publishAt(902_000)).toMatchObject({ skipped: true });
  });

  it('writes each feed object with its content type and a max-age of one schedule interval', async () => {
    const { bucket, config, clients } = runtime();
    h.routes.set('/cove.xml', { kind: 'feed', body: feed('Cove', item('cove', 'c-lighthouse', 'Lighthouse repainted', text('lighthouse'), 'Sat, 21 Nov 2026 10:00:00 GMT')) });
    expect(await fetchAt('cove', 950_000)).toMatchObject({ updated: 1 }); // an edit of an earlier item: the feed changes
    const report = await publishFeeds({ stories: runtime().table, contents: bucket, registry: bucket, objects: bucket, feed: { ...config.feed, maxAgeSeconds: 600 }, marker: runtime().table, journal: runtime().table, state: bucket, now: () => new Date(T0 + 951_000) });
    expect(report.written).toEqual(['rss', 'atom', 'json', 'html']);
    for (const [format, key] of Object.entries(BUCKET.feedKeys)) {
      const head = await clients.s3.send(new HeadObjectCommand({ Bucket: config.bucketName, Key: key }));
      expect(head.CacheControl, format).toBe('max-age=600');
      expect(head.ContentType, format).toBe(FEED_CONTENT_TYPES[format as keyof typeof FEED_CONTENT_TYPES]);
    }
  });

  it('shows a story the index does not list yet, found through the journal', async () => {
    h.routes.set('/cove.xml', {
      kind: 'feed',
      body: feed('Cove', item('cove', 'c-gulls', 'Gull colony counted', TEXTS.gulls!, 'Sat, 21 Nov 2026 09:00:00 GMT')),
    });
    expect(await fetchAt('cove', 1_000_000)).toMatchObject({ newStories: 1 });
    // The index has not caught up (an eventually consistent GSI): the new story is missing from it.
    const { table, clients, config } = runtime();
    const [gulls] = (await table.listStories()).filter((s) => s.story.title.includes('Gull'));
    await clients.dynamodb.send(
      new UpdateItemCommand({ TableName: config.tableName, Key: marshall(keys.story(gulls!.story.storyId)), UpdateExpression: 'REMOVE gsi1pk, gsi1sk' }),
    );
    expect((await table.listStories()).some((s) => s.story.title.includes('Gull'))).toBe(false);
    expect(await publishAt(1_001_000)).toMatchObject({ stories: 4 });
    expect((await jsonFeed()).items.map((i) => i.title)).toContain('Gull colony counted');
  });

  it('does not trust a cache it cannot read', async () => {
    await runtime().bucket.putPublishState('{"format":1,"through":"not a date"');
    h.routes.set('/bay.xml', { kind: 'feed', body: feed('Bay', item('bay', 'b-quay', 'Quay plan agreed', text('quay'), 'Sat, 21 Nov 2026 06:40:00 GMT')) });
    expect(await fetchAt('bay', 2_000_000)).toMatchObject({ merged: 1 });
    // Nothing taken from the cache; the gull story (still missing from the index) comes through the
    // journal read since the last rendering.
    expect(await publishAt(2_001_000)).toMatchObject({ stories: 4, cachedStories: 0 });
    expect(JSON.stringify((await jsonFeed()).items.find((i) => /quay/i.test(i.title)))).toContain('bay news');
  });
});
