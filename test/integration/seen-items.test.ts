/**
 * The digest of an outlet's last document (shared/dedup/seen.ts), against the real stores: a feed sent
 * whole every time, or changed only in its channel dates, reads none of its ITEM records; a new item
 * reads its own alone; an edited item is still noticed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Outlet } from '../../shared/core/model.ts';
import type { StoryStore } from '../../shared/core/ports.ts';
import { parseSeen, seenDigest, seenEntry } from '../../shared/dedup/seen.ts';
import { processOutlet } from '../../shared/fetch/process-outlet.ts';
import { startHarness, type Harness, runtime } from './harness.ts';
import { RequestMeter, meterDynamo } from '../../functions/storage/meter.ts';
import { READ_BATCH } from '../../shared/core/schema.ts';

const T0 = Date.UTC(2026, 10, 22, 8);
const feed = (built: string, items: string) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Ledger</title><lastBuildDate>${built}</lastBuildDate>${items}</channel></rss>`;
const item = (guid: string, title: string, body: string) => `<item><title>${title}</title><guid>${guid}</guid><link>https://ledger.example/${guid}</link><description>${body}</description></item>`;
const A = item('a', 'Mill reopens', 'The old paper mill on the river reopened on Monday with forty jobs, after eight years closed and a long search for a buyer willing to repair the roof.');
const B = item('b', 'Bridge closed', 'The footbridge by the station is closed for a month while engineers replace the rusted handrails and check the bolts that hold the deck to the piers.');
const C = item('c', 'Choir wins prize', 'The town choir won first prize at the regional festival on Saturday, singing three songs in Welsh that the director had arranged for twenty voices.');

describe('items the last document carried are not read again', () => {
  let h: Harness;
  let outlet: Outlet;
  beforeAll(async () => {
    h = await startHarness();
    outlet = { id: 'ledger', name: 'Ledger', url: `${h.baseUrl}ledger.xml` };
  });
  afterAll(async () => h?.close());

  /** Fetches at T0 + minutes; returns the report and the ITEM keys it read. */
  const fetchAt = async (minutes: number) => {
    const { table, bucket, config } = runtime();
    const read: string[] = [];
    const stories: StoryStore = new Proxy(table, {
      get: (target, prop, receiver) =>
        prop === 'getItems'
          ? (outletId: string, keys: readonly string[]) => (read.push(...keys), target.getItems(outletId, keys))
          : Reflect.get(target, prop, receiver),
    });
    const report = await processOutlet(outlet, { stories, contents: bucket, states: table, limits: config.fetch, journal: table, now: () => new Date(T0 + minutes * 60_000) });
    return { report, read };
  };

  it('reads every item once, then none while the document only changes its dates, then only what is new', async () => {
    // A server without validators: the whole body every time.
    h.routes.set('/ledger.xml', { kind: 'feed', body: feed('Sun, 22 Nov 2026 08:00:00 GMT', A + B), ignoreConditional: true });
    const first = await fetchAt(0);
    expect(first.report).toMatchObject({ status: 'fetched', newStories: 2 });
    expect(first.read).toHaveLength(2);

    h.routes.set('/ledger.xml', { kind: 'feed', body: feed('Sun, 22 Nov 2026 08:15:00 GMT', A + B), ignoreConditional: true });
    const again = await fetchAt(15);
    expect(again.report).toMatchObject({ status: 'fetched', unchanged: 2, newStories: 0 });
    expect(again.read).toEqual([]);

    h.routes.set('/ledger.xml', { kind: 'feed', body: feed('Sun, 22 Nov 2026 08:30:00 GMT', C + A + B), ignoreConditional: true });
    const newer = await fetchAt(30);
    expect(newer.report).toMatchObject({ newStories: 1, unchanged: 2 });
    expect(newer.read).toHaveLength(1);

    // An edited item is not in the digest as it is now: read, and recorded as an edit.
    h.routes.set('/ledger.xml', { kind: 'feed', body: feed('Sun, 22 Nov 2026 08:45:00 GMT', C + A.replace('forty jobs', 'forty-two jobs') + B), ignoreConditional: true });
    const edited = await fetchAt(45);
    expect(edited.report).toMatchObject({ updated: 1, unchanged: 2 });
    expect(edited.read).toHaveLength(1);
    expect(parseSeen((await runtime().table.getState('ledger'))?.seen).size).toBe(3);
    // The edit is journaled as the copy is stored: still the founder of its story, not an `exact` copy.
    const journal = await runtime().table.readJournal(new Date(T0 + 45 * 60_000).toISOString(), new Date(T0 + 46 * 60_000).toISOString());
    expect(journal.flatMap((e) => e.copies).map((c) => c.match_kind)).toEqual(['first']);
  });
});

describe('a changed outlet\u2019s reads', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.close());

  it('reads its learned boilerplate in the same request as its items: its state, then one batch', async () => {
    const meter = new RequestMeter();
    const rt = h.runtimeWith({ observe: (clients) => meterDynamo(clients.dynamodb, meter) });
    try {
      const outlet: Outlet = { id: 'quay', name: 'Quay', url: `${h.baseUrl}quay.xml` };
      await rt.table.learnBoilerplate('quay', ['shape-learned-before']);
      h.routes.set('/quay.xml', { kind: 'feed', body: feed('Sun, 22 Nov 2026 09:00:00 GMT', A) });
      meter.reset();
      const report = await processOutlet(outlet, { stories: rt.table, contents: rt.bucket, states: rt.table, limits: rt.config.fetch, journal: rt.table, now: () => new Date(T0) });
      expect(report).toMatchObject({ status: 'fetched', newStories: 1 });
      // One GetItem (the outlet's state); the boilerplate came with the ITEM batch.
      expect(meter.dynamodb.get('GetItemCommand')?.requests).toBe(1);
      expect(await rt.table.getBoilerplate('quay')).toEqual(new Set(['shape-learned-before']));
    } finally {
      rt.close();
    }
  });
});

describe('a document\u2019s new items', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.close());

  it('are looked up a batch at a time, each batch\u2019s candidate stories in one more read, and decided as one at a time would be', async () => {
    const { table, bucket, config } = runtime();
    const calls = { lookup: [] as number[], getStories: 0 };
    const stories: StoryStore = new Proxy(table, {
      get: (target, prop, receiver) => {
        if (prop === 'lookup') return (hashes: readonly string[], keys: readonly string[]) => (calls.lookup.push(hashes.length + keys.length + 1), target.lookup(hashes, keys));
        if (prop === 'getStories') return (ids: readonly string[]) => (calls.getStories++, target.getStories(ids));
        return Reflect.get(target, prop, receiver);
      },
    });
    const ingest = (id: string, body: string) => {
      h.routes.set(`/${id}.xml`, { kind: 'feed', body });
      return processOutlet({ id, name: id, url: `${h.baseUrl}${id}.xml` }, { stories, contents: bucket, states: table, limits: config.fetch, journal: table, now: () => new Date(T0) });
    };
    const D = item('d', 'Ferry timetable changes', 'The island ferry will leave an hour earlier from next week, the operator said, because the harbour lock now closes at six and the last crossing must be back before then.');
    expect(await ingest('ledger', feed('Sun, 22 Nov 2026 08:00:00 GMT', A + B + C + D))).toMatchObject({ newStories: 4 });
    calls.lookup.length = 0;
    calls.getStories = 0;
    // Another outlet carries the same four stories under its own GUIDs and links.
    const copies = [A, B, C, D].map((x) => x.replaceAll('ledger.example', 'harbour.example').replace(/<guid>(\w)<\/guid>/, '<guid>h-$1</guid>')).join('');
    expect(await ingest('harbour', feed('Sun, 22 Nov 2026 09:00:00 GMT', copies))).toMatchObject({ newStories: 0, merged: 4 });
    // Four short items: one index read for all, one read of their candidate stories (not one each).
    expect(calls.lookup).toHaveLength(1);
    expect(calls.lookup[0]).toBeLessThanOrEqual(4 * READ_BATCH);
    expect(calls.getStories).toBe(1);
  });
});

describe('seen digest', () => {
  it('has one fixed-size entry per item, newest first, and reads back; anything malformed reads as nothing', () => {
    const items = [
      { itemKey: 'a'.repeat(32), rawHash: '1'.repeat(64) },
      { itemKey: 'b'.repeat(32), rawHash: '2'.repeat(64) },
    ];
    const digest = seenDigest(items);
    expect(digest).toHaveLength(28);
    expect([...parseSeen(digest)]).toEqual(items.map((i) => seenEntry(i.itemKey, i.rawHash)));
    expect(parseSeen(`${digest}x`).size).toBe(0);
    expect(parseSeen(undefined).size).toBe(0);
    expect(seenEntry('a'.repeat(32), '1'.repeat(64))).not.toBe(seenEntry('a'.repeat(32), '3'.repeat(64)));
  });
});
