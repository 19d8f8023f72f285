import { ALLOW_PRIVATE, DENY_PRIVATE } from '../../shared/fetch/network-guard.ts';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULTS, loadRuntimeConfig, parseOutletsJson } from '../../shared/core/config.ts';
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

  it('reports invalid JSON with its line', () => {
    const text = `{
  "outlets": [
    { "id": "a", "name": "A", "url": "https://a.example/" }
    { "id": "b", "name": "B", "url": "https://b.example/" }
  ]
}`;
    expect(errorOf(text)).toMatch(/^feeds\.json:4: invalid JSON \(\w+\)$/);
  });

  it('rejects comments and trailing commas (strict JSON)', () => {
    expect(errorOf('{\n"outlets": [] // note\n}')).toMatch(/^feeds\.json:2: invalid JSON/);
    expect(errorOf('{\n"outlets": [\n{ "id": "a", "name": "A", "url": "https://a.example/" },\n]\n}')).toMatch(/^feeds\.json:\d+: invalid JSON/);
  });

  it('rejects an empty file', () => {
    expect(errorOf('')).toMatch(/^feeds\.json:1: invalid JSON/);
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
      feed: { title: DEFAULTS.feedTitle, description: DEFAULTS.feedDescription, baseUrl: DEFAULTS.feedBaseUrl, limit: DEFAULTS.feedLimit },
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
      feed: { title: 'Merged', description: 'All the news', baseUrl: 'https://feeds.example/merged/', limit: 20 },
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
