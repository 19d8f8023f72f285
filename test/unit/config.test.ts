import { ALLOW_PRIVATE, DENY_PRIVATE } from '../../shared/fetch/network-guard.ts';
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  BLOCKED_PORTS,
  checkOutletUrl,
  ConfigError,
  DEFAULTS,
  lineColumn,
  loadRuntimeConfig,
  outletIdProblem,
  parseOutletsJson,
} from '../../shared/core/config.ts';
import { BUCKET, TABLE } from '../../shared/core/schema.ts';
import { DEFAULT_THRESHOLDS } from '../../shared/dedup/similarity.ts';

/** Runs parseOutletsJson and returns its ConfigError message (asserting it is a one-line ConfigError). */
function errorOf(text: string, baseUrl?: string): string {
  try {
    parseOutletsJson(text, 'feeds.json', baseUrl);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    const message = (err as Error).message;
    expect(message.split('\n')).toHaveLength(1);
    expect(message).not.toMatch(/\bat .*\(.*:\d+:\d+\)/); // no stack trace
    return message;
  }
  throw new Error('expected a ConfigError');
}

const VALID = `{
  "outlets": [
    { "id": "harbour-news", "name": "Harbour News", "url": "https://harbour.example/feed.xml" },
    { "id": "valley2", "name": "  Valley Courier ", "url": "http://valley.example/rss?format=full" }
  ]
}`;

describe('parseOutletsJson', () => {
  it('parses a valid file, trimming values and normalising URLs', () => {
    expect(parseOutletsJson(VALID, 'feeds.json')).toEqual({
      outlets: [
        { id: 'harbour-news', name: 'Harbour News', url: 'https://harbour.example/feed.xml' },
        { id: 'valley2', name: 'Valley Courier', url: 'http://valley.example/rss?format=full' },
      ],
    });
  });

  it('ignores unknown fields', () => {
    const text = '{ "outlets": [ { "id": "a", "name": "A", "url": "https://a.example/", "note": "x" } ], "version": 1 }';
    expect(parseOutletsJson(text, 'f').outlets).toEqual([{ id: 'a', name: 'A', url: 'https://a.example/' }]);
  });

  it('reports a missing url with the field and the line of its outlet', () => {
    const text = `{
  "outlets": [
    { "id": "a", "name": "A", "url": "https://a.example/feed" },
    { "id": "b", "name": "B" }
  ]
}`;
    expect(errorOf(text)).toBe('feeds.json:4: outlets[1].url is missing');
  });

  it('reports a missing id and name', () => {
    expect(errorOf('{\n"outlets": [\n{ "name": "A", "url": "https://a.example/" }\n]\n}')).toBe('feeds.json:3: outlets[0].id is missing');
    expect(errorOf('{\n"outlets": [\n{ "id": "a", "url": "https://a.example/" }\n]\n}')).toBe('feeds.json:3: outlets[0].name is missing');
  });

  it('reports an empty or non-string field', () => {
    expect(errorOf('{"outlets": [\n{ "id": "a", "name": "  ", "url": "https://a.example/" }]}')).toBe(
      'feeds.json:2: outlets[0].name must be a non-empty string',
    );
    expect(errorOf('{"outlets": [\n{ "id": 7, "name": "A", "url": "https://a.example/" }]}')).toBe('feeds.json:2: outlets[0].id must be a non-empty string');
  });

  it.each(['Harbour', 'harbour_news', '-harbour', 'h\u00E4rbour', 'a'.repeat(64), 'a b'])('rejects the bad id %j, naming the field', (id) => {
    const msg = errorOf(`{\n  "outlets": [\n    { "id": ${JSON.stringify(id)}, "name": "A", "url": "https://a.example/" }\n  ]\n}`);
    expect(msg).toMatch(/^feeds\.json:3: outlets\[0\]\.id /);
    expect(msg).toContain('lowercase letters, digits and dashes');
  });

  it('accepts an id of 63 characters', () => {
    const id = 'a'.repeat(63);
    expect(parseOutletsJson(`{"outlets":[{"id":"${id}","name":"A","url":"https://a.example/"}]}`, 'f').outlets[0]!.id).toBe(id);
  });

  it('rejects a duplicate id on the line of the second occurrence', () => {
    const text = `{
  "outlets": [
    { "id": "a", "name": "A", "url": "https://a.example/1" },
    { "id": "b", "name": "B", "url": "https://b.example/" },
    {
      "id": "a",
      "name": "A again",
      "url": "https://a.example/2"
    }
  ]
}`;
    expect(errorOf(text)).toBe('feeds.json:6: outlets[2].id "a" is listed twice');
  });

  it.each(['ftp://a.example/feed', 'file:///etc/passwd', 'javascript:alert(1)'])('rejects the non-http URL %s', (url) => {
    const msg = errorOf(`{\n"outlets": [\n{ "id": "a",\n"name": "A",\n"url": "${url}" }\n]\n}`);
    expect(msg).toMatch(/^feeds\.json:5: outlets\[0\]\.url must use http or https, not [a-z]+:$/);
  });

  it('reports invalid JSON with its line and column, in words', () => {
    const text = `{
  "outlets": [
    { "id": "a", "name": "A", "url": "https://a.example/" }
    { "id": "b", "name": "B", "url": "https://b.example/" }
  ]
}`;
    expect(errorOf(text)).toBe('feeds.json:4:5: invalid JSON: expected a comma, found "{"');
  });

  it('rejects comments and trailing commas (strict JSON)', () => {
    expect(errorOf('{\n"outlets": [] // note\n}')).toBe('feeds.json:2:15: invalid JSON: comments are not allowed in JSON');
    expect(errorOf('{\n"outlets": [\n{ "id": "a", "name": "A", "url": "https://a.example/" },\n]\n}')).toBe(
      'feeds.json:4:1: invalid JSON: a trailing comma before "]" (JSON allows none)',
    );
  });

  it('rejects an empty file', () => {
    expect(errorOf('')).toBe('feeds.json:1:1: invalid JSON: the file is empty');
    expect(errorOf(' \n ')).toBe('feeds.json:1:1: invalid JSON: the file is empty');
  });

  it('rejects a root that is not an object, a missing or non-array "outlets", and a non-object outlet', () => {
    expect(errorOf('[]')).toBe('feeds.json:1: expected an object { "outlets": [...] }');
    expect(errorOf('{ "feeds": [] }')).toBe('feeds.json:1: missing field "outlets"');
    expect(errorOf('{\n"outlets": {}\n}')).toBe('feeds.json:2: "outlets" must be an array');
    expect(errorOf('{\n"outlets": [\n"https://a.example/"\n]\n}')).toBe('feeds.json:3: outlets[0] must be an object');
  });

  it('rejects an empty outlets list', () => {
    expect(errorOf('{\n  "outlets": []\n}')).toBe('feeds.json:2: "outlets" is empty');
  });

  it('resolves a relative URL against the base URL', () => {
    const text = '{"outlets":[{"id":"a","name":"A","url":"/feeds/a.xml"},{"id":"b","name":"B","url":"b.xml"}]}';
    expect(parseOutletsJson(text, 'f', 'http://127.0.0.1:8400/feeds/').outlets.map((o) => o.url)).toEqual([
      'http://127.0.0.1:8400/feeds/a.xml',
      'http://127.0.0.1:8400/feeds/b.xml',
    ]);
  });

  it('keeps an absolute URL as it is when a base URL is given', () => {
    const text = '{"outlets":[{"id":"a","name":"A","url":"https://a.example/rss"}]}';
    expect(parseOutletsJson(text, 'f', 'http://127.0.0.1:8400/').outlets[0]!.url).toBe('https://a.example/rss');
  });

  it('rejects a relative URL without a base URL', () => {
    expect(errorOf('{\n"outlets": [\n{ "id": "a", "name": "A", "url": "/feeds/a.xml" }\n]\n}')).toBe(
      'feeds.json:3: outlets[0].url "/feeds/a.xml" is not an absolute http(s) URL',
    );
  });

  it.each([
    ['{\n  "outlets" []\n}', 'feeds.json:2:13: invalid JSON: expected ":" after the property name, found "["'],
    ['{\n  outlets: []\n}', 'feeds.json:2:3: invalid JSON: unexpected "outlets"'],
    ['{\n  "outlets": [\n    { "id": "a\n', 'feeds.json:3:13: invalid JSON: a string is not closed (missing ")'],
    ['{ "outlets": [] } }', 'feeds.json:1:19: invalid JSON: expected the end of the file after the value, found "}"'],
    ['{ "outlets": [ { "id": "a" }', 'feeds.json:1:29: invalid JSON: expected "]", found the end of the file'],
  ])('names the line, the column and the problem of invalid JSON: %j', (text, message) => {
    expect(errorOf(text)).toBe(message);
  });

  it('counts columns from 1, after the last line break', () => {
    expect(lineColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumn('ab\r\ncd', 4)).toEqual({ line: 2, column: 1 });
  });

  it('refuses a URL on a port fetch blocks, naming the port, when asked to (where outlets enter)', () => {
    const text = '{\n"outlets": [\n{ "id": "a", "name": "A",\n"url": "http://example.org:22/feed" }\n]\n}';
    try {
      parseOutletsJson(text, 'feeds.json', undefined, { rejectBlockedPorts: true });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as Error).message).toBe(
        'feeds.json:4: outlets[0].url "http://example.org:22/feed": port 22 is blocked by fetch (browsers\' bad-ports list); use the outlet\'s http(s) port',
      );
    }
    // A stored registry is read back without the rule: one old outlet must not stop the others.
    expect(parseOutletsJson(text, 'registry').outlets[0]!.url).toBe('http://example.org:22/feed');
    expect(parseOutletsJson(text.replace(':22', ':8080'), 'f', undefined, { rejectBlockedPorts: true }).outlets[0]!.url).toBe('http://example.org:8080/feed');
  });

  it('blocks the very ports undici blocks', () => {
    const require = createRequire(import.meta.url);
    const undici = require(join(dirname(require.resolve('undici')), 'lib/web/fetch/constants.js')) as { badPorts: readonly string[] };
    expect([...BLOCKED_PORTS].sort()).toEqual([...undici.badPorts].sort());
  });

  it('checks outlet ids and URLs the same way for every source', () => {
    expect(outletIdProblem('harbour-news')).toBeUndefined();
    expect(outletIdProblem('Bad')).toBe('must be lowercase letters, digits and dashes (at most 63)');
    expect(checkOutletUrl('https://a.example/rss', undefined)).toEqual({ ok: true, url: 'https://a.example/rss' });
    expect(checkOutletUrl('/rss', undefined)).toMatchObject({ ok: false, kind: 'invalid' });
    expect(checkOutletUrl('ftp://a.example/', undefined)).toEqual({ ok: false, kind: 'scheme', reason: 'must use http or https, not ftp:' });
    expect(checkOutletUrl('https://a.example:6000/', undefined, { rejectBlockedPorts: true })).toMatchObject({ ok: false, kind: 'port' });
    expect(checkOutletUrl('https://a.example:443/', undefined, { rejectBlockedPorts: true })).toEqual({ ok: true, url: 'https://a.example/' });
  });

  it('uses the given source name in messages', () => {
    try {
      parseOutletsJson('{}', 'config/outlets.json');
      expect.unreachable();
    } catch (err) {
      expect((err as Error).message.startsWith('config/outlets.json:1: ')).toBe(true);
    }
  });

  // Regression (fixed): messages quote the offending value raw (`"${id}"`, `"${rawUrl}"`), so a value containing an
  // escaped newline ("bad\nid" in the JSON) splits the error over two lines, against the module's
  // "errors are one line" contract. Quoting with JSON.stringify(value) would keep it on one line.
  it('keeps the message on one line when the bad value contains a newline', () => {
    errorOf('{\n"outlets": [\n{ "id": "bad\\nid", "name": "A", "url": "https://a.example/" }\n]\n}');
  });
});

describe('loadRuntimeConfig', () => {
  it('uses the defaults for an empty environment', () => {
    expect(loadRuntimeConfig({})).toEqual({
      tableName: TABLE.defaultName,
      bucketName: BUCKET.defaultName,
      s3ForcePathStyle: false,
      feed: { title: DEFAULTS.feedTitle, description: DEFAULTS.feedDescription, baseUrl: DEFAULTS.feedBaseUrl, limit: DEFAULTS.feedLimit, maxAgeSeconds: 900 },
      analytics: true,
      dedup: DEFAULT_THRESHOLDS,
      fetch: { timeoutMs: DEFAULTS.timeoutMs, maxBytes: DEFAULTS.maxBytes, maxItems: DEFAULTS.maxItems, userAgent: DEFAULTS.userAgent, network: ALLOW_PRIVATE, perHost: DEFAULTS.perHost },
    });
  });

  it('treats blank values as unset', () => {
    expect(loadRuntimeConfig({ FEEDMERGE_TABLE: '  ', FEEDMERGE_FEED_LIMIT: '' })).toMatchObject({
      tableName: TABLE.defaultName,
      feed: { limit: DEFAULTS.feedLimit },
    });
  });

  it('reads every variable', () => {
    const cfg = loadRuntimeConfig({
      FEEDMERGE_TABLE: 't1',
      FEEDMERGE_BUCKET: 'b1',
      FEEDMERGE_S3_FORCE_PATH_STYLE: 'true',
      FEEDMERGE_FEED_TITLE: 'Merged',
      FEEDMERGE_FEED_DESCRIPTION: 'All the news',
      FEEDMERGE_FEED_URL: 'https://feeds.example/merged',
      FEEDMERGE_FEED_LIMIT: ' 20 ',
      FEEDMERGE_FEED_MAX_AGE_SECONDS: '300',
      FEEDMERGE_FETCH_TIMEOUT_MS: '5000',
      FEEDMERGE_MAX_FEED_BYTES: '2048',
      FEEDMERGE_MAX_ITEMS: '10',
      FEEDMERGE_USER_AGENT: 'test-agent/1',
      FEEDMERGE_FETCHES_PER_HOST: '3',
      FEEDMERGE_NEAR_CONTAINMENT: '0.9',
      FEEDMERGE_NEAR_MIN_SHARED: '12',
      FEEDMERGE_NEAR_COVERAGE: '0.4',
      FEEDMERGE_NEAR_TITLE: '0.6',
      FEEDMERGE_NEAR_CONTAINMENT_WITH_TITLE: '0.75',
      FEEDMERGE_NEAR_CONFLICT_RATIO: '0',
      FEEDMERGE_DENY_PRIVATE_NETWORK: 'true',
      FEEDMERGE_ANALYTICS: 'false',
    });
    expect(cfg).toEqual({
      tableName: 't1',
      bucketName: 'b1',
      s3ForcePathStyle: true,
      feed: { title: 'Merged', description: 'All the news', baseUrl: 'https://feeds.example/merged/', limit: 20, maxAgeSeconds: 300 },
      analytics: false,
      dedup: { containment: 0.9, containmentWithTitle: 0.75, minShared: 12, coverage: 0.4, title: 0.6, conflictRatio: 0 },
      fetch: { timeoutMs: 5000, maxBytes: 2048, maxItems: 10, userAgent: 'test-agent/1', network: DENY_PRIVATE, perHost: 3 },
    });
  });

  it('denies private networks only for "true", and refuses anything but true or false', () => {
    expect(loadRuntimeConfig({ FEEDMERGE_DENY_PRIVATE_NETWORK: 'false' }).fetch.network).toBe(ALLOW_PRIVATE);
    expect(loadRuntimeConfig({ FEEDMERGE_DENY_PRIVATE_NETWORK: 'TRUE' }).fetch.network).toBe(DENY_PRIVATE);
    expect(() => loadRuntimeConfig({ FEEDMERGE_DENY_PRIVATE_NETWORK: 'yes' })).toThrow(/FEEDMERGE_DENY_PRIVATE_NETWORK must be true or false/);
  });

  it.each(['1.5', '-0.1', 'high', '0.8.1'])('rejects the near-duplicate ratio %j', (value) => {
    expect(() => loadRuntimeConfig({ FEEDMERGE_NEAR_CONTAINMENT: value })).toThrow(/FEEDMERGE_NEAR_CONTAINMENT must be a number from 0 to 1/);
  });

  it('only "true" turns on path-style S3', () => {
    expect(loadRuntimeConfig({ FEEDMERGE_S3_FORCE_PATH_STYLE: '1' }).s3ForcePathStyle).toBe(false);
    expect(loadRuntimeConfig({ FEEDMERGE_S3_FORCE_PATH_STYLE: 'yes' }).s3ForcePathStyle).toBe(false);
  });

  it('keeps a trailing slash on the feed URL', () => {
    expect(loadRuntimeConfig({ FEEDMERGE_FEED_URL: 'https://feeds.example/' }).feed.baseUrl).toBe('https://feeds.example/');
  });

  it.each(['feeds.example', '/feed/', 'ftp://feeds.example/'])('rejects the feed URL %j', (url) => {
    expect(() => loadRuntimeConfig({ FEEDMERGE_FEED_URL: url })).toThrow(ConfigError);
    expect(() => loadRuntimeConfig({ FEEDMERGE_FEED_URL: url })).toThrow(/FEEDMERGE_FEED_URL must be an absolute http\(s\) URL/);
  });

  it.each([
    ['FEEDMERGE_FEED_LIMIT', 'abc'],
    ['FEEDMERGE_FEED_LIMIT', '0'],
    ['FEEDMERGE_FEED_LIMIT', '1001'],
    ['FEEDMERGE_FEED_LIMIT', '-5'],
    ['FEEDMERGE_FEED_MAX_AGE_SECONDS', '86401'],
    ['FEEDMERGE_FETCH_TIMEOUT_MS', '2.5'],
    ['FEEDMERGE_FETCH_TIMEOUT_MS', '99'],
    ['FEEDMERGE_MAX_FEED_BYTES', '1023'],
    ['FEEDMERGE_MAX_FEED_BYTES', '10MB'],
    ['FEEDMERGE_MAX_ITEMS', '100001'],
    ['FEEDMERGE_MAX_ITEMS', 'NaN'],
  ])('rejects %s=%j with a one-line message naming the variable and the value', (name, value) => {
    let message = '';
    try {
      loadRuntimeConfig({ [name]: value });
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      message = (err as Error).message;
    }
    expect(message).toContain(name);
    expect(message).toContain(`"${value}"`);
    expect(message).toMatch(/must be an integer from \d+ to \d+/);
    expect(message).not.toContain('\n');
  });

  it('accepts the bounds of each range', () => {
    expect(loadRuntimeConfig({ FEEDMERGE_FEED_LIMIT: '1' }).feed.limit).toBe(1);
    expect(loadRuntimeConfig({ FEEDMERGE_FEED_LIMIT: '1000' }).feed.limit).toBe(1000);
    expect(loadRuntimeConfig({ FEEDMERGE_FETCH_TIMEOUT_MS: '100' }).fetch.timeoutMs).toBe(100);
    expect(loadRuntimeConfig({ FEEDMERGE_MAX_FEED_BYTES: '1024' }).fetch.maxBytes).toBe(1024);
  });
});
