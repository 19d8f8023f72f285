/**
 * feedmerge command line. Data goes to stdout (machine-readable with --format json/csv), progress
 * and errors to stderr. Usage errors and bad configuration exit with 2 and one line, no stack trace.
 */
import { mapConcurrent } from '../shared/core/concurrency.ts';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { checkOutletUrl, ConfigError, outletIdProblem, parseOutletsJson, BLOCKED_PORTS } from '../shared/core/config.ts';
import { parseOpml, renderOpml } from '../shared/core/opml.ts';
import type { Outlet } from '../shared/core/model.ts';
import type { SyndicatedStory } from '../shared/analytics/syndication.ts';
import { renderReport } from '../shared/analytics/report.ts';
import { rebuildRows, writeLogs } from '../shared/analytics/export.ts';
import { publicationFeeds } from '../shared/publish/publish.ts';
import { createRuntime, type Runtime } from '../functions/runtime.ts';
import { MissingStateError, openStores, type Stores } from './embedded.ts';
import { cacheMaxAge, freePortAfter, serveDirectory, serveMergedFeed, type FeedObject, type RunningServer } from './http.ts';
import { runCycle, summaryLine } from './cycle.ts';
import { storiesCsv, storiesTable, storyJson } from './output.ts';
import { evaluateCorpus, formatScore } from './eval.ts';
import { renderFlows, renderOutletStats, renderRows, renderStory } from './analytics.ts';
import { runSql } from './sql.ts';
import { flows, outletStats } from '../shared/analytics/syndication.ts';
import type { AwsClients, ClientOptions } from '../functions/storage/clients.ts';
import { RequestMeter, meterDynamo, meterS3 } from '../functions/storage/meter.ts';
import { NotFoundError, parseCommand, UsageError, wantsHelp, type CommandSpec, type OptionTable, type Parsed } from './options.ts';
import {
  EVAL,
  EXPORT_ANALYTICS,
  FEED,
  FLOWS,
  globalUsage,
  helpText,
  OUTLETS_ACTIONS,
  outletsHelp,
  REPORT,
  RUN,
  SERVE,
  SQL,
  STORIES,
  STORY,
} from './commands.ts';
import { count } from './plural.ts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** A command's arguments parsed against its option table (commands.ts), with the checks every command shares. */
function parse<O extends OptionTable>(spec: CommandSpec<O>, args: string[]): Parsed<O> {
  const parsed = parseCommand(spec, args);
  // Both given, one would be ignored without a word.
  if (parsed.given.has('state') && parsed.given.has('aws')) throw new UsageError('--state and --aws exclude each other: pass one');
  return parsed;
}

function int(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}`);
  return n;
}

function oneOf<T extends string>(value: string, name: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
  return value as T;
}

const log = (line: string): void => void process.stderr.write(`${line}\n`);

/** After a signal, how long the fetches in flight may take before the runner stops without them. */
const STOP_GRACE_MS = 5_000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => void setTimeout(resolve, ms).unref());

/** Waits until `time`, or until `stop` is aborted. */
function waitUntil(time: number, stop: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, Math.max(0, time - Date.now()));
    stop.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}

async function commandRun(args: string[]): Promise<void> {
  // First of all: a signal at any moment, during the first cycle too, stops the runner cleanly instead
  // of killing it with its stores open.
  const stop = new AbortController();
  let stoppingSince = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stop.signal.aborted) {
      // Under npm, Ctrl-C arrives twice at once (from the terminal, and forwarded by npm): that is one
      // stop. A second signal a moment later is the user insisting: exit now.
      if (Date.now() - stoppingSince < 1_000) return;
      log(`${signal} again: exiting without closing`);
      process.exit(signal === 'SIGINT' ? 130 : 143);
    }
    stoppingSince = Date.now();
    log(`${signal}: stopping…`);
    stop.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // Under npm the parent is the shell npm runs the script in. A SIGTERM sent to npm is forwarded to that
  // shell, which ends without passing it on (dash does not exec the command), and this process would run
  // on, orphaned. So under npm, losing the parent is the stop signal.
  const parent = process.ppid;
  const orphaned = process.env.npm_lifecycle_event
    ? setInterval(() => {
        if (process.ppid === parent || stop.signal.aborted) return;
        log('npm stopped (its shell is gone): stopping…');
        stoppingSince = Date.now();
        stop.abort();
      }, 250).unref()
    : undefined;
  const aborted = new Promise<void>((resolve) => stop.signal.addEventListener('abort', () => resolve(), { once: true }));
  const closers: Array<() => Promise<void>> = [];
  try {
    const { values } = parse(RUN, args);
    if (!values.feeds) throw new UsageError('run needs --feeds <file>, e.g. --feeds examples/feeds.json');
    const every = int(values.every, 'every', 1, 7 * 24 * 60)!;
    const port = int(values.port, 'port', 0, 65535)!;
    const serveDir = values['serve-dir'];
    const servePortGiven = values['serve-port'] !== undefined;
    const servePort = int(values['serve-port'] ?? '8401', 'serve-port', 0, 65535)!;
    if (servePortGiven && !serveDir) throw new UsageError('--serve-port needs --serve-dir <dir> (the folder it serves)');
    if (serveDir) {
      if (!isDirectory(serveDir)) throw new UsageError(`--serve-dir ${serveDir}: no such folder`);
      // The runner fetches its outlets from this server: fetch would refuse the port.
      if (BLOCKED_PORTS.has(String(servePort))) {
        throw new UsageError(`--serve-port ${servePort}: port ${servePort} is blocked by fetch (browsers' bad-ports list), which reads from it; pass another`);
      }
      if (!values.once && port !== 0 && port === servePort) throw new UsageError(`--port and --serve-port are both ${port}: pass two different ports`);
    }
    const feedsText = readFeedsFile(values.feeds);
    // The feed objects' Cache-Control (publish writes it) and the local server's say the same.
    const maxAgeEnv = process.env.FEEDMERGE_FEED_MAX_AGE_SECONDS?.trim();
    const maxAge = maxAgeEnv && /^\d+$/.test(maxAgeEnv) ? Number(maxAgeEnv) : cacheMaxAge(every);

    // The ports are taken before anything runs: one in use is an error now, not after a cycle.
    let rt: Runtime | undefined;
    let server: RunningServer | undefined;
    if (!values.once) {
      // Until the stores are open, the feed is "not published yet" (503).
      server = await bind(
        (p) =>
          serveMergedFeed((key) => (rt ? readFeedObject(rt, key) : Promise.resolve(undefined)), p, {
            '/report': async () => {
              if (!rt) throw new Error('starting');
              return reportPage(rt, await syndication(rt, {}), {});
            },
          }, { maxAgeSeconds: maxAge }),
        port,
        '--port',
        serveDir ? [servePort] : [],
      );
      closers.push(server.close);
    }
    let examples: RunningServer | undefined;
    if (serveDir) {
      examples = servePortGiven
        ? await bind((p) => serveDirectory(serveDir, p), servePort, '--serve-port', [port])
        : await listenWithFallback((p) => serveDirectory(serveDir, p), servePort);
      closers.push(examples.close);
    }
    const { outlets } = parseOutletsJson(feedsText, values.feeds, examples?.url, { rejectBlockedPorts: true });
    if (serveDir && examples) {
      const fellBack = !servePortGiven && servePort !== 0 && !examples.url.endsWith(`:${servePort}/`);
      log(`serving ${serveDir} at ${examples.url}${fellBack ? ` (port ${servePort} is in use)` : ''}`);
    }
    if (stop.signal.aborted) return;
    const stores = await openStores(values.state, { own: true });
    closers.push(() => stores.close());
    log(`storage: ${stores.description}`);
    const runtime = createRuntime({
      ...process.env,
      ...stores.env,
      FEEDMERGE_FEED_URL: process.env.FEEDMERGE_FEED_URL ?? (server ? server.url : `http://127.0.0.1:${port === 0 ? 8400 : port}/`),
      FEEDMERGE_FEED_MAX_AGE_SECONDS: String(maxAge),
      // The guard the deployed stack always has: no loopback or private address, through any URL or redirect.
      ...(values['deny-private-network'] ? { FEEDMERGE_DENY_PRIVATE_NETWORK: 'true' } : {}),
    }, { connection: stores.connection });
    closers.push(async () => runtime.close());
    // A changed registry changes the feed (outlet names and links): the next publish renders.
    if (await runtime.bucket.putOutlets(outlets)) await runtime.table.bumpFeedVersion(new Date().toISOString());
    rt = runtime;

    // After a signal, the fetches in flight get STOP_GRACE_MS; a slow outlet does not hold the stop.
    const graceOver = aborted.then(() => sleep(STOP_GRACE_MS)).then(() => 'grace over' as const);
    const cycle = async (): Promise<void> => {
      log(`cycle started ${new Date().toISOString()} — ${count(outlets.length, 'outlet')}`);
      const work = runCycle(runtime, log, stop.signal);
      const done = await Promise.race([work, graceOver]);
      if (done === 'grace over') {
        work.catch(() => {});
        log(`stopping without the fetches still in flight (${STOP_GRACE_MS / 1000} s passed)`);
        return;
      }
      log(summaryLine(done));
    };
    let next = Date.now();
    if (stop.signal.aborted) return;
    await cycle();
    if (values.once || stop.signal.aborted || !server) return;

    const url = server.url;
    log(`merged feed: ${url}feed.xml  ${url}feed.atom  ${url}feed.json  ${url}  report: ${url}report`);
    log(`next cycle every ${every} min; Ctrl-C stops`);
    while (!stop.signal.aborted) {
      // Every `every` minutes from the start of the last cycle; one that ran longer is followed at once.
      next = Math.max(next + every * 60_000, Date.now());
      await waitUntil(next, stop.signal);
      if (stop.signal.aborted) break;
      await cycle().catch((err: Error) => void log(`cycle failed: ${firstLine(err.message)}`));
    }
  } finally {
    clearInterval(orphaned);
    for (const close of closers.reverse()) await close().catch(() => {});
    if (!stop.signal.aborted) {
      // Done without a signal: from here on, a signal has its default effect.
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    } else {
      log('stopped');
      // A fetch left in flight must not keep the process alive: the servers and stores are closed.
      setTimeout(() => process.exit(), 1_000).unref();
    }
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function readFeedsFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`${path}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}

/** Listens on `port`; taken (or privileged), it is a usage error that suggests a free one. */
async function bind(start: (port: number) => Promise<RunningServer>, port: number, option: string, avoid: readonly number[]): Promise<RunningServer> {
  try {
    return await start(port);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EADDRINUSE' && code !== 'EACCES') throw err;
    const free = await freePortAfter(port, avoid);
    // Under `npm start`, the options go after `--`.
    const example = free === undefined ? '' : process.env.npm_lifecycle_event === 'start' ? ` (npm start -- ${option} ${free})` : ` (e.g. ${option} ${free})`;
    throw new UsageError(`port ${port} ${code === 'EACCES' ? 'needs privileges' : 'is in use'}: pass another with ${option} <n>${example}`);
  }
}

/** The --serve-dir server on its default port, or on any free one if that is taken (its URL is logged). */
async function listenWithFallback(start: (port: number) => Promise<RunningServer>, port: number): Promise<RunningServer> {
  try {
    return await start(port);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === 0) throw err;
    return start(0);
  }
}

/**
 * A feed object and the date of its last write (HEAD, then the body through the store, which orders its
 * reads after its writes of the same key: a HEAD older than the body only makes Last-Modified earlier).
 */
async function readFeedObject(rt: Runtime, key: string): Promise<FeedObject | undefined> {
  let lastModified: Date | undefined;
  try {
    lastModified = (await rt.clients.s3.send(new HeadObjectCommand({ Bucket: rt.config.bucketName, Key: key }))).LastModified;
  } catch (err) {
    if ((err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return undefined;
    throw err;
  }
  const body = await rt.bucket.getText(key);
  return body === undefined ? undefined : { body, ...(lastModified ? { lastModified } : {}) };
}

/**
 * Opens the stores (those of a running runner, or its own), builds a runtime on them, runs `fn`.
 * `mustExist` (all but outlets add/import): a state folder without state is an error, not an empty store.
 */
async function withStores<T>(
  values: { state?: string; aws?: boolean },
  fn: (rt: Runtime) => Promise<T>,
  observe?: ClientOptions['observe'],
  mustExist = true,
): Promise<T> {
  const stores: Stores = await openStores(values.state ?? '.feedmerge', { own: false, aws: values.aws, mustExist });
  const rt = createRuntime({ ...process.env, ...stores.env }, { connection: stores.connection, observe });
  try {
    return await fn(rt);
  } finally {
    rt.close();
    await stores.close();
  }
}

function isoOption(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  const t = ISO_DATE.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(t)) throw new UsageError(`--${name} must be an ISO 8601 date (2026-11-20 or 2026-11-20T08:00:00Z), got ${JSON.stringify(value)}`);
  return new Date(t).toISOString();
}

/** The stories first published in [--since, --until), each with every copy. */
function range(values: { since?: string; until?: string }): { since?: string; until?: string } {
  const since = isoOption(values.since, 'since');
  const until = isoOption(values.until, 'until');
  if (since && until && since >= until) throw new UsageError(`--since (${since}) must be before --until (${until})`);
  return { since, until };
}

/**
 * Runs an analysts' command; with --stats, the DynamoDB and S3 requests it made (and the read units)
 * go to stderr: they grow with the stories in the range and the outlets' items, never with the table.
 */
async function analyse<T>(values: { state?: string; aws?: boolean; stats?: boolean }, fn: (rt: Runtime) => Promise<T>): Promise<T> {
  const meter = new RequestMeter();
  const observe = values.stats
    ? (clients: AwsClients) => {
        meterDynamo(clients.dynamodb, meter);
        meterS3(clients.s3, meter);
      }
    : undefined;
  const result = await withStores(values, fn, observe);
  if (values.stats) log(statsLine(meter));
  return result;
}

function statsLine(meter: RequestMeter): string {
  const t = meter.totals();
  const byCommand = [...meter.dynamodb].map(([command, c]) => `${command.replace(/Command$/, '')} ${c.requests}`).join(', ');
  const s3 = [...meter.s3].map(([command, n]) => `${command.replace(/Command$/, '')} ${n}`).join(', ');
  return `requests: DynamoDB ${t.dynamoRequests} (${byCommand || 'none'}; no Scan), ${t.readUnits.toFixed(1)} read units; S3 ${t.s3Requests}${s3 ? ` (${s3})` : ''}`;
}

async function commandStories(args: string[]): Promise<void> {
  const { values } = parse(STORIES, args);
  const format = oneOf(values.format, 'format', ['table', 'json', 'csv'] as const);
  const minCopies = int(values['min-copies'], 'min-copies', 1, 10_000) ?? 1;
  const limit = int(values.limit, 'limit', 1, 1_000_000);
  const r = range(values);
  const words = (values.search ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  // Filters that need the story are applied after reading it: the index read stays the same.
  const filtered = words.length > 0 || minCopies > 1;
  const stories = (
    await analyse(values, async (rt) => {
      // An outlet nobody knows would list no story: a mistyped id must not look like "no stories".
      if (values.outlet !== undefined) await mustBeKnownOutlet(rt, values.outlet);
      return rt.table.listStories({ ...r, outletId: values.outlet, limit: filtered ? undefined : limit });
    })
  )
    .filter((s) => s.copies.length >= minCopies)
    .filter((s) => words.every((w) => [s.story.title, ...s.copies.map((c) => c.title)].some((t) => t.toLowerCase().includes(w))))
    .slice(0, limit);
  if (format === 'json') process.stdout.write(`${JSON.stringify(stories.map(storyJson), null, 2)}\n`);
  else if (format === 'csv') process.stdout.write(storiesCsv(stories));
  else process.stdout.write(storiesTable(stories));
}

/** The outlets the store knows: the registry's and those with copies (outlets since removed included). */
async function knownOutletIds(rt: Runtime): Promise<string[]> {
  // The index lookup's batch carries the list of outlets with copies; no hash or key is asked for.
  const [registry, index] = await Promise.all([rt.bucket.findOutlets(), rt.table.lookup([], [])]);
  return [...new Set([...(registry ?? []).map((o) => o.id), ...(index.outlets ?? [])])].sort();
}

async function mustBeKnownOutlet(rt: Runtime, id: string): Promise<void> {
  const known = await knownOutletIds(rt);
  if (known.includes(id)) return;
  const SHOWN = 30;
  const list = known.length === 0
    ? 'no outlet is known yet (feedmerge outlets import, or feedmerge run)'
    : `the known outlets are ${known.slice(0, SHOWN).join(', ')}${known.length > SHOWN ? `, … (${known.length - SHOWN} more: feedmerge outlets list)` : ''}`;
  throw new NotFoundError(`no outlet ${JSON.stringify(id)}: ${list}`);
}

async function commandStory(args: string[]): Promise<void> {
  const { values, positionals } = parse(STORY, args);
  const id = positionals[0];
  if (!id) throw new UsageError('story needs a story id (feedmerge stories lists them)');
  if (!/^[0-9a-f]{24}$/.test(id)) throw new UsageError(`a story id is 24 hex digits, got ${JSON.stringify(id)}`);
  const format = oneOf(values.format, 'format', ['table', 'json', 'csv'] as const);
  const { since, until } = range(values);
  const found = await analyse(values, async (rt) => {
    const { table, bucket } = rt;
    const story = await table.getStory(id);
    if (!story) return undefined;
    const content = await bucket.getCanonical(story.story.canonicalHash);
    return { story, text: content?.basis === 'body' ? content.paragraphs : undefined };
  });
  if (!found) throw new NotFoundError(`no story ${id}`);
  // --since/--until keep the copies published in that range.
  const copies = found.story.copies.filter((c) => (!since || c.published >= since) && (!until || c.published < until));
  process.stdout.write(renderStory({ ...found.story, copies }, found.text, format));
}

async function commandFlows(args: string[]): Promise<void> {
  const { values } = parse(FLOWS, args);
  const format = oneOf(values.format, 'format', ['table', 'json', 'csv'] as const);
  const r = range(values);
  const stories = await analyse(values, (rt) => syndication(rt, r));
  process.stdout.write(renderFlows(flows(stories), format));
}

async function commandSql(args: string[]): Promise<void> {
  const { values, positionals } = parse(SQL, args);
  const query = positionals[0];
  if (!query?.trim()) throw new UsageError('sql needs a query, e.g. feedmerge sql "SELECT outlet, count(*) FROM copies GROUP BY outlet"');
  const format = oneOf(values.format, 'format', ['table', 'json', 'csv'] as const);
  let result;
  try {
    result = await analyse(values, (rt) => runSql(query, rt.bucket));
  } catch (err) {
    // DuckDB's message names the problem (parser, binder, catalog): one line, exit 2.
    if (err instanceof Error && !(err instanceof MissingStateError) && /Error:/.test(err.message)) throw new UsageError(firstLine(err.message));
    throw err;
  }
  process.stdout.write(renderRows(result.columns, result.rows, format));
}

/** Stories first published in a range, with their copies' outlets and dates (the per-outlet read: docs/ARCHITECTURE.md, "Access patterns"). */
async function syndication(rt: Runtime, r: { since?: string; until?: string }): Promise<SyndicatedStory[]> {
  const { table, bucket } = rt;
  const registry = (await bucket.findOutlets()) ?? [];
  return table.syndication(r, registry.map((o) => o.id));
}

function reportPage(rt: Runtime, stories: readonly SyndicatedStory[], r: { since?: string; until?: string }): string {
  return renderReport(stories, { title: rt.config.feed.title, generatedAt: new Date().toISOString(), ...r });
}

async function commandReport(args: string[]): Promise<void> {
  const { values } = parse(REPORT, args);
  if (!values.out) throw new UsageError('report needs --out <file>, e.g. --out report.html');
  const out = values.out;
  const r = range(values);
  const html = await analyse(values, async (rt) => reportPage(rt, await syndication(rt, r), r));
  writeOut(out, html);
  log(`report written to ${out}`);
}

function writeOut(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (err) {
    throw new UsageError(`cannot write ${path} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}

/** Rewrites the analytics copy of the stories in a range: after an upgrade, or with FEEDMERGE_ANALYTICS off before. */
async function commandExportAnalytics(args: string[]): Promise<void> {
  const { values } = parse(EXPORT_ANALYTICS, args);
  const r = range(values);
  const n = await analyse(values, async (rt) => {
    const { table, bucket } = rt;
    const stories = await table.listStories(r);
    // Written now, these rows are the latest of each story and copy: they replace what the logs held.
    const now = new Date().toISOString();
    await writeLogs(rebuildRows(stories, now), now, `rebuild-${now.replace(/[:.]/g, '-')}`, bucket);
    return stories.length;
  });
  log(`analytics copy rewritten for ${count(n, 'story', 'stories')}`);
}

async function commandOutletStats(args: string[]): Promise<void> {
  const { values } = parse(OUTLETS_ACTIONS.stats, args);
  const format = oneOf(values.format, 'format', ['table', 'json', 'csv'] as const);
  const r = range(values);
  const stories = await analyse(values, (rt) => syndication(rt, r));
  process.stdout.write(renderOutletStats(outletStats(stories), format));
}

async function commandFeed(args: string[]): Promise<void> {
  const { values } = parse(FEED, args);
  const format = oneOf(values.format, 'format', ['rss', 'atom', 'json'] as const);
  const limit = int(values.limit, 'limit', 1, 1000);
  const rendered = await withStores(values, (rt) => {
    const { config, table, bucket } = rt;
    return publicationFeeds({ stories: table, contents: bucket, registry: bucket, feed: { ...config.feed, limit: limit ?? config.feed.limit } });
  });
  process.stdout.write(rendered[format]);
}

async function commandServe(args: string[]): Promise<void> {
  const { values, positionals } = parse(SERVE, args);
  const dir = positionals[0];
  if (!dir) throw new UsageError('serve needs a folder: feedmerge serve <dir>');
  const port = int(values.port, 'port', 0, 65535)!;
  if (!isDirectory(dir)) throw new UsageError(`${dir}: no such folder`);
  const server = await bind((p) => serveDirectory(dir, p), port, '--port', []);
  log(`serving ${dir} at ${server.url} — Ctrl-C stops`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await server.close();
}

async function commandEval(args: string[]): Promise<void> {
  const { values, positionals } = parse(EVAL, args);
  // The bundled examples unless corpora are named; a named one that is not there is an error, never skipped.
  const corpora = positionals.length > 0 ? positionals : ['examples'];
  for (const dir of corpora) {
    if (!existsSync(dir)) throw new UsageError(`${dir}: no such corpus folder (a corpus holds truth.json and outlets.json or feeds.json)`);
  }
  const results = [];
  for (const dir of corpora) {
    const result = await evaluateCorpus(dir, () => {});
    results.push(result);
    if (!values.json) process.stdout.write(`${formatScore(result)}\n\n`);
  }
  if (values.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}

type OutletsAction = keyof typeof OUTLETS_ACTIONS;

/** `outlets <action> ...`: the action (`list` when none is named) and its arguments. */
function outletsAction(args: readonly string[]): { action: string; rest: string[] } {
  const [first, ...more] = args;
  if (first === undefined || first.startsWith('-')) return { action: 'list', rest: [...args] };
  return { action: first, rest: more };
}

function isOutletsAction(action: string): action is OutletsAction {
  return Object.hasOwn(OUTLETS_ACTIONS, action);
}

async function commandOutlets(args: string[]): Promise<void> {
  const { action, rest } = outletsAction(args);
  if (!isOutletsAction(action)) throw new UsageError(`unknown outlets action ${JSON.stringify(action)} (list, add, remove, import, export, stats)`);
  switch (action) {
    case 'stats':
      return commandOutletStats(rest);
    case 'list':
      return outletsList(rest);
    case 'add':
      return outletsAdd(rest);
    case 'remove':
      return outletsRemove(rest);
    case 'import':
      return outletsImport(rest);
    case 'export':
      return outletsExport(rest);
  }
}

/** Only a missing registry is empty: any other failure must not let `add` overwrite the real one. */
async function currentOutlets(rt: Runtime): Promise<Outlet[]> {
  return (await rt.bucket.findOutlets()) ?? [];
}

async function saveOutlets(rt: Runtime, outlets: Outlet[]): Promise<void> {
  // Validated like a feeds file: the registry the dispatcher reads is never malformed. (What enters is
  // checked before, with messages naming the flag or the file; this is the last guard.)
  const checked = parseOutletsJson(JSON.stringify({ outlets }), 'registry').outlets;
  const changed = await rt.bucket.putOutlets(checked);
  if (changed) await rt.table.bumpFeedVersion(new Date().toISOString());
  log(`${count(checked.length, 'outlet')} in the registry${changed ? '' : ' (unchanged)'}`);
}

async function outletsList(args: string[]): Promise<void> {
  const { values } = parse(OUTLETS_ACTIONS.list, args);
  const format = oneOf(values.format, 'format', ['table', 'json'] as const);
  await withStores(values, async (rt) => {
    const outlets = await currentOutlets(rt);
    // Each outlet's health, from its fetch state: last status, failures in a row, when it is fetched next.
    const { table } = rt;
    const states = await mapConcurrent(outlets, 8, (o) => table.getState(o.id));
    const health = (i: number) => {
      const st = states[i];
      return {
        lastStatus: st?.lastStatus ?? null,
        lastFetchAt: st?.lastFetchAt ?? null,
        lastSuccessAt: st?.lastSuccessAt ?? null,
        consecutiveFailures: st?.consecutiveFailures ?? 0,
        nextFetchAfter: st?.nextFetchAfter ?? null,
        lastError: st?.lastError ?? null,
      };
    };
    if (format === 'json') {
      process.stdout.write(`${JSON.stringify({ outlets: outlets.map((o, i) => ({ ...o, health: health(i) })) }, null, 2)}\n`);
      return;
    }
    const lines = outlets.map((o, i) => {
      const h = health(i);
      const state =
        h.lastFetchAt === null
          ? 'never fetched'
          : `${h.lastStatus ?? 'no answer'}, ${count(h.consecutiveFailures, 'failure')}${h.nextFetchAfter ? `, next after ${h.nextFetchAfter}` : ''}`;
      return `${o.id.padEnd(24)} ${o.name.padEnd(28)} ${o.url}  [${state}]`;
    });
    process.stdout.write(lines.join('\n') + (lines.length ? '\n' : ''));
  });
}

async function outletsAdd(args: string[]): Promise<void> {
  const { values } = parse(OUTLETS_ACTIONS.add, args);
  if (values.id === undefined || values.name === undefined || values.url === undefined) throw new UsageError('outlets add needs --id, --name and --url');
  // Each flag checked by the feeds file's rules, and named in the message (not a line of a file).
  const id = values.id.trim();
  const idProblem = outletIdProblem(id);
  if (idProblem) throw new UsageError(`--id ${JSON.stringify(values.id)}: ${idProblem}`);
  const name = values.name.trim();
  if (!name) throw new UsageError('--name must not be empty');
  const url = checkOutletUrl(values.url.trim(), undefined, { rejectBlockedPorts: true });
  if (!url.ok) throw new UsageError(`--url ${JSON.stringify(values.url)}: ${url.reason}`);
  await withStores(values, async (rt) => {
    const outlets = (await currentOutlets(rt)).filter((o) => o.id !== id);
    await saveOutlets(rt, [...outlets, { id, name, url: url.url }]);
  }, undefined, false);
}

async function outletsRemove(args: string[]): Promise<void> {
  const { values } = parse(OUTLETS_ACTIONS.remove, args);
  const id = values.id;
  if (id === undefined) throw new UsageError('outlets remove needs --id <id>');
  await withStores(values, async (rt) => {
    const outlets = await currentOutlets(rt);
    if (!outlets.some((o) => o.id === id)) throw new NotFoundError(`no outlet ${JSON.stringify(id)} in the registry (feedmerge outlets list)`);
    await saveOutlets(rt, outlets.filter((o) => o.id !== id));
  });
}

/** Replaces the registry (as `--feeds` always has): the file is the whole list, not additions. */
async function outletsImport(args: string[]): Promise<void> {
  const { values } = parse(OUTLETS_ACTIONS.import, args);
  if (values.feeds !== undefined && values.opml !== undefined) throw new UsageError('pass --feeds <file> or --opml <file>, not both');
  let outlets: Outlet[];
  if (values.feeds !== undefined) {
    outlets = parseOutletsJson(readFeedsFile(values.feeds), values.feeds, undefined, { rejectBlockedPorts: true }).outlets;
  } else if (values.opml !== undefined) {
    const imported = parseOpml(readFeedsFile(values.opml), values.opml, { rejectBlockedPorts: true });
    // The ids were made here: the user must see which outline got which.
    const width = Math.max(...imported.map((o) => o.outlet.id.length));
    for (const { outlet, line, derivedId, alsoOn } of imported) {
      const repeats = alsoOn.length > 0 ? `; also on line${alsoOn.length > 1 ? 's' : ''} ${alsoOn.join(', ')}` : '';
      log(`  ${outlet.id.padEnd(width)}  ${JSON.stringify(outlet.name)} ${outlet.url} (line ${line}${derivedId ? '' : ', feedmerge:id'}${repeats})`);
    }
    outlets = imported.map((o) => o.outlet);
  } else {
    throw new UsageError('outlets import needs --feeds <file> or --opml <file>');
  }
  await withStores(values, (rt) => saveOutlets(rt, outlets), undefined, false);
}

async function outletsExport(args: string[]): Promise<void> {
  const { values } = parse(OUTLETS_ACTIONS.export, args);
  const format = oneOf(values.format, 'format', ['json', 'opml'] as const);
  const { outlets, title } = await withStores(values, async (rt) => ({ outlets: await rt.bucket.findOutlets(), title: rt.config.feed.title }));
  if (outlets === undefined) throw new NotFoundError('no outlet registry yet: feedmerge outlets import --feeds <file> makes one');
  const text = format === 'opml' ? renderOpml(outlets, `${title} outlets`) : `${JSON.stringify({ outlets }, null, 2)}\n`;
  if (values.out === undefined) return void process.stdout.write(text);
  writeOut(values.out, text);
  log(`${count(outlets.length, 'outlet')} written to ${values.out}`);
}

const COMMANDS: Record<string, (args: string[]) => Promise<void>> = {
  run: commandRun,
  stories: commandStories,
  story: commandStory,
  flows: commandFlows,
  sql: commandSql,
  report: commandReport,
  'export-analytics': commandExportAnalytics,
  feed: commandFeed,
  serve: commandServe,
  eval: commandEval,
  outlets: commandOutlets,
};

const SPECS: Record<string, CommandSpec> = { run: RUN, stories: STORIES, story: STORY, flows: FLOWS, sql: SQL, report: REPORT, 'export-analytics': EXPORT_ANALYTICS, feed: FEED, serve: SERVE, eval: EVAL };

/** The help of a command (for outlets, of the action named, or of them all). */
function helpOf(name: string, args: readonly string[]): string {
  if (name !== 'outlets') return helpText(SPECS[name]!);
  const [first] = args;
  return first !== undefined && isOutletsAction(first) ? helpText(OUTLETS_ACTIONS[first]) : outletsHelp();
}

/** How errors name the command: `feedmerge outlets add: ...`. */
function labelOf(name: string, args: readonly string[]): string {
  if (name !== 'outlets') return name;
  const { action } = outletsAction(args);
  return isOutletsAction(action) ? `outlets ${action}` : name;
}

const firstLine = (message: string): string => message.split('\n')[0]!.trim();

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === '--help' || name === '-h') {
    process.stdout.write(globalUsage());
    return 0;
  }
  if (name === 'help') {
    // `feedmerge help stories`, `feedmerge help outlets add`.
    const [topic, ...rest] = args;
    if (topic === undefined) process.stdout.write(globalUsage());
    else if (Object.hasOwn(COMMANDS, topic)) process.stdout.write(helpOf(topic, rest));
    else {
      log(`feedmerge: unknown command ${JSON.stringify(topic)} (feedmerge --help lists them)`);
      return 2;
    }
    return 0;
  }
  // Own names only: `constructor` or `__proto__` is no command.
  const command = name === undefined || !Object.hasOwn(COMMANDS, name) ? undefined : COMMANDS[name];
  if (name === undefined || !command) {
    log(name === undefined ? 'feedmerge: missing command (feedmerge --help lists them)' : `feedmerge: unknown command ${JSON.stringify(name)} (feedmerge --help lists them)`);
    return 2;
  }
  if (wantsHelp(args)) {
    process.stdout.write(helpOf(name, args));
    return 0;
  }
  const label = labelOf(name, args);
  try {
    await command(args);
    return 0;
  } catch (err) {
    if (err instanceof NotFoundError || err instanceof MissingStateError) {
      log(`feedmerge ${label}: ${err.message}`);
      return 1;
    }
    if (err instanceof UsageError || err instanceof ConfigError) {
      log(`feedmerge ${label}: ${err.message}`);
      return 2;
    }
    log(`feedmerge ${label}: ${firstLine((err as Error).message)}`);
    if (process.env.FEEDMERGE_DEBUG) log(String((err as Error).stack));
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
