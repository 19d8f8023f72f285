import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheMaxAge, freePortAfter, portIsFree, serveMergedFeed, type RunningServer } from '../../cli/http.ts';
import { BUCKET, FEED_CONTENT_TYPES } from '../../shared/core/schema.ts';

describe('the local server of the merged feed', () => {
  let server: RunningServer;
  beforeAll(async () => {
    const objects: Record<string, string> = { [BUCKET.feedKeys.rss]: '<rss version="2.0"/>' };
    server = await serveMergedFeed(async (key) => objects[key], 0, {
      '/report': async () => '<!DOCTYPE html><title>report</title>',
      '/broken': async () => Promise.reject(new Error('table gone')),
    });
  });
  afterAll(() => server.close());

  it('serves the published feed objects with their content types, 503 before the first publish', async () => {
    const rss = await fetch(`${server.url}feed.xml`);
    expect(rss.status).toBe(200);
    expect(rss.headers.get('content-type')).toMatch(/^application\/rss\+xml/);
    expect(await rss.text()).toBe('<rss version="2.0"/>');
    expect((await fetch(`${server.url}feed.atom`)).status).toBe(503);
    expect((await fetch(`${server.url}nothing-here`)).status).toBe(404);
  });

  it('serves pages made on request (the report), and a 500 with the reason when one fails', async () => {
    const report = await fetch(`${server.url}report`);
    expect(report.status).toBe(200);
    expect(report.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await report.text()).toContain('<title>report</title>');
    const broken = await fetch(`${server.url}broken`);
    expect(broken.status).toBe(500);
    expect(await broken.text()).toContain('table gone');
  });
});

describe('the merged feed: validators, caching and conditional requests', () => {
  const WRITTEN = new Date('2026-11-20T08:00:00.000Z');
  let server: RunningServer;
  const objects: Record<string, string> = {
    [BUCKET.feedKeys.rss]: '<rss version="2.0"/>',
    [BUCKET.feedKeys.atom]: '<feed xmlns="http://www.w3.org/2005/Atom"/>',
    [BUCKET.feedKeys.json]: '{"version":"https://jsonfeed.org/version/1.1"}',
    [BUCKET.feedKeys.html]: '<!DOCTYPE html><title>feed</title>',
  };
  beforeAll(async () => {
    // The RSS object comes with its last write (as S3 gives it); the others without (the server's memory).
    server = await serveMergedFeed(
      async (key) => (key === BUCKET.feedKeys.rss ? { body: objects[key]!, lastModified: WRITTEN } : objects[key]),
      0,
      {},
      { maxAgeSeconds: cacheMaxAge(15) },
    );
  });
  afterAll(() => server.close());

  const get = (path: string, headers: Record<string, string> = {}, method = 'GET') => fetch(`${server.url}${path}`, { method, headers });

  it.each([
    ['feed.xml', 'rss'],
    ['feed.atom', 'atom'],
    ['feed.json', 'json'],
    ['', 'html'],
  ] as const)('/%s: 200 with a strong ETag, Last-Modified, Cache-Control and its content type', async (path, format) => {
    const res = await get(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    expect(Date.parse(res.headers.get('last-modified')!)).not.toBeNaN();
    expect(res.headers.get('cache-control')).toBe('max-age=900');
    expect(res.headers.get('content-type')).toBe(FEED_CONTENT_TYPES[format]);
    expect(await res.text()).toBe(objects[BUCKET.feedKeys[format]]);
  });

  it("gives the object's last write as Last-Modified when the store has it", async () => {
    expect((await get('feed.xml')).headers.get('last-modified')).toBe(WRITTEN.toUTCString());
  });

  it('answers 304 to a matching If-None-Match: strong, weak, in a list, or *', async () => {
    const etag = (await get('feed.atom')).headers.get('etag')!;
    for (const header of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const res = await get('feed.atom', { 'if-none-match': header });
      expect(res.status, header).toBe(304);
      expect(res.headers.get('etag')).toBe(etag);
      expect(res.headers.get('cache-control')).toBe('max-age=900');
      expect(await res.text()).toBe('');
    }
    expect((await get('feed.atom', { 'if-none-match': '"other"' })).status).toBe(200);
  });

  it('answers 304 to If-Modified-Since not older than Last-Modified, only without If-None-Match', async () => {
    const lastModified = WRITTEN.toUTCString();
    expect((await get('feed.xml', { 'if-modified-since': lastModified })).status).toBe(304);
    expect((await get('feed.xml', { 'if-modified-since': new Date(WRITTEN.getTime() + 60_000).toUTCString() })).status).toBe(304);
    expect((await get('feed.xml', { 'if-modified-since': new Date(WRITTEN.getTime() - 1000).toUTCString() })).status).toBe(200);
    expect((await get('feed.xml', { 'if-modified-since': 'not a date' })).status).toBe(200);
    // If-None-Match decides when present: a stale tag means 200 whatever the date says.
    expect((await get('feed.xml', { 'if-modified-since': lastModified, 'if-none-match': '"stale"' })).status).toBe(200);
  });

  it('keeps Last-Modified while the bytes stay, and moves it and the ETag when they change (no date from the store)', async () => {
    const first = await get('feed.json');
    const lastModified = first.headers.get('last-modified')!;
    expect((await get('feed.json', { 'if-modified-since': lastModified })).status).toBe(304);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await get('feed.json')).headers.get('last-modified')).toBe(lastModified);
    objects[BUCKET.feedKeys.json] = '{"version":"https://jsonfeed.org/version/1.1","items":[]}';
    const changed = await get('feed.json', { 'if-none-match': first.headers.get('etag')! });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(first.headers.get('etag'));
    expect(Date.parse(changed.headers.get('last-modified')!)).toBeGreaterThan(Date.parse(lastModified));
    expect((await get('feed.json', { 'if-modified-since': lastModified })).status).toBe(200);
  });

  it('answers HEAD with the headers of GET and no body; other methods 405', async () => {
    const head = await get('feed.xml', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(Buffer.byteLength(objects[BUCKET.feedKeys.rss]!)));
    expect(head.headers.get('etag')).toBe((await get('feed.xml')).headers.get('etag'));
    expect(await head.text()).toBe('');
    expect((await get('feed.xml', { 'if-none-match': head.headers.get('etag')! }, 'HEAD')).status).toBe(304);
    const post = await get('feed.xml', {}, 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('derives max-age from the schedule, clamped to a minute .. an hour', () => {
    expect(cacheMaxAge(15)).toBe(900);
    expect(cacheMaxAge(0.5)).toBe(60);
    expect(cacheMaxAge(24 * 60)).toBe(3600);
  });
});

describe('ports', () => {
  it('tells a taken port from a free one, and finds a free one after it', async () => {
    const taken = await serveMergedFeed(async () => undefined, 0);
    const port = Number(new URL(taken.url).port);
    try {
      expect(await portIsFree(port)).toBe(false);
      const free = await freePortAfter(port);
      expect(free).toBeGreaterThan(port);
      expect(await portIsFree(free!)).toBe(true);
    } finally {
      await taken.close();
    }
    expect(await portIsFree(port)).toBe(true);
  });
});
