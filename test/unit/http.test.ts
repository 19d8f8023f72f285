import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveMergedFeed, type RunningServer } from '../../cli/http.ts';
import { BUCKET } from '../../shared/core/schema.ts';

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
