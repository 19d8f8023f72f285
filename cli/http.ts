/**
 * The local runner's two HTTP servers:
 * - the example outlets: a static folder, with ETag / Last-Modified and 304s like a real web server;
 * - the merged feed: `/feed.xml`, `/feed.atom`, `/feed.json` and `/`, read from the bucket (the bytes
 *   the publisher wrote, as CloudFront would serve them).
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { BUCKET, FEED_CONTENT_TYPES, type FeedFormat } from '../shared/core/schema.ts';

export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

const STATIC_TYPES: Record<string, string> = {
  '.xml': 'application/xml',
  '.rss': 'application/rss+xml',
  '.atom': 'application/atom+xml',
  '.json': 'application/json',
  '.html': 'text/html; charset=utf-8',
};

export interface DirectoryOptions {
  /** Answer conditional requests with 304 (default); off, it behaves like a server that ignores them. */
  conditional: boolean;
}

export async function serveDirectory(dir: string, port: number, options: DirectoryOptions = { conditional: true }): Promise<RunningServer> {
  const root = resolve(dir);
  return listen(
    createServer(async (req, res) => {
      try {
        const path = normalize(join(root, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
        if (!path.startsWith(root + sep)) return void res.writeHead(403).end();
        const info = await stat(path);
        if (!info.isFile()) return void res.writeHead(404).end();
        const body = await readFile(path);
        const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
        const lastModified = info.mtime.toUTCString();
        const headers = { etag, 'last-modified': lastModified, 'content-type': STATIC_TYPES[extname(path)] ?? 'application/octet-stream' };
        if (options.conditional && req.headers['if-none-match'] === etag) return void res.writeHead(304, headers).end();
        res.writeHead(200, { ...headers, 'content-length': body.length }).end(body);
      } catch {
        res.writeHead(404).end();
      }
    }),
    port,
  );
}

const ROUTES: Record<string, FeedFormat> = {
  '/': 'html',
  '/index.html': 'html',
  '/feed.xml': 'rss',
  '/feed.atom': 'atom',
  '/feed.json': 'json',
};

/** Pages made on request (the analysts' report), by path. */
export type DynamicPages = Record<string, () => Promise<string>>;

/** A feed object as read from the bucket: its bytes and, when the store says, when it was last written. */
export interface FeedObject {
  readonly body: string;
  readonly lastModified?: Date;
}

export interface MergedFeedOptions {
  /** Cache-Control max-age of the feed objects, in seconds (cacheMaxAge: from the runner's schedule). */
  readonly maxAgeSeconds?: number;
}

/**
 * How long readers may keep the feed without asking again: one cycle (the feed changes at most once per
 * cycle), at least a minute and at most an hour — with a long schedule, a copy fetched just before a cycle
 * would otherwise stay stale for most of the next one; revalidating costs a 304.
 */
export function cacheMaxAge(everyMinutes: number): number {
  return Math.min(3600, Math.max(60, Math.round(everyMinutes * 60)));
}

/**
 * The merged feed as CloudFront would serve the bucket's objects: a strong ETag (hash of the bytes),
 * Last-Modified (the object's last write; without one from the store, when this server first saw these
 * bytes), Cache-Control, and 304 for a matching If-None-Match or, without one, an If-Modified-Since not
 * older than Last-Modified. GET and HEAD.
 */
export async function serveMergedFeed(
  read: (key: string) => Promise<string | FeedObject | undefined>,
  port: number,
  pages: DynamicPages = {},
  options: MergedFeedOptions = {},
): Promise<RunningServer> {
  const maxAge = options.maxAgeSeconds ?? cacheMaxAge(15);
  // Per key: the ETag last served and since when those bytes are known (the fallback Last-Modified).
  const seen = new Map<string, { etag: string; since: Date }>();
  return listen(
    createServer(async (req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const page = pages[path];
      if (page) {
        try {
          const body = await page();
          return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' }).end(body);
        } catch (err) {
          return void res.writeHead(500, { 'content-type': 'text/plain' }).end(`storage error: ${(err as Error).message}\n`);
        }
      }
      const format = ROUTES[path];
      if (!format) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('GET or HEAD\n');
      try {
        const key = BUCKET.feedKeys[format];
        const found = await read(key);
        if (found === undefined) return void res.writeHead(503, { 'content-type': 'text/plain', 'cache-control': 'no-store' }).end('not published yet\n');
        const object: FeedObject = typeof found === 'string' ? { body: found } : found;
        const bytes = Buffer.from(object.body, 'utf8');
        const etag = `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 32)}"`;
        let known = seen.get(key);
        if (known?.etag !== etag) seen.set(key, (known = { etag, since: new Date() }));
        const lastModified = object.lastModified ?? known.since;
        const headers = { etag, 'last-modified': lastModified.toUTCString(), 'cache-control': `max-age=${maxAge}` };
        if (notModified(req.headers['if-none-match'], req.headers['if-modified-since'], etag, lastModified)) {
          return void res.writeHead(304, headers).end();
        }
        // Node sends no body for HEAD, with the headers (and length) a GET would have.
        res.writeHead(200, { ...headers, 'content-type': FEED_CONTENT_TYPES[format], 'content-length': bytes.length }).end(bytes);
      } catch (err) {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(`storage error: ${(err as Error).message}\n`);
      }
    }),
    port,
  );
}

/**
 * RFC 9110 13.1.2 and 13.1.3: If-None-Match (weak comparison: `W/` ignored; a list; `*`) decides when
 * present; If-Modified-Since only without it, at the second HTTP dates have.
 */
export function notModified(ifNoneMatch: string | undefined, ifModifiedSince: string | undefined, etag: string, lastModified: Date): boolean {
  if (ifNoneMatch !== undefined) {
    const tags = ifNoneMatch.match(/\*|(?:W\/)?"[^"]*"/g) ?? [];
    return tags.some((tag) => tag === '*' || tag.replace(/^W\//, '') === etag);
  }
  if (ifModifiedSince === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  return !Number.isNaN(since) && Math.floor(lastModified.getTime() / 1000) * 1000 <= since;
}

/** Is this port free on 127.0.0.1 (where the servers listen)? */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createNetServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/** A free port after `from` (none of `avoid`), to suggest when `from` is taken. */
export async function freePortAfter(from: number, avoid: readonly number[] = []): Promise<number | undefined> {
  for (let port = from + 1; port <= Math.min(65535, from + 50); port++) {
    if (!avoid.includes(port) && (await portIsFree(port))) return port;
  }
  return undefined;
}

async function listen(server: Server, port: number): Promise<RunningServer> {
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ok());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
