/**
 * feedmerge command line. Data goes to stdout (machine-readable with --format json/csv), progress
 * and errors to stderr. Usage errors and bad configuration exit with 2 and one line, no stack trace.
 */
import { mapConcurrent } from '../shared/core/concurrency.ts';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError, parseOutletsJson } from '../shared/core/config.ts';
import type { Outlet } from '../shared/core/model.ts';
import type { SyndicatedStory } from '../shared/analytics/syndication.ts';
import { renderReport } from '../shared/analytics/report.ts';
import { rebuildRows, writeLogs } from '../shared/analytics/export.ts';
import { publicationFeeds } from '../shared/publish/publish.ts';
import { createRuntime, type Runtime } from '../functions/runtime.ts';
import { openStores, type Stores } from './embedded.ts';
import { serveDirectory, serveMergedFeed, type RunningServer } from './http.ts';
import { runCycle, summaryLine } from './cycle.ts';
import { storiesCsv, storiesTable, storyJson } from './output.ts';
import { evaluateCorpus, formatScore } from './eval.ts';
import { renderFlows, renderOutletStats, renderRows, renderStory } from './analytics.ts';
import { runSql } from './sql.ts';
import { flows, outletStats } from '../shared/analytics/syndication.ts';
import type { AwsClients, ClientOptions } from '../functions/storage/clients.ts';
import { RequestMeter, meterDynamo, meterS3 } from '../functions/storage/meter.ts';

const USAGE = `feedmerge — merge syndicated copies of the same story into one feed

Usage:
  feedmerge run --feeds <file> [--state <dir>] [--once] [--every <min>] [--port <n>] [--serve-dir <dir> [--serve-port <n>]]
                [--deny-private-network]
  feedmerge stories [--since <iso>] [--until <iso>] [--outlet <id>] [--min-copies <n>] [--search <words>] [--limit <n>]
                    [--format table|json|csv] [--stats] [--state <dir> | --aws]
  feedmerge story <id> [--format table|json|csv] [--since <iso>] [--until <iso>] [--stats] [--state <dir> | --aws]
  feedmerge flows [--since <iso>] [--until <iso>] [--format table|json|csv] [--stats] [--state <dir> | --aws]
  feedmerge sql "<query>" [--format table|json|csv] [--state <dir> | --aws]
  feedmerge report --out <file> [--since <iso>] [--until <iso>] [--stats] [--state <dir> | --aws]
  feedmerge export-analytics [--since <iso>] [--until <iso>] [--stats] [--state <dir> | --aws]
  feedmerge outlets stats [--since <iso>] [--until <iso>] [--format table|json|csv] [--stats] [--state <dir> | --aws]
  feedmerge feed [--state <dir>] [--format rss|atom|json] [--limit <n>]
  feedmerge serve <dir> [--port <n>]
  feedmerge eval [<corpus dir>...] [--json]
  feedmerge outlets list|add|remove|import [--id <id> --name <name> --url <url>] [--feeds <file>]

  run        fetch every outlet, deduplicate, publish the merged feed; then serve it and repeat every
             --every minutes (default 15) until Ctrl-C. --once: one cycle, then exit.
             --serve-dir: serve that folder on 127.0.0.1 and resolve relative outlet URLs against it.
             --deny-private-network: refuse loopback and private addresses, as the deployed stack does
             (link-local addresses such as 169.254.169.254 are always refused).
  stories    the deduplication records: one story per entry with every copy seen (first published in
             [--since, --until); --search: words all found in its titles).
  story      one story: its copies, each one's lag behind the first publisher and why it was merged, and
             its canonical text.
  flows      how syndication flows: per (first publisher, later carrier), the stories it carried.
  report     a self-contained HTML page: stories per day, copies per outlet, first-publisher share, lags,
             the flows as a matrix (also at /report of the local server).
  sql        SQL (DuckDB) over the analytics copy of the records: tables stories and copies, the same
             as in Athena (README, "SQL").
  export-analytics  rewrites the analytics copy of the stories in the range (records made before it
             was kept, or while FEEDMERGE_ANALYTICS was false); the pipeline keeps it up to date.
  outlets stats  per outlet: items, stories published first, copies of others', median lag, syndicated share.
             --stats (these four): the DynamoDB and S3 requests used, on stderr.
  feed       print the merged feed as it is rendered now.
  serve      serve a folder of feed files on 127.0.0.1 (with ETag/304), to try feedmerge on local files.
  outlets    the outlet registry the dispatcher reads (s3://<bucket>/config/outlets.json).
  eval       run one cycle on each corpus (default: examples/ and ../shared/corpus/dev if present) and
             score the stories against its truth.json: pairwise precision/recall, hard negatives.

Storage: embedded dynalite + s3rver under --state (default .feedmerge/), unless AWS_ENDPOINT_URL,
AWS_ENDPOINT_URL_DYNAMODB or AWS_ENDPOINT_URL_S3 point elsewhere. --aws (stories, feed, outlets): the
deployed stack, with the SDK's credentials and region and FEEDMERGE_TABLE / FEEDMERGE_BUCKET set to the
stack outputs.`;

class UsageError extends Error {}
/** What was asked for does not exist: exit 1, one line. */
class NotFoundError extends Error {}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

const COMMON = {
  state: { type: 'string', default: '.feedmerge' },
  aws: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h' },
} as const;

function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T, positionals = 0) {
  try {
    const parsed = parseArgs({ args, options: { ...COMMON, ...options }, allowPositionals: positionals > 0, strict: true });
    if (parsed.positionals.length > positionals) throw new UsageError(`unexpected argument "${parsed.positionals[positionals]}"`);
    return parsed;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

function int(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be an integer from ${min} to ${max}`);
  return n;
}

function oneOf<T extends string>(value: string, name: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}`);
  return value as T;
}

const log = (line: string): void => void process.stderr.write(`${line}\n`);

async function commandRun(args: string[]): Promise<void> {
  const { values } = parse(args, {
    feeds: { type: 'string' },
    once: { type: 'boolean', default: false },
    every: { type: 'string', default: '15' },
    port: { type: 'string', default: '8400' },
    'serve-dir': { type: 'string' },
    'serve-port': { type: 'string', default: '8401' },
    'deny-private-network': { type: 'boolean', default: false },
  });
  if (!values.feeds) throw new UsageError('run needs --feeds <file>');
  const every = int(values.every, 'every', 1, 7 * 24 * 60)!;
  const port = int(values.port, 'port', 0, 65535)!;
  const servePort = int(values['serve-port'], 'serve-port', 0, 65535)!;
  const feedsText = readFeedsFile(values.feeds);
  const closers: Array<() => Promise<void>> = [];
  const closeAll = async () => {
    for (const close of closers.reverse()) await close().catch(() => {});
  };
  try {
    let examples: RunningServer | undefined;
    if (values['serve-dir']) {
      examples = await listenWithFallback((p) => serveDirectory(values['serve-dir']!, p), servePort);
      closers.push(examples.close);
      log(`serving ${values['serve-dir']} at ${examples.url}`);
    }
    const { outlets } = parseOutletsJson(feedsText, values.feeds, examples?.url);
    const stores = await openStores(values.state!, { own: true });
    closers.push(() => stores.close());
    log(`storage: ${stores.description}`);
    const rt = createRuntime({
      ...process.env,
      ...stores.env,
      FEEDMERGE_FEED_URL: process.env.FEEDMERGE_FEED_URL ?? `http://127.0.0.1:${port === 0 ? 8400 : port}/`,
      // The guard the deployed stack always has: no loopback or private address, through any URL or redirect.
      ...(values['deny-private-network'] ? { FEEDMERGE_DENY_PRIVATE_NETWORK: 'true' } : {}),
    }, { connection: stores.connection });
    closers.push(async () => rt.close());
    // A changed registry changes the feed (outlet names and links): the next publish renders.
    if (await rt.bucket.putOutlets(outlets)) await rt.table.bumpFeedVersion(new Date().toISOString());

    const cycle = async () => {
      log(`cycle started ${new Date().toISOString()} — ${outlets.length} outlets`);
      log(summaryLine(await runCycle(rt, log)));
    };
    await cycle();
    if (values.once) return;

    const server = await serveMergedFeed((key) => rt.bucket.getText(key), port, {
      '/report': async () => reportPage(rt, await syndication(rt, {}), {}),
    });
    closers.push(server.close);
    log(`merged feed: ${server.url}feed.xml  ${server.url}feed.atom  ${server.url}feed.json  ${server.url}  report: ${server.url}report`);
    log(`next cycle every ${every} min; Ctrl-C stops`);
    await new Promise<void>((resolve) => {
      let running: Promise<void> = Promise.resolve();
      const timer = setInterval(() => {
        running = running.then(cycle).catch((err: Error) => void log(`cycle failed: ${err.message}`));
      }, every * 60_000);
      const stop = () => {
        clearInterval(timer);
        log('stopping…');
        void running.then(() => resolve());
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  } finally {
    await closeAll();
  }
}

function readFeedsFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`${path}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}

async function listenWithFallback(start: (port: number) => Promise<RunningServer>, port: number): Promise<RunningServer> {
  try {
    return await start(port);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === 0) throw err;
    return start(0);
  }
}

/** Opens the stores (those of a running runner, or its own), builds a runtime on them, runs `fn`. */
async function withStores<T>(values: { state?: string; aws?: boolean }, fn: (rt: Runtime) => Promise<T>, observe?: ClientOptions['observe']): Promise<T> {
  const stores: Stores = await openStores(values.state!, { own: false, aws: values.aws });
  const rt = createRuntime({ ...process.env, ...stores.env }, { connection: stores.connection, observe });
  try {
    return await fn(rt);
  } finally {
    rt.close();
    await stores.close();
  }
}

/** The options every analysts' command takes. */
const ANALYST = {
  since: { type: 'string' },
  until: { type: 'string' },
  format: { type: 'string', default: 'table' },
  stats: { type: 'boolean', default: false },
} as const;

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
 * go to stderr: they grow with the stories in the range, never with the table.
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
  const { values } = parse(args, {
    ...ANALYST,
    outlet: { type: 'string' },
    'min-copies': { type: 'string' },
    search: { type: 'string' },
    limit: { type: 'string' },
  });
  const format = oneOf(values.format!, 'format', ['table', 'json', 'csv'] as const);
  const minCopies = int(values['min-copies'], 'min-copies', 1, 10_000) ?? 1;
  const limit = int(values.limit, 'limit', 1, 1_000_000);
  const words = (values.search ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  // Filters that need the story are applied after reading it: the index read stays the same.
  const filtered = words.length > 0 || minCopies > 1;
  const stories = (
    await analyse(values, (rt) => rt.table.listStories({ ...range(values), outletId: values.outlet, limit: filtered ? undefined : limit }))
  )
    .filter((s) => s.copies.length >= minCopies)
    .filter((s) => words.every((w) => [s.story.title, ...s.copies.map((c) => c.title)].some((t) => t.toLowerCase().includes(w))))
    .slice(0, limit);
  if (format === 'json') process.stdout.write(`${JSON.stringify(stories.map(storyJson), null, 2)}\n`);
  else if (format === 'csv') process.stdout.write(storiesCsv(stories));
  else process.stdout.write(storiesTable(stories));
}

async function commandStory(args: string[]): Promise<void> {
  const { values, positionals } = parse(args, ANALYST, 1);
  const id = positionals[0];
  if (!id) throw new UsageError('story needs a story id (feedmerge stories lists them)');
  if (!/^[0-9a-f]{24}$/.test(id)) throw new UsageError(`a story id is 24 hex digits, got ${JSON.stringify(id)}`);
  const format = oneOf(values.format!, 'format', ['table', 'json', 'csv'] as const);
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
  const { values } = parse(args, ANALYST);
  const format = oneOf(values.format!, 'format', ['table', 'json', 'csv'] as const);
  const stories = await analyse(values, (rt) => syndication(rt, range(values)));
  process.stdout.write(renderFlows(flows(stories), format));
}

async function commandSql(args: string[]): Promise<void> {
  const { values, positionals } = parse(args, { format: { type: 'string', default: 'table' }, stats: { type: 'boolean', default: false } }, 1);
  const query = positionals[0];
  if (!query?.trim()) throw new UsageError('sql needs a query, e.g. feedmerge sql "SELECT outlet, count(*) FROM copies GROUP BY outlet"');
  const format = oneOf(values.format!, 'format', ['table', 'json', 'csv'] as const);
  let result;
  try {
    result = await analyse(values, (rt) => runSql(query, rt.bucket));
  } catch (err) {
    // DuckDB's message names the problem (parser, binder, catalog): one line, exit 2.
    if (err instanceof Error && /Error:/.test(err.message)) throw new UsageError(err.message.split('\n')[0]!);
    throw err;
  }
  process.stdout.write(renderRows(result.columns, result.rows, format));
}

/** Stories first published in a range, with their copies' outlets and dates (the index read: README, "Access patterns"). */
async function syndication(rt: Runtime, r: { since?: string; until?: string }): Promise<SyndicatedStory[]> {
  const { table, bucket } = rt;
  const registry = (await bucket.findOutlets()) ?? [];
  return table.syndication(r, registry.map((o) => o.id));
}

function reportPage(rt: Runtime, stories: readonly SyndicatedStory[], r: { since?: string; until?: string }): string {
  return renderReport(stories, { title: rt.config.feed.title, generatedAt: new Date().toISOString(), ...r });
}

async function commandReport(args: string[]): Promise<void> {
  const { values } = parse(args, { ...ANALYST, out: { type: 'string' } });
  if (values.format !== 'table') throw new UsageError('report writes HTML: use --out <file> (no --format)');
  if (!values.out) throw new UsageError('report needs --out <file>, e.g. --out report.html');
  const r = range(values);
  const html = await analyse(values, async (rt) => reportPage(rt, await syndication(rt, r), r));
  try {
    writeFileSync(values.out, html);
  } catch (err) {
    throw new UsageError(`cannot write ${values.out} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  log(`report written to ${values.out}`);
}

/** Rewrites the analytics copy of the stories in a range: after an upgrade, or with FEEDMERGE_ANALYTICS off before. */
async function commandExportAnalytics(args: string[]): Promise<void> {
  const { values } = parse(args, ANALYST);
  const r = range(values);
  const count = await analyse(values, async (rt) => {
    const { table, bucket } = rt;
    const stories = await table.listStories(r);
    // Written now, these rows are the latest of each story and copy: they replace what the logs held.
    const now = new Date().toISOString();
    await writeLogs(rebuildRows(stories, now), now, `rebuild-${now.replace(/[:.]/g, '-')}`, bucket);
    return stories.length;
  });
  log(`analytics copy rewritten for ${count} ${count === 1 ? 'story' : 'stories'}`);
}

async function commandOutletStats(args: string[]): Promise<void> {
  const { values } = parse(args, ANALYST);
  const format = oneOf(values.format!, 'format', ['table', 'json', 'csv'] as const);
  const stories = await analyse(values, (rt) => syndication(rt, range(values)));
  process.stdout.write(renderOutletStats(outletStats(stories), format));
}

async function commandFeed(args: string[]): Promise<void> {
  const { values } = parse(args, { format: { type: 'string', default: 'rss' }, limit: { type: 'string' } });
  const format = oneOf(values.format!, 'format', ['rss', 'atom', 'json'] as const);
  const limit = int(values.limit, 'limit', 1, 1000);
  const rendered = await withStores(values, (rt) => {
    const { config, table, bucket } = rt;
    return publicationFeeds({ stories: table, contents: bucket, registry: bucket, feed: { ...config.feed, limit: limit ?? config.feed.limit } });
  });
  process.stdout.write(rendered[format]);
}

async function commandServe(args: string[]): Promise<void> {
  const { values, positionals } = parse(args, { port: { type: 'string', default: '8401' } }, 1);
  const dir = positionals[0];
  if (!dir) throw new UsageError('serve needs a folder');
  const server = await serveDirectory(dir, int(values.port, 'port', 0, 65535)!);
  log(`serving ${dir} at ${server.url} — Ctrl-C stops`);
  await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
  await server.close();
}

async function commandEval(args: string[]): Promise<void> {
  const { values, positionals } = parse(args, { json: { type: 'boolean', default: false } }, 16);
  const corpora = positionals.length > 0 ? positionals : ['examples', '../shared/corpus/dev'].filter((d) => existsSync(d));
  const results = [];
  for (const dir of corpora) {
    const result = await evaluateCorpus(dir, () => {});
    results.push(result);
    if (!values.json) process.stdout.write(`${formatScore(result)}\n\n`);
  }
  if (values.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}

async function commandOutlets(args: string[]): Promise<void> {
  const [action = 'list', ...rest] = args;
  if (action === 'stats') return commandOutletStats(rest);
  const { values } = parse(rest, {
    id: { type: 'string' },
    name: { type: 'string' },
    url: { type: 'string' },
    feeds: { type: 'string' },
    format: { type: 'string', default: 'table' },
  });
  await withStores(values, async (rt) => {
    const { bucket } = rt;
    // Only a missing registry is empty: any other failure must not let `add` overwrite the real one.
    const current = async (): Promise<Outlet[]> => (await bucket.findOutlets()) ?? [];
    const save = async (outlets: Outlet[]) => {
      // Validated like a feeds file: the registry the dispatcher reads is never malformed.
      const checked = parseOutletsJson(JSON.stringify({ outlets }), 'registry').outlets;
      const changed = await bucket.putOutlets(checked);
      if (changed) await rt.table.bumpFeedVersion(new Date().toISOString());
      log(`${checked.length} outlets in the registry${changed ? '' : ' (unchanged)'}`);
    };
    switch (action) {
      case 'list': {
        const outlets = await current();
        const format = oneOf(values.format!, 'format', ['table', 'json'] as const);
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
          const state = h.lastFetchAt === null ? 'never fetched' : `${h.lastStatus ?? 'no answer'}, ${h.consecutiveFailures} failures${h.nextFetchAfter ? `, next after ${h.nextFetchAfter}` : ''}`;
          return `${o.id.padEnd(24)} ${o.name.padEnd(28)} ${o.url}  [${state}]`;
        });
        process.stdout.write(lines.join('\n') + (lines.length ? '\n' : ''));
        return;
      }
      case 'add': {
        if (!values.id || !values.name || !values.url) throw new UsageError('outlets add needs --id, --name and --url');
        const outlets = (await current()).filter((o) => o.id !== values.id);
        await save([...outlets, { id: values.id, name: values.name, url: values.url }]);
        return;
      }
      case 'remove': {
        if (!values.id) throw new UsageError('outlets remove needs --id');
        const outlets = await current();
        if (!outlets.some((o) => o.id === values.id)) throw new UsageError(`no outlet "${values.id}" in the registry`);
        await save(outlets.filter((o) => o.id !== values.id));
        return;
      }
      case 'import': {
        if (!values.feeds) throw new UsageError('outlets import needs --feeds <file>');
        await save(parseOutletsJson(readFeedsFile(values.feeds), values.feeds).outlets);
        return;
      }
      default:
        throw new UsageError(`unknown outlets action "${action}" (list, add, remove, import)`);
    }
  });
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

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const command = name === undefined ? undefined : COMMANDS[name];
  if (!command) {
    log(name === undefined ? 'feedmerge: missing command (feedmerge --help lists them)' : `feedmerge: unknown command "${name}" (feedmerge --help lists them)`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  try {
    await command(args);
    return 0;
  } catch (err) {
    if (err instanceof NotFoundError) {
      log(`feedmerge ${name}: ${err.message}`);
      return 1;
    }
    if (err instanceof UsageError || err instanceof ConfigError) {
      log(`feedmerge ${name}: ${err.message}`);
      return 2;
    }
    log(`feedmerge ${name}: ${(err as Error).message}`);
    if (process.env.FEEDMERGE_DEBUG) log(String((err as Error).stack));
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
