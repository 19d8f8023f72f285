/**
 * The pipeline benchmark's servers, in a process of their own (spawned by bench/pipeline.ts, with an IPC
 * channel), so that the benchmark's peak memory is the pipeline's alone — as in AWS, where the stores are
 * not in the Lambda's memory:
 *
 *   node --import tsx bench/servers.ts <outlets> <itemsPerOutlet>
 *
 * It holds the embedded stores (dynalite + s3rver in a temp folder, removed at exit) and the synthetic
 * world (bench/world.ts), each outlet's feed served over local HTTP at `/<outletId>.xml` with an ETag and a
 * 304 to a matching If-None-Match (the integration harness's 'feed' behaviour). It sends `ready` (how to
 * reach the stores and the outlets), then answers the parent's requests (`ServersRequest`); it closes
 * everything and exits on `close` or when the parent goes away.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { openStores } from '../cli/embedded.ts';
import type { Connection } from '../functions/storage/clients.ts';
import { addNewItems, rssOf, syntheticWorld, type World } from './world.ts';

/** What the parent needs of the world (the world itself, every item's HTML, stays here). */
export interface WorldSummary {
  readonly outletIds: readonly string[];
  readonly stories: number;
  /** Items in all the feeds together. */
  readonly feedItems: number;
}

/** Sent once the stores are open and the feeds served. */
export interface Ready {
  readonly type: 'ready';
  /** The outlet server: outlet `id`'s feed is at `${baseUrl}${id}.xml`. */
  readonly baseUrl: string;
  /** How the SDK clients reach the stores. */
  readonly connection: Connection;
  /** Configuration the stores imply (table and bucket names). */
  readonly env: Readonly<Record<string, string>>;
  readonly world: WorldSummary;
}

/** The parent's requests. */
export type ServersRequest =
  /** Forget the requests the outlet server has seen. */
  | { readonly type: 'resetRequests' }
  /** Requests the outlet server has seen since the last reset, and how many it answered 304. */
  | { readonly type: 'requestStats' }
  /** `addNewItems(world, share, seed)`, the feeds served anew. */
  | { readonly type: 'addNewItems'; readonly share: number; readonly seed?: number }
  /** This process's peak resident memory so far. */
  | { readonly type: 'peakRss' };

/** The answer to each request. */
export interface ServersReplies {
  readonly resetRequests: null;
  readonly requestStats: { readonly requests: number; readonly status304: number };
  readonly addNewItems: { readonly added: number; readonly world: WorldSummary };
  readonly peakRss: { readonly maxRssMb: number };
}

/** Parent → servers: a request (its `id` comes back with the answer) or `close`. */
export type ToServers = (ServersRequest & { readonly id: number }) | { readonly type: 'close' };

/** Servers → parent. */
export type FromServers =
  | Ready
  | { readonly type: 'reply'; readonly id: number; readonly reply: ServersReplies[keyof ServersReplies] }
  | { readonly type: 'failed'; readonly id: number; readonly message: string };

/** The module runs as the child; importing it for its types (`import type`) runs nothing. */
if (!process.send) throw new Error('bench/servers.ts runs as a child of bench/pipeline.ts, with an IPC channel');
const send = (message: FromServers) => process.send?.(message);

const outlets = Number(process.argv[2] ?? 100);
const itemsPerOutlet = Number(process.argv[3] ?? 50);

const stateDir = mkdtempSync(join(tmpdir(), 'feedmerge-bench-servers-'));
const stores = await openStores(stateDir, { own: true, env: {} });
const world: World = syntheticWorld(outlets, itemsPerOutlet);

/** Each outlet's feed by path, with its ETag (the SHA-1 of the body, as the harness's). */
const feeds = new Map<string, { readonly body: string; readonly etag: string }>();
const serve = () => {
  for (const id of world.outletIds) {
    const body = rssOf(id, world.feeds.get(id)!);
    feeds.set(`/${id}.xml`, { body, etag: `"${createHash('sha1').update(body).digest('hex')}"` });
  }
};
serve();
const summary = (): WorldSummary => ({
  outletIds: world.outletIds,
  stories: world.stories,
  feedItems: [...world.feeds.values()].reduce((n, items) => n + items.length, 0),
});

let requests = 0;
let status304 = 0;
const server = createServer((req, res) => {
  const feed = feeds.get(new URL(req.url ?? '/', 'http://x').pathname);
  requests++;
  if (!feed) return void res.writeHead(404).end();
  if (req.headers['if-none-match'] === feed.etag) {
    status304++;
    return void res.writeHead(304, { etag: feed.etag }).end();
  }
  return void res.writeHead(200, { etag: feed.etag, 'content-type': 'application/rss+xml' }).end(feed.body);
});
await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));

function answer(request: ServersRequest): ServersReplies[keyof ServersReplies] {
  switch (request.type) {
    case 'resetRequests':
      requests = 0;
      status304 = 0;
      return null;
    case 'requestStats':
      return { requests, status304 };
    case 'addNewItems': {
      const added = addNewItems(world, request.share, request.seed);
      serve();
      return { added, world: summary() };
    }
    case 'peakRss':
      return { maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) };
  }
}

let closed = false;
/** Closes the server and the stores, removes their folder, exits. */
async function shutdown(): Promise<void> {
  if (closed) return;
  closed = true;
  let code = 0;
  try {
    if (process.connected) process.disconnect();
    server.closeAllConnections();
    await new Promise<void>((ok) => server.close(() => ok()));
    await stores.close();
  } catch (err) {
    console.error(err);
    code = 1;
  }
  rmSync(stateDir, { recursive: true, force: true });
  process.exit(code);
}

process.on('message', (received) => {
  const message = received as ToServers;
  if (message.type === 'close') return void shutdown();
  try {
    send({ type: 'reply', id: message.id, reply: answer(message) });
  } catch (err) {
    send({ type: 'failed', id: message.id, message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
});
process.on('disconnect', () => void shutdown());
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void shutdown());

send({ type: 'ready', baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, connection: stores.connection!, env: stores.env, world: summary() });
