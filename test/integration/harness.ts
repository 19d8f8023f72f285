/**
 * Integration harness: the embedded stores (dynalite + s3rver over real HTTP, in a temp folder), a
 * programmable outlet web server, and the local runner's cycle (which calls the real handlers).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { Outlet } from '../../shared/core/model.ts';
import { openStores, type Stores } from '../../cli/embedded.ts';
import { runCycle, type CycleSummary } from '../../cli/cycle.ts';
import { createRuntime, type Runtime } from '../../functions/runtime.ts';
import { createClients, type ClientOptions, type Connection } from '../../functions/storage/clients.ts';

export type Behaviour =
  | { readonly kind: 'feed'; readonly body: string; readonly contentType?: string; readonly ignoreConditional?: boolean }
  | { readonly kind: 'status'; readonly status: number; readonly headers?: Record<string, string> }
  | { readonly kind: 'hang' }
  | { readonly kind: 'huge'; readonly bytes: number };

export interface Harness {
  readonly baseUrl: string;
  /** What each path of the outlet server does; change it between cycles. */
  readonly routes: Map<string, Behaviour>;
  /** Requests seen by the outlet server: path, conditional headers sent, status answered. */
  readonly requests: Array<{ path: string; conditional: boolean; status: number }>;
  /** The runtime the handlers are given: configuration (the harness's variables) and clients on the stores. */
  readonly rt: Runtime;
  /** How the runtime reaches the embedded stores. */
  readonly connection: Connection;
  /** Another runtime with the same configuration: its clients differently connected or observed. */
  runtimeWith(options: ClientOptions): Runtime;
  registerOutlets(outlets: readonly Outlet[]): Promise<void>;
  cycle(): Promise<CycleSummary>;
  s3Keys(): Promise<string[]>;
  close(): Promise<void>;
}

let current: Harness | undefined;

/**
 * The runtime of the harness started last. Each test file runs in a worker of its own and its `describe`s
 * one after another, each with its own harness: the one running is the last started.
 */
export function runtime(): Runtime {
  if (!current) throw new Error('no harness started');
  return current.rt;
}

/**
 * `env`: configuration variables (`FEEDMERGE_*`) for the runtime; `AWS_ENDPOINT_URL_SQS` points its SQS
 * client at a fake queue service. Nothing is read from or written to this process's environment.
 */
export async function startHarness(env: Record<string, string> = {}): Promise<Harness> {
  const stateDir = mkdtempSync(join(tmpdir(), 'feedmerge-it-'));
  const stores: Stores = await openStores(stateDir, { own: true, env: {} });
  const connection: Connection = { ...stores.connection!, endpoints: { ...stores.connection!.endpoints, sqs: env.AWS_ENDPOINT_URL_SQS } };
  const config = { ...stores.env, FEEDMERGE_FEED_URL: 'https://feeds.example/merged/', ...env };
  const runtimeWith = (options: ClientOptions) => createRuntime(config, { connection, ...options });
  const rt = runtimeWith({});
  const routes = new Map<string, Behaviour>();
  const requests: Harness['requests'] = [];
  const hanging = new Set<() => void>();

  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const behaviour = routes.get(path);
    const conditional = req.headers['if-none-match'] !== undefined || req.headers['if-modified-since'] !== undefined;
    const answer = (status: number) => requests.push({ path, conditional, status });
    if (!behaviour) {
      answer(404);
      return void res.writeHead(404).end();
    }
    switch (behaviour.kind) {
      case 'feed': {
        const etag = `"${createHash('sha1').update(behaviour.body).digest('hex')}"`;
        if (!behaviour.ignoreConditional && req.headers['if-none-match'] === etag) {
          answer(304);
          return void res.writeHead(304, { etag }).end();
        }
        answer(200);
        return void res.writeHead(200, { etag, 'content-type': behaviour.contentType ?? 'application/rss+xml' }).end(behaviour.body);
      }
      case 'status':
        answer(behaviour.status);
        return void res.writeHead(behaviour.status, behaviour.headers ?? {}).end('error page');
      case 'hang': {
        answer(0);
        const release = () => res.destroy();
        hanging.add(release);
        return;
      }
      case 'huge': {
        answer(200);
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.write('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>');
        const chunk = '<!-- padding -->'.repeat(4096);
        let sent = 0;
        const pump = () => {
          while (sent < behaviour.bytes) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end('</channel></rss>');
        };
        res.on('error', () => {});
        pump();
        return;
      }
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const s3 = createClients({ connection }).s3;

  const harness: Harness = {
    baseUrl,
    routes,
    requests,
    rt,
    connection,
    runtimeWith,
    async registerOutlets(outlets) {
      await rt.bucket.putOutlets(outlets);
    },
    cycle: () => runCycle(rt, () => {}),
    async s3Keys() {
      const res = await s3.send(new ListObjectsV2Command({ Bucket: rt.config.bucketName }));
      return (res.Contents ?? []).map((o) => o.Key ?? '').sort();
    },
    async close() {
      for (const release of hanging) release();
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
      s3.destroy();
      rt.close();
      await stores.close();
      rmSync(stateDir, { recursive: true, force: true });
      if (current === harness) current = undefined;
    },
  };
  current = harness;
  return harness;
}
