/**
 * Politeness across cycles, against a real outlet server and the real stores: a server's Retry-After
 * and the back-off after consecutive failures are recorded in the outlet's state and honoured later —
 * no request reaches the server before then.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Outlet } from '../../shared/core/model.ts';
import { processOutlet } from '../../shared/fetch/process-outlet.ts';
import { BACKOFF_BASE_MS } from '../../shared/fetch/politeness.ts';
import { startHarness, type Harness, runtime } from './harness.ts';

const FEED = '<?xml version="1.0"?><rss version="2.0"><channel><title>Busy Gazette</title><item><title>Quay works</title><guid>q-1</guid><description>The quay works start on Monday and last three weeks, the harbour board said.</description></item></channel></rss>';

describe('politeness across cycles', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.close());

  const at = (minutes: number) => new Date(Date.UTC(2026, 10, 20, 12, minutes));
  const fetchAt = (outlet: Outlet, minutes: number) => {
    const { table, bucket, config } = runtime();
    return processOutlet(outlet, { stories: table, contents: bucket, states: table, limits: config.fetch, now: () => at(minutes) });
  };
  const hits = (path: string) => h.requests.filter((r) => r.path === path).length;

  it('writes no state for a steady outlet: the same body again, or a 304, within a day; refreshes it after', async () => {
    const outlet: Outlet = { id: 'steady', name: 'Steady Star', url: `${h.baseUrl}steady.xml` };
    h.routes.set('/steady.xml', { kind: 'feed', body: FEED.replace('q-1', 's-1') });
    const state = async () => (await runtime().table.getState('steady'))!;
    expect(await fetchAt(outlet, 0)).toMatchObject({ status: 'fetched', newStories: 1 });
    expect(await state()).toMatchObject({ lastStatus: 200, lastFetchAt: at(0).toISOString() });
    expect(await fetchAt(outlet, 15)).toMatchObject({ status: 'not-modified' });
    // A 304 after the 200 is the same outcome (a success, the same validators): nothing written.
    expect(await state()).toMatchObject({ lastStatus: 200, lastFetchAt: at(0).toISOString() });
    expect(await fetchAt(outlet, 30)).toMatchObject({ status: 'not-modified' });
    expect(await fetchAt(outlet, 45)).toMatchObject({ status: 'not-modified' });
    expect(await state()).toMatchObject({ lastStatus: 200, lastFetchAt: at(0).toISOString() });
    // A day later the times are refreshed.
    expect(await fetchAt(outlet, 24 * 60)).toMatchObject({ status: 'not-modified' });
    expect(await state()).toMatchObject({ lastStatus: 304, lastFetchAt: at(24 * 60).toISOString() });
  });

  it('honours a 503\u2019s Retry-After: deferred without a request until then, fetched after', async () => {
    const outlet: Outlet = { id: 'busy', name: 'Busy Gazette', url: `${h.baseUrl}busy.xml` };
    h.routes.set('/busy.xml', { kind: 'status', status: 503, headers: { 'retry-after': '600' } });
    const failed = await fetchAt(outlet, 0);
    expect(failed).toMatchObject({ status: 'failed', httpStatus: 503, nextFetchAfter: at(10).toISOString() });
    expect((await runtime().table.getState('busy'))?.nextFetchAfter).toBe(at(10).toISOString());

    h.routes.set('/busy.xml', { kind: 'feed', body: FEED });
    expect(await fetchAt(outlet, 5)).toMatchObject({ status: 'deferred', nextFetchAfter: at(10).toISOString() });
    expect(hits('/busy.xml')).toBe(1);

    expect(await fetchAt(outlet, 11)).toMatchObject({ status: 'fetched', items: 1 });
    expect(hits('/busy.xml')).toBe(2);
    const state = await runtime().table.getState('busy');
    expect(state).toMatchObject({ consecutiveFailures: 0, lastStatus: 200 });
    expect(state?.nextFetchAfter).toBeUndefined();
  });

  it('backs off after consecutive failures: the next cycle once, then one interval, then two', async () => {
    const outlet: Outlet = { id: 'flaky', name: 'Flaky Post', url: `${h.baseUrl}flaky.xml` };
    h.routes.set('/flaky.xml', { kind: 'status', status: 500 });
    const interval = BACKOFF_BASE_MS / 60_000;
    expect(await fetchAt(outlet, 0)).toMatchObject({ status: 'failed' });
    expect((await fetchAt(outlet, 0)).nextFetchAfter).toBe(at(interval).toISOString()); // second failure
    expect(await fetchAt(outlet, interval - 1)).toMatchObject({ status: 'deferred' });
    expect((await fetchAt(outlet, interval)).nextFetchAfter).toBe(at(interval + 2 * interval).toISOString()); // third
    expect(hits('/flaky.xml')).toBe(3);
  });
});

describe('a cycle honours the pauses', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.close());

  it('fetches nothing from an outlet whose server asked for a pause: the cycle reports it deferred, its server sees nothing', async () => {
    const outlets: Outlet[] = [
      { id: 'paused', name: 'Paused Post', url: `${h.baseUrl}paused.xml` },
      { id: 'healthy', name: 'Healthy Herald', url: `${h.baseUrl}healthy.xml` },
    ];
    await h.registerOutlets(outlets);
    h.routes.set('/paused.xml', { kind: 'status', status: 429, headers: { 'retry-after': '3600' } });
    h.routes.set('/healthy.xml', { kind: 'feed', body: FEED });
    const first = await h.cycle();
    expect(first).toMatchObject({ outlets: 2, fetched: 1, failed: 1, deferred: 0 });

    h.routes.set('/paused.xml', { kind: 'feed', body: FEED.replace('q-1', 'q-2') });
    const second = await h.cycle();
    expect(second).toMatchObject({ outlets: 2, deferred: 1, failed: 0 });
    expect(second.reports.find((r) => r.outletId === 'paused')).toMatchObject({ status: 'deferred', nextFetchAfter: expect.any(String) });
    expect(h.requests.filter((r) => r.path === '/paused.xml')).toHaveLength(1);
    expect(h.requests.filter((r) => r.path === '/healthy.xml')).toHaveLength(2);
  });
});

describe('at most a few requests to one host at once', () => {
  let h: Harness;
  let slow: Server;
  let inFlight = 0;
  let peak = 0;
  let served = 0;
  beforeAll(async () => {
    h = await startHarness();
    // One publisher's server, slow to answer, carrying six of the outlets (sections of one site).
    slow = createServer((req, res) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      setTimeout(() => {
        inFlight--;
        served++;
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(FEED.replace('q-1', `q${req.url}`));
      }, 150);
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => slow?.close(resolve));
    await h?.close();
  });

  it('fetches six outlets of one host at most two at a time (FEEDMERGE_FETCHES_PER_HOST), while another host\u2019s outlet goes on', async () => {
    expect(runtime().config.fetch.perHost).toBe(2);
    const port = (slow.address() as AddressInfo).port;
    const sections = ['news', 'sport', 'business', 'culture', 'travel', 'weather'].map(
      (s): Outlet => ({ id: `big-${s}`, name: `Big Daily ${s}`, url: `http://127.0.0.1:${port}/${s}.xml` }),
    );
    await h.registerOutlets([...sections, { id: 'other', name: 'Other Herald', url: `${h.baseUrl}other.xml` }]);
    h.routes.set('/other.xml', { kind: 'feed', body: FEED.replace('q-1', 'o-1') });
    const summary = await h.cycle();
    expect(summary).toMatchObject({ outlets: 7, fetched: 7, failed: 0 });
    expect(served).toBe(6);
    expect(peak).toBe(2);
  });
});
