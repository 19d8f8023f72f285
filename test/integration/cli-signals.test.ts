/**
 * The runner stops cleanly on SIGTERM and SIGINT, however far it got: a real `feedmerge run` child
 * process, signalled after the first cycle and during it; it must exit 0 within seconds and free its ports.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portIsFree } from '../../cli/http.ts';

const BIN = join(import.meta.dirname, '../../cli/bin.mjs');

const RSS = `<?xml version="1.0"?>
<rss version="2.0"><channel><title>Slow Times</title><link>https://slow.example/</link><description>d</description>
<item><title>Harbour bridge reopens after repairs</title><link>https://slow.example/1</link><guid>slow-1</guid>
<pubDate>Fri, 20 Nov 2026 08:00:00 GMT</pubDate><description>The harbour bridge reopened on Friday after six weeks of repairs to its deck.</description></item>
</channel></rss>`;

interface Running {
  readonly child: ChildProcess;
  stderr: string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

function start(args: string[]): Running {
  const env = { ...process.env };
  for (const name of ['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_DYNAMODB', 'AWS_ENDPOINT_URL_S3']) delete env[name];
  const child = spawn(process.execPath, [BIN, 'run', ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const running: Running = {
    child,
    stderr: '',
    exited: new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() }))),
  };
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => void (running.stderr += chunk));
  return running;
}

/** Resolves with the first match of `pattern` in the child's stderr. */
async function waitFor(running: Running, pattern: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = running.stderr.match(pattern);
    if (match) return match;
    if (Date.now() > deadline || running.child.exitCode !== null) throw new Error(`no ${pattern} in:\n${running.stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Nothing listens there any more. */
function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((ok) => server.close(() => ok()));
  return port;
}

describe('feedmerge run stops cleanly on a signal', () => {
  let dir: string;
  let outlet: Server;
  let delayMs = 0;
  let requests = 0;
  const pending = new Set<NodeJS.Timeout>();
  let feeds: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'feedmerge-signals-'));
    outlet = createServer((_req, res) => {
      requests++;
      const timer = setTimeout(() => {
        pending.delete(timer);
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(RSS);
      }, delayMs);
      pending.add(timer);
    });
    await new Promise<void>((ok) => outlet.listen(0, '127.0.0.1', () => ok()));
    feeds = join(dir, 'feeds.json');
    const url = `http://127.0.0.1:${(outlet.address() as AddressInfo).port}/rss`;
    writeFileSync(feeds, JSON.stringify({ outlets: [{ id: 'slow-times', name: 'Slow Times', url }] }));
  });
  /** Until the runner's fetch has reached the outlet (the signal must find it in flight). */
  async function fetchInFlight(before: number): Promise<void> {
    for (const deadline = Date.now() + 30_000; requests === before; ) {
      if (Date.now() > deadline) throw new Error('the outlet was never fetched');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  afterAll(async () => {
    for (const timer of pending) clearTimeout(timer);
    outlet.closeAllConnections();
    await new Promise<void>((ok) => outlet.close(() => ok()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('SIGTERM once it serves: exits 0 within seconds, its ports and stores closed', async () => {
    delayMs = 0;
    const state = join(dir, 'after');
    const running = start(['--feeds', feeds, '--state', state, '--port', '0', '--serve-dir', dir, '--serve-port', '0']);
    try {
      const [, feedUrl] = await waitFor(running, /merged feed: (http:\/\/127\.0\.0\.1:\d+\/)feed\.xml/);
      const [, servePort] = await waitFor(running, /serving .* at http:\/\/127\.0\.0\.1:(\d+)\//);
      const endpoints = JSON.parse(readFileSync(join(state, 'endpoints.json'), 'utf8')) as { dynamodb: string; s3: string };
      const feed = await fetch(`${feedUrl}feed.xml`);
      expect(feed.status).toBe(200);
      expect(feed.headers.get('cache-control')).toBe('max-age=900');
      // The date of the object's last write in the bucket; the ETag answers a conditional GET with a 304.
      expect(Date.now() - Date.parse(feed.headers.get('last-modified')!)).toBeLessThan(120_000);
      expect((await fetch(`${feedUrl}feed.xml`, { headers: { 'if-none-match': feed.headers.get('etag')! } })).status).toBe(304);
      const ports = [feedUrl!, endpoints.dynamodb, endpoints.s3].map((u) => Number(new URL(u).port)).concat(Number(servePort));

      const sent = Date.now();
      running.child.kill('SIGTERM');
      const exit = await running.exited;
      expect(exit).toMatchObject({ code: 0, signal: null });
      expect(exit.at - sent).toBeLessThan(8_000);
      expect(running.stderr).toMatch(/\nSIGTERM: stopping…\nstopped\n$/);
      for (const port of ports) expect(await refused(port), `port ${port}`).toBe(true);
      expect(existsSync(join(state, 'endpoints.json'))).toBe(false);
    } finally {
      running.child.kill('SIGKILL');
    }
  }, 90_000);

  it('SIGINT during the first cycle: the fetch in flight finishes, nothing is published, exit 0, port free', async () => {
    delayMs = 2_500;
    const port = await freePort();
    const before = requests;
    const running = start(['--feeds', feeds, '--state', join(dir, 'during'), '--port', String(port)]);
    try {
      await waitFor(running, /cycle started /);
      await fetchInFlight(before);
      expect(await portIsFree(port)).toBe(false); // taken before the cycle
      const sent = Date.now();
      running.child.kill('SIGINT');
      const exit = await running.exited;
      expect(exit).toMatchObject({ code: 0, signal: null });
      expect(exit.at - sent).toBeLessThan(STOP_BOUND_MS);
      expect(running.stderr).toContain('SIGINT: stopping…');
      expect(running.stderr).toMatch(/cycle: 1 outlet — 1 fetched, .*stopped: 0 outlets not fetched, feed not published \(the next cycle publishes\)/);
      expect(running.stderr).not.toContain('merged feed:');
      expect(await refused(port)).toBe(true);
    } finally {
      running.child.kill('SIGKILL');
    }
  }, 90_000);

  it('a fetch that hangs does not hold the stop: after the grace period it stops without it', async () => {
    delayMs = 60_000;
    const before = requests;
    const running = start(['--feeds', feeds, '--state', join(dir, 'hung'), '--port', '0', '--once']);
    try {
      await waitFor(running, /cycle started /);
      await fetchInFlight(before);
      const sent = Date.now();
      running.child.kill('SIGTERM');
      const exit = await running.exited;
      expect(exit).toMatchObject({ code: 0, signal: null });
      expect(exit.at - sent).toBeGreaterThanOrEqual(5_000);
      expect(exit.at - sent).toBeLessThan(STOP_BOUND_MS);
      expect(running.stderr).toMatch(/SIGTERM: stopping…\nstopping without the fetches still in flight \(5 s passed\)\nstopped\n$/);
    } finally {
      running.child.kill('SIGKILL');
    }
  }, 90_000);
});

describe('npm start stops cleanly on a signal', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'feedmerge-npm-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('SIGTERM to npm during the first cycle: the runner (behind npm\'s shell) stops, closes its stores, frees its ports', async () => {
    const state = join(dir, 'state');
    const env = { ...process.env };
    for (const name of ['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_DYNAMODB', 'AWS_ENDPOINT_URL_S3']) delete env[name];
    const npm = spawn('npm', ['start', '--', '--state', state, '--port', '0', '--serve-port', '0'], {
      cwd: join(import.meta.dirname, '../..'),
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const running: Running = {
      child: npm,
      stderr: '',
      exited: new Promise((resolve) => npm.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() }))),
    };
    npm.stderr!.setEncoding('utf8').on('data', (chunk: string) => void (running.stderr += chunk));
    let runner: number | undefined;
    try {
      await waitFor(running, /cycle started /);
      const endpoints = JSON.parse(readFileSync(join(state, 'endpoints.json'), 'utf8')) as { pid: number; dynamodb: string; s3: string };
      runner = endpoints.pid;
      const [, servePort] = running.stderr.match(/serving .* at http:\/\/127\.0\.0\.1:(\d+)\//)!;
      npm.kill('SIGTERM');
      await running.exited;
      const deadline = Date.now() + STOP_BOUND_MS;
      while (alive(runner) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(alive(runner)).toBe(false);
      expect(existsSync(join(state, 'endpoints.json'))).toBe(false); // the stores were closed, not killed
      for (const port of [endpoints.dynamodb, endpoints.s3].map((u) => Number(new URL(u).port)).concat(Number(servePort))) {
        expect(await refused(port), `port ${port}`).toBe(true);
      }
    } finally {
      npm.kill('SIGKILL');
      if (runner !== undefined && alive(runner)) process.kill(runner, 'SIGKILL');
    }
  }, 90_000);
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The grace (5 s) and closing, on a busy machine. */
const STOP_BOUND_MS = 12_000;
