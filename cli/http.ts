/**
 * The local runner's two HTTP servers:
 * - the example outlets: a static folder, with ETag / Last-Modified and 304s like a real web server;
 * - the merged feed: `/feed.xml`, `/feed.atom`, `/feed.json` and `/`, read from the bucket (the bytes
 *   the publisher wrote, as CloudFront would serve them).
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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

export async function serveMergedFeed(read: (key: string) => Promise<string | undefined>, port: number, pages: DynamicPages = {}): Promise<RunningServer> {
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
      try {
        const body = await read(BUCKET.feedKeys[format]);
        if (body === undefined) return void res.writeHead(503, { 'content-type': 'text/plain' }).end('not published yet\n');
        res.writeHead(200, { 'content-type': FEED_CONTENT_TYPES[format] }).end(body);
      } catch (err) {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(`storage error: ${(err as Error).message}\n`);
      }
    }),
    port,
  );
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
