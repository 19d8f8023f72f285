/**
 * Storage faults, injected on the wire: a proxy in front of the real dynalite answers 500 or throttles
 * for a while. The SDK's retry strategy (functions/storage/clients.ts, 5 attempts with back-off) rides
 * out a short fault; a lasting one fails the ingest loudly — never a silent loss: the items are not
 * marked seen, so the job's retry (SQS, then the dead-letter queue) redoes them.
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedItem, Outlet } from '../../shared/core/model.ts';
import { ingestFeed } from '../../shared/dedup/ingest.ts';
import type { DynamoStore } from '../../functions/storage/dynamo.ts';
import { startHarness, type Harness, runtime } from './harness.ts';

/** Forwards to `target`, except that it answers the next `failures` requests itself with `fault`. */
function faultyProxy(target: URL) {
  const state = { failures: 0, injected: 0, forwarded: 0, fault: 'throttle' as 'throttle' | 'error' };
  const server: Server = createServer((req, res) => {
    if (state.failures > 0) {
      state.failures--;
      state.injected++;
      req.resume();
      if (state.fault === 'throttle') {
        res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-errortype': 'ThrottlingException' });
        res.end(JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#ThrottlingException', message: 'Rate exceeded' }));
      } else {
        res.writeHead(500, { 'content-type': 'application/x-amz-json-1.0' });
        res.end(JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'injected' }));
      }
      return;
    }
    state.forwarded++;
    const upstream = request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  return { server, state };
}

/** Three different stories, one per test. */
const TEXTS: Record<string, string> = {
  'dredging-throttle':
    'The harbour board approved a plan on Tuesday to dredge the outer channel before the winter storms arrive. ' +
    'Work will start next month and take six weeks, during which the ferry will use the north berth instead.',
  'dredging-error':
    'A new lifeboat station opened at Carrow Point on Saturday after three years of fundraising by the village. ' +
    'The volunteer crew of fourteen will cover the stretch of coast between the estuary and the lighthouse rocks.',
  'dredging-lasting':
    'The county library service will lend telescopes to readers from January, starting with the main branch. ' +
    'Each telescope comes with a star chart and a guide written by members of the local astronomy society.',
};
const item = (guid: string): FeedItem => ({
  guid,
  link: `https://harbour.example/${guid}`,
  title: `Harbour news: ${guid}`,
  published: '2026-11-20T08:00:00.000Z',
  html: `<p>${TEXTS[guid]}</p>`,
});
const outlet: Outlet = { id: 'harbour', name: 'Harbour Gazette', url: 'https://harbour.example/feed' };

describe('storage faults on the wire', () => {
  let h: Harness;
  let proxy: ReturnType<typeof faultyProxy>;
  let store: DynamoStore;
  let direct: string | undefined;
  beforeAll(async () => {
    h = await startHarness();
    direct = h.connection.endpoints.dynamodb;
    proxy = faultyProxy(new URL(direct!));
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    // A runtime's own clients (their configured retry strategy), connected through the proxy.
    const viaProxy = `http://127.0.0.1:${(proxy.server.address() as AddressInfo).port}`;
    store = h.runtimeWith({ connection: { ...h.connection, endpoints: { ...h.connection.endpoints, dynamodb: viaProxy } } }).table;
  });
  afterAll(async () => {
    proxy?.server.closeAllConnections();
    await new Promise<void>((resolve) => proxy?.server.close(() => resolve()));
    await h?.close();
  });

  const now = new Date('2026-11-20T09:00:00.000Z');

  it.each(['throttle', 'error'] as const)('rides out a short burst of %s answers through the SDK\u2019s retries', async (fault) => {
    proxy.state.fault = fault;
    proxy.state.failures = 3;
    const before = proxy.state.injected;
    const result = await ingestFeed(outlet, [item(`dredging-${fault}`)], { stories: store, contents: runtime().bucket, now });
    expect(proxy.state.injected - before).toBe(3);
    expect(result).toMatchObject({ items: 1, newStories: 1 });
    const listed = (await runtime().table.listStories()).filter((s) => s.copies.some((c) => c.url.endsWith(`dredging-${fault}`)));
    expect(listed).toHaveLength(1);
  });

  it('fails loudly on a lasting fault, and marks nothing seen: a retry of the job redoes the item', async () => {
    proxy.state.fault = 'error';
    proxy.state.failures = 1_000;
    await expect(ingestFeed(outlet, [item('dredging-lasting')], { stories: store, contents: runtime().bucket, now })).rejects.toThrow();
    proxy.state.failures = 0;
    // Nothing claims the item was recorded: the same ingest, retried once the store is back, records it.
    const retried = await ingestFeed(outlet, [item('dredging-lasting')], { stories: store, contents: runtime().bucket, now });
    expect(retried).toMatchObject({ items: 1, unchanged: 0 });
    const listed = (await runtime().table.listStories()).filter((s) => s.copies.some((c) => c.url.endsWith('dredging-lasting')));
    expect(listed).toHaveLength(1);
    expect(listed[0]!.copies).toHaveLength(1);
  });
});
