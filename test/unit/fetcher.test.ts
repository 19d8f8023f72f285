import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchError, fetchFeed, redactUrl, type FetchLimits } from '../../shared/fetch/fetcher.ts';
import { ALLOW_PRIVATE, DENY_PRIVATE } from '../../shared/fetch/network-guard.ts';

const LIMITS: FetchLimits = { timeoutMs: 5_000, maxBytes: 64 * 1024, userAgent: 'feedmerge-test/1' };
const FEED = '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>';
const ETAG = '"v1-abc"';
const LAST_MODIFIED = 'Mon, 06 May 2024 08:00:00 GMT';

const seen: IncomingMessage['headers'][] = [];
let server: Server;
let base: string;

function handle(req: IncomingMessage, res: ServerResponse): void {
  seen.push(req.headers);
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  switch (path) {
    case '/feed':
      if (req.headers['if-none-match'] === ETAG) {
        res.writeHead(304, { etag: ETAG }).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: ETAG, 'last-modified': LAST_MODIFIED }).end(FEED);
      return;
    case '/since':
      if (req.headers['if-modified-since'] === LAST_MODIFIED) {
        res.writeHead(304).end();
        return;
      }
      res.writeHead(200, { 'last-modified': LAST_MODIFIED }).end(FEED);
      return;
    case '/error':
      res.writeHead(500, 'Internal Server Error', { 'content-type': 'text/html' }).end('<h1>oops</h1>');
      return;
    case '/missing':
      res.writeHead(404).end('not here');
      return;
    case '/redirect':
      res.writeHead(301, { location: '/feed' }).end();
      return;
    case '/loop':
      res.writeHead(302, { location: '/loop' }).end();
      return;
    case '/to-metadata':
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/iam/security-credentials/' }).end();
      return;
    case '/to-mapped-metadata':
      res.writeHead(307, { location: 'http://[::ffff:169.254.169.254]/latest/meta-data/' }).end();
      return;
    case '/to-named-metadata':
      res.writeHead(302, { location: 'http://metadata.internal/latest/meta-data/' }).end();
      return;
    case '/to-other-origin':
      res.writeHead(302, { location: `http://feeds.example.net:${(server.address() as AddressInfo).port}/feed` }).end();
      return;
    case '/to-file':
      res.writeHead(302, { location: 'file:///etc/passwd' }).end();
      return;
    case '/hang':
      return; // never answers
    case '/stall-body':
      res.writeHead(200, { 'content-type': 'application/xml' });
      res.write('<rss>'); // headers and a first chunk, then nothing
      return;
    case '/big-stream': {
      // No Content-Length: chunked transfer, 8 KiB at a time, far beyond the cap.
      res.writeHead(200, { 'content-type': 'application/xml' });
      const chunk = Buffer.alloc(8 * 1024, 0x61);
      let sent = 0;
      const pump = (): void => {
        while (sent < 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        res.end();
      };
      res.on('error', () => undefined);
      pump();
      return;
    }
    case '/big-declared':
      res.writeHead(200, { 'content-length': String(10 * 1024 * 1024), 'content-type': 'application/xml' });
      res.write('<rss>'); // the body would never be read anyway
      return;
    case '/exact':
      res.writeHead(200, { 'content-type': 'application/xml' }).end(Buffer.alloc(LIMITS.maxBytes, 0x62));
      return;
    default:
      res.writeHead(404).end();
  }
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function fetchError(url: string, limits: FetchLimits = LIMITS): Promise<FetchError> {
  try {
    await fetchFeed(url, {}, limits);
  } catch (err) {
    expect(err).toBeInstanceOf(FetchError);
    expect((err as Error).message).not.toContain('\n');
    return err as FetchError;
  }
  throw new Error('expected a FetchError');
}

describe('fetchFeed', () => {
  it('returns the body, content type, ETag and Last-Modified of a 200', async () => {
    const out = await fetchFeed(`${base}/feed`, {}, LIMITS);
    expect(out.status).toBe(200);
    if (out.status !== 200) return;
    expect(Buffer.from(out.body).toString('utf8')).toBe(FEED);
    expect(out.contentType).toBe('application/rss+xml; charset=utf-8');
    expect(out.etag).toBe(ETAG);
    expect(out.lastModified).toBe(LAST_MODIFIED);
  });

  it('sends the user agent and an Accept header for feeds', async () => {
    seen.length = 0;
    await fetchFeed(`${base}/feed`, {}, LIMITS);
    expect(seen[0]!['user-agent']).toBe('feedmerge-test/1');
    expect(seen[0]!.accept).toContain('application/rss+xml');
    expect(seen[0]!['if-none-match']).toBeUndefined();
  });

  it('sends If-None-Match and reports 304 when the ETag matches', async () => {
    seen.length = 0;
    const out = await fetchFeed(`${base}/feed`, { etag: ETAG }, LIMITS);
    expect(out).toEqual({ status: 304 });
    expect(seen[0]!['if-none-match']).toBe(ETAG);
  });

  it('gets a full 200 when the ETag does not match', async () => {
    const out = await fetchFeed(`${base}/feed`, { etag: '"stale"' }, LIMITS);
    expect(out.status).toBe(200);
  });

  it('sends If-Modified-Since from the stored Last-Modified', async () => {
    seen.length = 0;
    const out = await fetchFeed(`${base}/since`, { lastModified: LAST_MODIFIED }, LIMITS);
    expect(out).toEqual({ status: 304 });
    expect(seen[0]!['if-modified-since']).toBe(LAST_MODIFIED);
  });

  it('follows a redirect', async () => {
    const out = await fetchFeed(`${base}/redirect`, {}, LIMITS);
    expect(out.status).toBe(200);
  });

  it('turns a 500 into a FetchError with httpStatus 500', async () => {
    const err = await fetchError(`${base}/error`);
    expect(err.httpStatus).toBe(500);
    expect(err.message).toBe('HTTP 500 Internal Server Error');
  });

  it('turns a 404 into a FetchError with httpStatus 404', async () => {
    expect((await fetchError(`${base}/missing`)).httpStatus).toBe(404);
  });

  it('times out a server that never answers, within timeoutMs', async () => {
    const started = Date.now();
    const err = await fetchError(`${base}/hang`, { ...LIMITS, timeoutMs: 300 });
    const elapsed = Date.now() - started;
    expect(err.message).toMatch(/timed out after 300 ms/);
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(2_000);
  });

  it('times out a body that stalls after the headers', async () => {
    const started = Date.now();
    const err = await fetchError(`${base}/stall-body`, { ...LIMITS, timeoutMs: 300 });
    expect(err.message).toMatch(/timed out/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('abandons a streamed body (no Content-Length) as soon as it exceeds maxBytes', async () => {
    const err = await fetchError(`${base}/big-stream`);
    expect(err.message).toContain(`${LIMITS.maxBytes}-byte cap`);
    expect(err.httpStatus).toBe(200);
  });

  it('refuses a Content-Length over the cap up front', async () => {
    const started = Date.now();
    const err = await fetchError(`${base}/big-declared`);
    expect(err.message).toBe(`feed is ${10 * 1024 * 1024} bytes, over the ${LIMITS.maxBytes}-byte cap`);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('accepts a body of exactly maxBytes', async () => {
    const out = await fetchFeed(`${base}/exact`, {}, LIMITS);
    expect(out.status).toBe(200);
    if (out.status === 200) expect(out.body.byteLength).toBe(LIMITS.maxBytes);
  });

  it('reports a refused connection as a FetchError', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const err = await fetchError(`http://127.0.0.1:${port}/feed`);
    expect(err.message).toMatch(/^cannot connect: /);
    expect(err.message).toContain('ECONNREFUSED');
    expect(err.httpStatus).toBeUndefined();
  });

  it('never puts a query token from the URL into the error', async () => {
    const err = await fetchError(`${base}/error?token=abc123`);
    expect(err.message).not.toContain('abc123');
  });

  // Regression (fixed): Node's fetch refuses URLs with user-info by throwing a TypeError whose message quotes the whole
  // URL, and `causeOf` passes that message through: the FetchError reads "cannot connect: Request cannot
  // be constructed from a URL that includes credentials: http://alice:s3cret@…", leaking the password
  // into logs and the stored OUTLET state, against the module's "never includes credentials" contract.
  // (Such feeds also can never be fetched.) Fix: move user-info into an `Authorization: Basic` header and
  // fetch the URL without it, and/or build messages from `redactUrl(url)` instead of raw error text.
  it('never puts credentials from the URL into the error', async () => {
    const err = await fetchError(`${base.replace('http://', 'http://alice:s3cret@')}/error?token=abc`);
    expect(err.message).not.toContain('s3cret');
  });
});

describe('redactUrl', () => {
  it('strips user:pass and the query string', () => {
    expect(redactUrl('https://alice:s3cret@feeds.example:8443/path/feed.xml?token=abc&x=1#frag')).toBe('https://feeds.example:8443/path/feed.xml?…');
  });

  it('leaves a plain URL alone', () => {
    expect(redactUrl('http://feeds.example/feed.xml')).toBe('http://feeds.example/feed.xml');
  });

  it('drops a user name without password', () => {
    expect(redactUrl('https://alice@feeds.example/')).toBe('https://feeds.example/');
  });

  it('does not echo an invalid URL', () => {
    expect(redactUrl('not a url with password=hunter2')).toBe('<invalid URL>');
  });
});

describe('fetchFeed: the network guard', () => {
  /** A resolver the test controls: public-looking names that lead to this machine or to metadata. */
  const resolve: FetchLimits['resolve'] = async (hostname) => {
    const table: Record<string, string> = {
      'news.example.com': '127.0.0.1',
      'feeds.example.net': '127.0.0.1',
      'metadata.internal': '169.254.169.254',
      'rebind.example.org': '10.0.0.7',
    };
    const address = table[hostname];
    if (!address) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return [{ address, family: 4 }];
  };
  const port = () => (server.address() as AddressInfo).port;
  const deny: FetchLimits = { ...LIMITS, network: DENY_PRIVATE, resolve };
  const allow: FetchLimits = { ...LIMITS, network: ALLOW_PRIVATE, resolve };

  it('connects to the address the resolver gave, resolved once (allowed when private networks are)', async () => {
    seen.length = 0;
    const out = await fetchFeed(`http://news.example.com:${port()}/feed`, {}, allow);
    expect(out.status).toBe(200);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.host).toBe(`news.example.com:${port()}`);
  });

  it('with private networks denied, refuses a name that resolves to loopback: no request reaches the server', async () => {
    seen.length = 0;
    const err = await fetchError(`http://news.example.com:${port()}/feed`, deny);
    expect(err.message).toBe('refused: news.example.com resolves to a private address');
    expect(seen).toHaveLength(0);
  });

  it('with private networks denied, refuses literal loopback and private addresses, IPv4-mapped ones too', async () => {
    seen.length = 0;
    for (const url of [`http://127.0.0.1:${port()}/feed`, `http://[::ffff:127.0.0.1]:${port()}/feed`, 'http://10.1.2.3/feed', 'http://[::1]/feed']) {
      expect((await fetchError(url, deny)).message, url).toMatch(/^refused: .* is a private address$/);
    }
    expect((await fetchError(`http://rebind.example.org:${port()}/feed`, deny)).message).toBe('refused: rebind.example.org resolves to a private address');
    expect(seen).toHaveLength(0);
  });

  it('always refuses a redirect to the instance-metadata address, literal, IPv4-mapped or by name', async () => {
    for (const path of ['/to-metadata', '/to-mapped-metadata', '/to-named-metadata']) {
      seen.length = 0;
      const err = await fetchError(`${base}${path}`, allow);
      expect(err.message, path).toMatch(/^refused: (169\.254\.169\.254 is|::ffff:a9fe:a9fe is|metadata\.internal resolves to) a link-local address$/);
      expect(seen, path).toHaveLength(1); // the redirecting server only
    }
  });

  it('stops a redirect loop after ten redirects: eleven requests in all', async () => {
    seen.length = 0;
    const err = await fetchError(`${base}/loop`, allow);
    expect(err.message).toBe('more than 10 redirects');
    expect(seen).toHaveLength(11);
  });

  it('follows redirects only to http(s)', async () => {
    expect((await fetchError(`${base}/to-file`, allow)).message).toBe('redirect to a file: URL');
  });

  it('never sends the URL\u2019s credentials to another origin a redirect names', async () => {
    seen.length = 0;
    const out = await fetchFeed(`http://reader:s3cret@127.0.0.1:${port()}/to-other-origin`, {}, allow);
    expect(out.status).toBe(200);
    expect(seen).toHaveLength(2);
    expect(seen[0]!.authorization).toBe(`Basic ${Buffer.from('reader:s3cret').toString('base64')}`);
    expect(seen[1]!.authorization).toBeUndefined();
    expect(seen[1]!.host).toBe(`feeds.example.net:${port()}`);
  });
});
