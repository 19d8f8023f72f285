/**
 * One size of the pipeline benchmark, in a process of its own:
 *
 *   node --import tsx bench/pipeline.ts <outlets> <itemsPerOutlet>
 *
 * The real pipeline (dispatch → fetch → publish, the runner's concurrency) runs here; the embedded stores
 * and the synthetic world (bench/world.ts) served over local HTTP (ETags, 304s) run in a child process
 * (bench/servers.ts), so that this process's peak memory is the pipeline's own, as in AWS, where the
 * stores are not in the Lambda's memory. Cycles: the first (everything new), a steady one (nothing
 * changed), one with 5 % new items, one with the cost model's workload; the naive baseline on the same
 * feeds and stores. The floor of the first cycle is the time its very DynamoDB and S3 requests take when
 * issued again directly against the same servers, in the same order, as many at a time as the runner
 * fetches outlets.
 * Prints one JSON line: `{ cycle, steady, incremental, rates, fivePercentRates, workload, naive }`, where
 * `cycle.peakRssMb` is this process's peak resident memory over the first cycle and
 * `cycle.serversPeakRssMb` the servers' process's, at the same point.
 */
import { spawn } from 'node:child_process';
import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as dynamodb from '@aws-sdk/client-dynamodb';
import * as s3 from '@aws-sdk/client-s3';
import { runCycle } from '../cli/cycle.ts';
import { mapConcurrent } from '../shared/core/concurrency.ts';
import { createClients, type AwsClients } from '../functions/storage/clients.ts';
import { RequestMeter, meterDynamo, meterS3 } from '../functions/storage/meter.ts';
import { createRuntime } from '../functions/runtime.ts';
import { parseFeed } from '../shared/fetch/parse.ts';
import { outletLogLines } from '../functions/fetch/handler.ts';
import { DEPLOYED } from './cost.ts';
import type { FetchReport } from '../shared/core/model.ts';
import type { FromServers, Ready, ServersReplies, ServersRequest, ToServers } from './servers.ts';

type Recorded = { readonly service: 'dynamodb' | 's3'; readonly command: string; readonly input: unknown };
type Args = { input: unknown };
/** The slice of the SDK's middleware stack this file uses (the two clients' stacks have different types). */
interface Stack {
  add(middleware: (next: (args: Args) => Promise<unknown>, context: { commandName?: string }) => (args: Args) => Promise<unknown>, options: { step: 'initialize'; name: string }): void;
}

/**
 * Records every request the clients send, for the floor's replay — to a file, as JSON lines: held in
 * memory, a first cycle's 60,000 requests (bodies included) would double the peak being measured. Written
 * synchronously: a write stream ignored for backpressure buffers in memory whatever the disk has not
 * taken yet (at 1,000 outlets, a gigabyte), and the point is to measure the pipeline's memory.
 */
class Recorder {
  private readonly fd: number;
  count = 0;
  constructor(readonly path: string) {
    this.fd = openSync(path, 'w');
  }
  attach(clients: AwsClients): void {
    for (const service of ['dynamodb', 's3'] as const) {
      (clients[service].middlewareStack as unknown as Stack).add(
        (next, context) => async (args) => {
          if (this.on) {
            this.count++;
            writeSync(this.fd, `${JSON.stringify({ service, command: String(context.commandName), input: args.input } satisfies Recorded, keepBinary)}\n`);
          }
          return next(args);
        },
        { step: 'initialize', name: 'benchRecorder' },
      );
    }
  }
  on = false;
  finish(): void {
    this.on = false;
    closeSync(this.fd);
  }
}

/** Binary attributes (the journal's deflated rows) survive the request file as base64. */
function keepBinary(_key: string, value: unknown): unknown {
  const buffer = value as { type?: unknown; data?: number[] } | null;
  if (buffer && typeof buffer === 'object' && buffer.type === 'Buffer' && Array.isArray(buffer.data)) return { $b64: Buffer.from(buffer.data).toString('base64') };
  return value instanceof Uint8Array ? { $b64: Buffer.from(value).toString('base64') } : value;
}
function readBinary(_key: string, value: unknown): unknown {
  return value && typeof value === 'object' && '$b64' in value ? new Uint8Array(Buffer.from(String((value as { $b64: unknown }).$b64), 'base64')) : value;
}

/** The servers' process (bench/servers.ts): how to reach the stores and the outlets, and its requests. */
interface Servers extends Omit<Ready, 'type'> {
  call<R extends ServersRequest>(request: R): Promise<ServersReplies[R['type']]>;
  /** Asks it to close and waits for it to exit; kills it if it has not within 10 s. */
  close(): Promise<void>;
}

/** Starts bench/servers.ts for this size of world and waits until it serves. */
async function startServers(outlets: number, itemsPerOutlet: number): Promise<Servers> {
  // The heap settings this process was given: the stores ran under them when they shared this process.
  const heap = process.execArgv.filter((arg) => /^--max-(semi|old)-space-size=/.test(arg));
  const child = spawn(process.execPath, [...heap, '--import', 'tsx', join(import.meta.dirname, 'servers.ts'), String(outlets), String(itemsPerOutlet)], {
    // Its output on this process's stderr: stdout carries the result line.
    stdio: ['ignore', 2, 'inherit', 'ipc'],
  });
  type Reply = ServersReplies[keyof ServersReplies];
  const pending = new Map<number, { resolve(reply: Reply): void; reject(err: Error): void }>();
  let nextId = 0;
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  const ready = new Promise<Ready>((resolve, reject) => {
    child.on('message', (received) => {
      const message = received as FromServers;
      if (message.type === 'ready') return resolve(message);
      const call = pending.get(message.id);
      pending.delete(message.id);
      if (message.type === 'reply') call?.resolve(message.reply);
      else call?.reject(new Error(`bench/servers.ts: ${message.message}`));
    });
    child.on('error', reject);
    child.once('exit', (code, signal) => {
      const err = new Error(`bench/servers.ts exited (${signal ?? `code ${code}`})`);
      reject(err);
      for (const call of pending.values()) call.reject(err);
      pending.clear();
    });
  });
  const { type: _, ...reached } = await ready;
  return {
    ...reached,
    call: <R extends ServersRequest>(request: R) =>
      new Promise<ServersReplies[R['type']]>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve: (reply) => resolve(reply as ServersReplies[R['type']]), reject });
        child.send({ ...request, id } satisfies ToServers, (err) => {
          if (err) {
            pending.delete(id);
            reject(err);
          }
        });
      }),
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      if (child.connected) child.send({ type: 'close' } satisfies ToServers, () => {});
      const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(kill);
    },
  };
}

/** The feed formats the naive baseline rewrites every cycle. */
const NAIVE_FEED_OBJECTS = 4;

const outlets = Number(process.argv[2] ?? 100);
const itemsPerOutlet = Number(process.argv[3] ?? 50);
const servers = await startServers(outlets, itemsPerOutlet);
try {
  let world = servers.world;
  const meter = new RequestMeter();
  const dir = mkdtempSync(join(tmpdir(), 'feedmerge-pipeline-'));
  const recorder = new Recorder(join(dir, 'requests.jsonl'));
  // The runtime as the integration harness builds it: the stores' names, a feed URL, the connection.
  const rt = createRuntime(
    { ...servers.env, FEEDMERGE_FEED_URL: 'https://feeds.example/merged/' },
    {
      connection: servers.connection,
      observe: (clients) => {
        meterDynamo(clients.dynamodb, meter);
        meterS3(clients.s3, meter);
        recorder.attach(clients);
      },
    },
  );
  await rt.bucket.putOutlets(world.outletIds.map((id) => ({ id, name: id, url: `${servers.baseUrl}${id}.xml` })));

  // 1. The first cycle: everything new.
  meter.reset();
  recorder.on = true;
  let started = performance.now();
  const first = await runCycle(rt, () => {});
  const seconds = (performance.now() - started) / 1000;
  recorder.finish();
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  const serversPeakRssMb = (await servers.call({ type: 'peakRss' })).maxRssMb;

  // The floor: the same requests, directly, against the same servers, read back a line at a time.
  const direct = createClients({ connection: servers.connection });
  const commands = { dynamodb: dynamodb as unknown as Record<string, new (input: unknown) => unknown>, s3: s3 as unknown as Record<string, new (input: unknown) => unknown> };
  const replay = async (r: Recorded) => {
    const Command = commands[r.service][r.command]!;
    try {
      const out = (await (direct[r.service] as { send(c: unknown): Promise<unknown> }).send(new Command(r.input))) as { Body?: { transformToString(): Promise<string> } };
      await out.Body?.transformToString();
    } catch {
      // A conditional write that held the first time fails now: it cost the same round trip.
    }
  };
  started = performance.now();
  const inFlight = new Set<Promise<void>>();
  for await (const line of createInterface({ input: createReadStream(recorder.path), crlfDelay: Infinity })) {
    if (!line) continue;
    const p: Promise<void> = replay(JSON.parse(line, readBinary) as Recorded).then(() => void inFlight.delete(p));
    inFlight.add(p);
    if (inFlight.size >= 4) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  const floorSeconds = (performance.now() - started) / 1000;
  rmSync(dir, { recursive: true, force: true });
  direct.dynamodb.destroy();
  direct.s3.destroy();

  // 2. A steady cycle: nothing changed. (The cycle before it records each outlet's first 304 and the
  // feed's first rendering: from then on nothing changes.)
  await runCycle(rt, () => {});
  meter.reset();
  await servers.call({ type: 'resetRequests' });
  started = performance.now();
  // The fetches' part, taken when the last one reports: publish's (a skip) is a cost per cycle, not per outlet.
  let steadyReported = 0;
  let steadyFetchUnits: ReturnType<typeof units> | undefined;
  const steadyCycle = await runCycle(rt, () => {
    if (++steadyReported === outlets) steadyFetchUnits = units(meter);
  });
  const steadySeconds = (performance.now() - started) / 1000;
  const outletRequests = await servers.call({ type: 'requestStats' });
  const writes = (m: RequestMeter) =>
    [...m.dynamodb].filter(([c]) => /Put|Update|Delete|BatchWrite/.test(c)).reduce((n, [, c]) => n + c.requests, 0);
  const reads = (m: RequestMeter) => [...m.dynamodb].filter(([c]) => /Get|Query/.test(c)).reduce((n, [, c]) => n + c.requests, 0);
  const steady = {
    outlets,
    seconds: round(steadySeconds),
    httpRequestsPerOutlet: round(outletRequests.requests / outlets),
    status304Share: round(outletRequests.status304 / Math.max(1, outletRequests.requests)),
    dynamoWrites: writes(meter),
    s3Puts: meter.s3.get('PutObjectCommand') ?? 0,
  };
  const steadyUnits = steadyFetchUnits ?? units(meter);
  const steadyReads = reads(meter);

  // The naive baseline on the same feeds and servers: no conditional GET, one conditional write per item
  // per fetch, the feed objects rewritten every cycle (what an aggregator keyed on GUIDs does).
  const naiveCycle = async () => {
    await mapConcurrent(world.outletIds, 4, async (id) => {
      const res = await fetch(`${servers.baseUrl}${id}.xml`);
      const { items } = await parseFeed(new Uint8Array(await res.arrayBuffer()), res.headers.get('content-type') ?? undefined, res.url);
      for (const item of items) {
        try {
          await rt.clients.dynamodb.send(
            new dynamodb.PutItemCommand({
              TableName: rt.config.tableName,
              Item: { pk: { S: `NAIVE#${id}#${item.guid}` }, sk: { S: 'ITEM' }, title: { S: item.title } },
              ConditionExpression: 'attribute_not_exists(pk)',
            }),
          );
        } catch (err) {
          if (!(err instanceof dynamodb.ConditionalCheckFailedException)) throw err;
        }
      }
    });
    for (const format of ['xml', 'atom', 'json', 'html'].slice(0, NAIVE_FEED_OBJECTS)) {
      await rt.clients.s3.send(new s3.PutObjectCommand({ Bucket: rt.config.bucketName, Key: `naive/feed.${format}`, Body: 'x'.repeat(100_000) }));
    }
  };
  // Its first pass records every item (as the first cycle did ours); the next is its steady cycle.
  await naiveCycle();
  meter.reset();
  started = performance.now();
  await naiveCycle();
  const naiveSteady = { seconds: round((performance.now() - started) / 1000), ...units(meter) };

  // 3. 5 % new items.
  const fivePercent = await servers.call({ type: 'addNewItems', share: 0.05 });
  const newItems = fivePercent.added;
  world = fivePercent.world;
  meter.reset();
  // What the fetches cost, taken when the last one reports (publish comes after): the rest is publish's,
  // a cost per cycle, however many items the cycle brought.
  let reported = 0;
  let fetchUnits = units(meter);
  const incrementalCycle = await runCycle(rt, () => {
    if (++reported === outlets) fetchUnits = units(meter);
  });
  const totals = meter.totals();
  const incrementalUnits = units(meter);
  const incrementalReads = reads(meter);
  const incrementalPuts = meter.s3.get('PutObjectCommand') ?? 0;
  const perItem = (k: keyof typeof steadyUnits) => round(Math.max(0, fetchUnits[k] - steadyUnits[k]) / newItems);
  const perCycle = (k: keyof typeof steadyUnits) => round(Math.max(0, incrementalUnits[k] - fetchUnits[k]));
  const durations = incrementalCycle.reports.map((r) => r.durationMs / 1000);
  // The logs as the deployed fetch writes them (functions/fetch/handler.ts): a line per outlet that failed
  // or changed something, and one per invocation with the figures of its outlets.
  const outletLogBytes = outletLogLines(incrementalCycle.reports).reduce((n, line) => n + line.length + 1, 0);
  const invocationLine = JSON.stringify({ level: 'INFO', message: 'fetch batch', outlets: 8, failedJobs: 0, 'not-modified': 6, fetched: 2, OutletsFetched: 8, OutletsFailed: 0, Items: 400, NewStories: 1, Merged: 1 });
  const rates = {
    perFetch: { readUnits: round(steadyUnits.readUnits / outlets), writeUnits: round(steadyUnits.writeUnits / outlets), s3Gets: round(steadyUnits.s3Gets / outlets), s3Puts: round(steadyUnits.s3Puts / outlets) },
    perNewItem: { readUnits: perItem('readUnits'), writeUnits: perItem('writeUnits'), s3Gets: perItem('s3Gets'), s3Puts: perItem('s3Puts') },
    perChangedCycle: { readUnits: perCycle('readUnits'), writeUnits: perCycle('writeUnits'), s3Gets: perCycle('s3Gets'), s3Puts: perCycle('s3Puts') },
    fetchSeconds: durations.map(round),
    steadyFetchSeconds: steadyCycle.reports.map((r) => round(r.durationMs / 1000)),
    logBytesPerFetch: 0,
    // An outlet logs a line when it changed something: in the model's workload (0.2 new items a fetch)
    // such lines follow the new items.
    logBytesPerNewItem: round(outletLogBytes / newItems),
    invocationLogBytes: invocationLine.length + 1,
  };
  // The naive baseline on the new items: its steady cost again, plus what the new items added.
  meter.reset();
  started = performance.now();
  await naiveCycle();
  const naiveIncremental = { seconds: round((performance.now() - started) / 1000), ...units(meter) };
  const naivePerItem = (k: keyof typeof steadyUnits) => round(Math.max(0, naiveIncremental[k] - naiveSteady[k]) / newItems);
  const naiveRates = {
    ...rates,
    perFetch: { readUnits: round(naiveSteady.readUnits / outlets), writeUnits: round(naiveSteady.writeUnits / outlets), s3Gets: round(naiveSteady.s3Gets / outlets), s3Puts: round((naiveSteady.s3Puts - NAIVE_FEED_OBJECTS) / outlets) },
    perNewItem: { readUnits: naivePerItem('readUnits'), writeUnits: naivePerItem('writeUnits'), s3Gets: naivePerItem('s3Gets'), s3Puts: naivePerItem('s3Puts') },
    // The feed objects, rewritten every cycle.
    perChangedCycle: { readUnits: 0, writeUnits: 0, s3Gets: 0, s3Puts: NAIVE_FEED_OBJECTS },
    // Every fetch downloads and parses the whole feed: its time, four at a time, shared out.
    fetchSeconds: [round((naiveSteady.seconds * 4) / outlets)],
    steadyFetchSeconds: [round((naiveSteady.seconds * 4) / outlets)],
    // One line per fetch, the report (what a per-outlet logger writes).
    logBytesPerFetch: round(outletLogBytes / Math.max(1, outletLogLines(incrementalCycle.reports).length)),
    logBytesPerNewItem: 0,
  };
  // 4. The cost model's workload: 20 new items per outlet a day on a 15-minute schedule is 0.21 a cycle —
  // most outlets unchanged, a changed one bringing about one item. The model charges this cycle's rates,
  // not the 5 % cycle's (where a changed outlet brings two or three items and its fixed costs are shared).
  const workloadNew = await servers.call({
    type: 'addNewItems',
    share: (outlets * DEPLOYED.newItemsPerOutletPerDay) / (DEPLOYED.cyclesPerMonth / 30) / world.feedItems,
    seed: 3,
  });
  const workloadItems = workloadNew.added;
  world = workloadNew.world;
  meter.reset();
  reported = 0;
  fetchUnits = units(meter);
  const workloadCycle = await runCycle(rt, () => {
    if (++reported === outlets) fetchUnits = units(meter);
  });
  const workloadUnits = units(meter);
  const changedReport = (r: FetchReport) => r.newStories + r.merged + r.updated > 0;
  const workloadRates = {
    ...rates,
    perNewItem: {
      readUnits: round(Math.max(0, fetchUnits.readUnits - steadyUnits.readUnits) / workloadItems),
      writeUnits: round(Math.max(0, fetchUnits.writeUnits - steadyUnits.writeUnits) / workloadItems),
      s3Gets: round(Math.max(0, fetchUnits.s3Gets - steadyUnits.s3Gets) / workloadItems),
      s3Puts: round(Math.max(0, fetchUnits.s3Puts - steadyUnits.s3Puts) / workloadItems),
    },
    perChangedCycle: {
      readUnits: round(workloadUnits.readUnits - fetchUnits.readUnits),
      writeUnits: round(workloadUnits.writeUnits - fetchUnits.writeUnits),
      s3Gets: round(workloadUnits.s3Gets - fetchUnits.s3Gets),
      s3Puts: round(workloadUnits.s3Puts - fetchUnits.s3Puts),
    },
    fetchSeconds: workloadCycle.reports.filter(changedReport).map((r) => round(r.durationMs / 1000)),
    steadyFetchSeconds: workloadCycle.reports.filter((r) => !changedReport(r)).map((r) => round(r.durationMs / 1000)),
    logBytesPerNewItem: round(outletLogLines(workloadCycle.reports).reduce((n, line) => n + line.length + 1, 0) / workloadItems),
  };

  const incremental = {
    newItems,
    // Beyond what the same cycle costs when nothing changed (one read per outlet): what the items added.
    dynamoReadRequestsPerNewItem: round((incrementalReads - steadyReads) / newItems),
    dynamoWcuPerNewItem: round(totals.writeUnits / newItems),
    s3PutsPerNewItem: round(incrementalPuts / newItems),
  };

  console.log(
    JSON.stringify({
      cycle: {
        outlets,
        itemsPerOutlet,
        items: first.items,
        stories: world.stories,
        seconds: round(seconds),
        floorSeconds: round(floorSeconds),
        itemsPerSecond: round(first.items / seconds),
        requests: recorder.count,
        peakRssMb,
        serversPeakRssMb,
      },
      steady,
      incremental,
      // What the cost model charges: the workload cycle's rates.
      rates: workloadRates,
      fivePercentRates: rates,
      workload: { newItems: workloadItems, changedOutlets: workloadCycle.reports.filter(changedReport).length },
      naive: { steady: naiveSteady, rates: naiveRates },
    }),
  );
  rt.close();
} finally {
  await servers.close();
}

/** Storage units and S3 requests a meter counted. */
function units(m: RequestMeter): { readUnits: number; writeUnits: number; s3Gets: number; s3Puts: number } {
  const t = m.totals();
  return { readUnits: t.readUnits, writeUnits: t.writeUnits, s3Gets: (m.s3.get('GetObjectCommand') ?? 0) + (m.s3.get('HeadObjectCommand') ?? 0), s3Puts: m.s3.get('PutObjectCommand') ?? 0 };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
