/**
 * npm run bench [--quick] [--json] — speed, memory and storage requests, measured.
 *
 * 1. Pure path (extract → boilerplate → normalise → fingerprint → headline → candidate keys)
 *    over synthetic ~5 KB HTML articles, one core, several runs: median items/s.
 * 2. Cost per event, against embedded dynalite + s3rver with request meters: a new story, an exact
 *    copy, a near copy (excerpt), an earlier and fuller copy, a headline-only copy, an already-seen item.
 * 3. Feed parsing against rss-parser on the same bytes.
 * 4. The pipeline on a synthetic world (bench/pipeline.ts, a child process per size): first cycle
 *    against its floor, a steady cycle, a cycle with 5 % new items, the naive baseline. Sizes 100 × 50
 *    and 1,000 × 50; --quick: 20 × 25 only (under a minute).
 * 5. Peak memory of a cycle over hostile feeds (bench/hostile-cycle.ts, a child process).
 * --json: one last line with the figures, for scripts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FeedItem, Outlet } from '../shared/core/model.ts';
import { article, rng, sentence } from './articles.ts';
import { fingerprintFeed } from '../shared/dedup/fingerprint.ts';
import { identifyDocument } from '../shared/dedup/identity.ts';
import { parseFeed } from '../shared/fetch/parse.ts';
import Parser from 'rss-parser';
import { rssOf, syntheticWorld } from './world.ts';
import { DEPLOYED, PRICES, SCALE_ASSUMPTIONS, cycleAtScale, monthlyCost } from './cost.ts';
import { keysOf } from '../shared/dedup/keys.ts';
import { copyOf, foundedStoryId, prepareItem, storyRecordOf } from '../shared/dedup/records.ts';
import { richBody } from '../shared/text/rich.ts';
import { renderFeeds, type FeedEntry, type FeedMeta } from '../shared/publish/render.ts';
import { ingestFeed } from '../shared/dedup/ingest.ts';
import { openStores } from '../cli/embedded.ts';
import { createRuntime } from '../functions/runtime.ts';
import { RequestMeter, meterDynamo, meterS3 } from '../functions/storage/meter.ts';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const WARM_UP_RUNS = 5;

function benchPurePath(): number {
  const FEED = 50;
  const FEEDS = 40;
  const feeds = Array.from({ length: FEEDS }, (_, f) => Array.from({ length: FEED }, (_, i) => article(f * FEED + i)));
  const bytes = feeds.flat().reduce((n, it) => n + Buffer.byteLength(it.html), 0) / (FEED * FEEDS);
  const outlet = { id: 'bench', name: 'Bench Outlet' };
  const run = () => {
    const start = process.hrtime.bigint();
    let keys = 0;
    for (const items of feeds) {
      const all = identifyDocument(items);
      const { fingerprints } = fingerprintFeed(outlet, all, all);
      for (const fp of fingerprints.values()) {
        keys += keysOf(fp.words, fp.headline).lookup.length;
      }
    }
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (keys === 0) throw new Error('no keys: the benchmark measured nothing');
    return (FEED * FEEDS) / seconds;
  };
  // Warm-up: V8 settles its optimised code over the first runs (on the 2-core VM of the README, runs 1-4
  // went at 45-95 % of the rate the later ones hold); the steady rate is what a warm fetch function has.
  for (let i = 0; i < WARM_UP_RUNS; i++) run();
  const rates = Array.from({ length: 11 }, run);
  console.log(`pure path: ${FEED * FEEDS} items of ${(bytes / 1024).toFixed(1)} KB HTML per run, 11 runs after ${WARM_UP_RUNS} to warm up, one core`);
  console.log(`  items/s median ${median(rates).toFixed(0)} (min ${Math.min(...rates).toFixed(0)}, max ${Math.max(...rates).toFixed(0)})`);
  return Math.round(median(rates));
}

/**
 * Feed parsing on the fetch path (decode, parse, items) against rss-parser's own `parseString` on the
 * same bytes: the median ratio of 11 runs over the synthetic world's feeds (1 = as fast as rss-parser).
 */
async function benchParse(): Promise<number> {
  const world = syntheticWorld(20, 50, 7);
  const documents = world.outletIds.map((id) => Buffer.from(rssOf(id, world.feeds.get(id)!)));
  const time = async (f: (bytes: Buffer) => Promise<unknown>) => {
    const start = performance.now();
    for (const bytes of documents) await f(bytes);
    return performance.now() - start;
  };
  const ours = (bytes: Buffer) => parseFeed(bytes, 'application/rss+xml', 'https://bench.example/feed.xml');
  const theirs = (bytes: Buffer) => new Parser().parseString(bytes.toString('utf8'));
  await time(ours);
  await time(theirs);
  const ratios: number[] = [];
  for (let i = 0; i < 11; i++) ratios.push((await time(ours)) / (await time(theirs)));
  const mb = documents.reduce((n, d) => n + d.length, 0) / 1024 / 1024;
  console.log(`\nparsing ${documents.length} feeds (${mb.toFixed(1)} MB): ${median(ratios).toFixed(2)}× rss-parser's time (median of 11)`);
  return Math.round(median(ratios) * 100) / 100;
}

/**
 * An item's whole CPU on its way through, the pure path and what surrounds it: its share of parsing the
 * feed document (rss-parser, decoding and checks), the pure path, the rich body a story keeps of its text,
 * and its share of rendering the merged feeds (RSS, Atom, JSON Feed) with one entry per item. Per stage and
 * in all, the median of 11 runs after the warm-up, one core.
 */
async function benchItemPath(): Promise<ItemPath> {
  const world = syntheticWorld(40, 50, 11);
  const documents = world.outletIds.map((id) => Buffer.from(rssOf(id, world.feeds.get(id)!)));
  const items = documents.length * 50;
  const meta: FeedMeta = { title: 'Bench', description: 'Bench', baseUrl: 'https://feeds.bench.example/', outletFeeds: new Map() };
  const now = new Date('2026-11-20T12:00:00Z');
  const nowIso = now.toISOString();
  const run = async () => {
    const spent = { parse: 0, purePath: 0, richBody: 0, render: 0 };
    let at = performance.now();
    const lap = (stage: keyof typeof spent) => {
      const t = performance.now();
      spent[stage] += t - at;
      at = t;
    };
    for (const [d, bytes] of documents.entries()) {
      const outlet: Outlet = { id: world.outletIds[d]!, name: `Outlet ${d}`, url: `https://bench.example/${d}.xml` };
      at = performance.now();
      const feed = await parseFeed(bytes, 'application/rss+xml', outlet.url);
      lap('parse');
      const all = identifyDocument(feed.items);
      const { fingerprints } = fingerprintFeed(outlet, all, all);
      const prepared = all.map((it) => prepareItem(outlet, it, fingerprints.get(it.itemKey)!, now));
      lap('purePath');
      const html = prepared.map((p) => (p.fp.basis === 'body' ? richBody(p.it.item.html, p.it.item.baseUrl, p.fp.paragraphs) : undefined));
      lap('richBody');
      const entries: FeedEntry[] = prepared.map((p, i) => {
        const storyId = foundedStoryId(p);
        return { story: storyRecordOf(p, storyId, nowIso), copies: [copyOf(p, storyId, 'first', 1, nowIso)], paragraphs: p.fp.paragraphs, html: html[i] };
      });
      renderFeeds(entries, meta);
      lap('render');
    }
    return spent;
  };
  for (let i = 0; i < WARM_UP_RUNS; i++) await run();
  const runs: Array<Awaited<ReturnType<typeof run>>> = [];
  for (let i = 0; i < 11; i++) runs.push(await run());
  const perItem = (stage: keyof (typeof runs)[number]) => Math.round((median(runs.map((r) => r[stage])) / items) * 1000 * 10) / 10;
  const microsecondsPerItem = { parse: perItem('parse'), purePath: perItem('purePath'), richBody: perItem('richBody'), render: perItem('render') };
  const itemsPerSecond = Math.round(items / (median(runs.map((r) => r.parse + r.purePath + r.richBody + r.render)) / 1000));
  const kb = documents.reduce((n, d) => n + d.length, 0) / items / 1024;
  console.log(`
an item's whole path: ${items} items in ${documents.length} feed documents (${kb.toFixed(1)} KB of feed XML per item), 11 runs after ${WARM_UP_RUNS}, one core`);
  console.log(
    `  ${itemsPerSecond} items/s; µs per item: parse ${microsecondsPerItem.parse}, pure path ${microsecondsPerItem.purePath}, rich body ${microsecondsPerItem.richBody}, render ${microsecondsPerItem.render}`,
  );
  return { itemsPerSecond, microsecondsPerItem };
}

interface ItemPath {
  readonly itemsPerSecond: number;
  readonly microsecondsPerItem: { readonly parse: number; readonly purePath: number; readonly richBody: number; readonly render: number };
}

type CostRates = Parameters<typeof monthlyCost>[1];

interface PipelineResult {
  readonly rates: CostRates;
  readonly naive: { readonly rates: CostRates };
  readonly cycle: { outlets: number; itemsPerOutlet: number; seconds: number; floorSeconds: number; itemsPerSecond: number; peakRssMb: number; serversPeakRssMb: number; items: number; requests: number };
  readonly steady: { outlets: number; seconds: number; httpRequestsPerOutlet: number; status304Share: number; dynamoWrites: number; s3Puts: number };
  readonly incremental: { newItems: number; dynamoReadRequestsPerNewItem: number; dynamoWcuPerNewItem: number; s3PutsPerNewItem: number };
}

/** One size of the pipeline (bench/pipeline.ts) in a child process of its own. */
function benchPipeline(outlets: number, itemsPerOutlet: number): PipelineResult {
  const child = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'pipeline.ts'), String(outlets), String(itemsPerOutlet)], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const last = child.stdout.trim().split('\n').pop() ?? '';
  if (child.status !== 0 || !last.startsWith('{')) throw new Error(`pipeline ${outlets}×${itemsPerOutlet} failed (exit ${child.status}): ${child.stderr.slice(-2000)}`);
  const r = JSON.parse(last) as PipelineResult;
  const c = r.cycle;
  console.log(`\npipeline ${outlets} outlets × ${itemsPerOutlet} items (${c.items} items, ${c.requests} storage requests):`);
  console.log(`  first cycle ${c.seconds.toFixed(1)} s, floor ${c.floorSeconds.toFixed(1)} s (${(c.seconds / c.floorSeconds).toFixed(2)}×), ${c.itemsPerSecond.toFixed(0)} items/s, peak RSS ${c.peakRssMb} MB (stores and outlet server: ${c.serversPeakRssMb} MB, in a process of their own)`);
  console.log(`  steady cycle ${r.steady.seconds.toFixed(2)} s: ${r.steady.httpRequestsPerOutlet} HTTP requests per outlet, ${Math.round(r.steady.status304Share * 100)} % 304, ${r.steady.dynamoWrites} DynamoDB writes, ${r.steady.s3Puts} S3 PUTs`);
  const i = r.incremental;
  console.log(`  ${i.newItems} new items: ${i.dynamoReadRequestsPerNewItem} DynamoDB read requests (beyond a steady cycle), ${i.dynamoWcuPerNewItem} WCU, ${i.s3PutsPerNewItem} S3 PUTs per new item (publish included)`);
  console.log(`  per item: ${((c.seconds * 1000) / c.items).toFixed(1)} ms of first cycle, ${((c.peakRssMb * 1024) / c.items).toFixed(0)} KB of peak RSS`);
  return r;
}

async function benchCosts(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'feedmerge-bench-'));
  const meter = new RequestMeter();
  const stores = await openStores(dir, { own: true });
  const rt = createRuntime(stores.env, {
    connection: stores.connection,
    observe: (clients) => {
      meterDynamo(clients.dynamodb, meter);
      meterS3(clients.s3, meter);
    },
  });
  try {
    const { table, bucket } = rt;
    const base = article(424242);
    const excerptHtml = base.html.split('\n').slice(0, 6).join('\n');
    const outlet = (id: string): Outlet => ({ id, name: `Outlet ${id}`, url: `https://${id}.example/feed` });
    const events: Array<[string, Outlet, FeedItem]> = [
      ['new story', outlet('a'), { ...base, published: '2026-11-20T10:00:00.000Z' }],
      ['exact copy', outlet('b'), { ...base, guid: 'b-1', link: 'https://b.example/1', published: '2026-11-20T11:00:00.000Z' }],
      ['near copy (excerpt)', outlet('c'), { ...base, guid: 'c-1', link: 'https://c.example/1', html: excerptHtml, published: '2026-11-20T12:00:00.000Z' }],
      [
        'near copy, earlier and fuller',
        outlet('d'),
        { ...base, guid: 'd-1', link: 'https://d.example/1', html: `${base.html}\n<p>${sentence(rng(7))} ${sentence(rng(8))}</p>`, published: '2026-11-20T09:00:00.000Z' },
      ],
      ['headline-only copy (title)', outlet('e'), { ...base, guid: 'e-1', link: 'https://e.example/1', html: '<p>Read the full story at E.</p>', published: '2026-11-20T12:30:00.000Z' }],
      ['already seen', outlet('a'), { ...base, published: '2026-11-20T10:00:00.000Z' }],
    ];
    console.log('\ncost per event (ingest of one item; DynamoDB write units include KEYS_ONLY index writes):');
    console.log('  event                              requests (reads)  RCU    WCU    S3 requests');
    for (const [name, o, item] of events) {
      meter.reset();
      const counts = await ingestFeed(o, [item], { stories: table, contents: bucket, now: new Date('2026-11-20T13:00:00Z') });
      const t = meter.totals();
      const reads = [...meter.dynamodb].filter(([command]) => /Get|Query|Scan/.test(command)).reduce((n, [, c]) => n + c.requests, 0);
      const what = counts.newStories ? 'new' : counts.nearMerged ? 'near' : counts.merged ? 'joined' : 'seen';
      console.log(
        `  ${name.padEnd(34)} ${String(t.dynamoRequests).padStart(8)} (${reads})  ${t.readUnits.toFixed(1).padStart(5)}  ${t.writeUnits.toFixed(1).padStart(5)}  ${String(t.s3Requests).padStart(5)}   (${what})`,
      );
    }
  } finally {
    rt.close();
    await stores.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Peak memory of one cycle over the hostile feeds and the worst feeds the default caps let through
 * (bench/hostile-cycle.ts), in a child process so that the peak is the cycle's own.
 */
function benchHostileMemory(): void {
  const child = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'hostile-cycle.ts')], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const last = child.stdout.trim().split('\n').pop() ?? '';
  if (child.status !== 0 || !last.startsWith('{')) throw new Error(`hostile cycle failed (exit ${child.status}): ${child.stderr.slice(-2000)}`);
  const r = JSON.parse(last) as { outlets: number; fetched: number; failed: number; items: number; seconds: number; peakRssMb: number };
  console.log(`\nhostile cycle: ${r.outlets} outlets (${r.fetched} fetched, ${r.failed} refused or failed), ${r.items} items, ${r.seconds.toFixed(1)} s`);
  console.log(`  peak RSS ${r.peakRssMb} MB (embedded DynamoDB and S3 servers in the same process; limit 1,024 MB)`);
}

const quick = process.argv.includes('--quick');
const purePathItemsPerSecond = benchPurePath();
// The whole path takes a minute of its own: --quick, which must finish within one, leaves it out.
const itemPath = quick ? undefined : await benchItemPath();
if (!process.argv.includes('--pure-only')) {
  const parseTimeVsRssParser = await benchParse();
  await benchCosts();
  // --quick: a world small enough for a minute (the 100-outlet size takes minutes on the embedded stores);
  // the full run: 100 and 1,000 outlets of 50 items, and the hostile cycle's memory.
  const sizes: Array<[number, number]> = quick ? [[20, 25]] : [[100, 50], [1000, 50]];
  const runs = sizes.map(([o, m]) => benchPipeline(o, m));
  if (!quick) benchHostileMemory();
  // The cost model (bench/cost.ts) on the rates measured at the largest size run.
  const last = runs.at(-1)!;
  const costs = (rates: CostRates) =>
    Object.fromEntries([100, 1000, 10000].map((outlets) => [String(outlets), monthlyCost({ outlets, ...DEPLOYED }, rates).total]));
  const costPerMonthUsd = costs(last.rates);
  const naiveCostPerMonthUsd = costs(last.naive.rates);
  console.log(`\ncost per month (prices of ${PRICES.asOf}, ${PRICES.region}; 15-minute schedule, 20 new items per outlet a day):`);
  for (const outlets of [100, 1000, 10000]) {
    const parts = monthlyCost({ outlets, ...DEPLOYED }, last.rates);
    console.log(
      `  ${String(outlets).padStart(6)} outlets: $${parts.total.toFixed(2)} (DynamoDB ${parts.dynamodb}, Lambda ${parts.lambda}, SQS ${parts.sqs}, S3 ${parts.s3}, CloudWatch ${parts.cloudwatch}); naive $${naiveCostPerMonthUsd[String(outlets)]!.toFixed(2)}`,
    );
  }
  // A cycle's fetching at scale: the measured fetch times plus a real outlet's network time and stragglers.
  const a = SCALE_ASSUMPTIONS;
  const scale = [1000, 10000].map((outlets) => cycleAtScale(outlets, DEPLOYED, last.rates));
  console.log(
    `\ncycle at scale (measured fetches: median ${median([...last.rates.fetchSeconds]).toFixed(2)} s with news, ${median([...last.rates.steadyFetchSeconds]).toFixed(2)} s without; ` +
      `plus ${a.networkSeconds} s of network each, ${a.slowShare * 100} % at the ${a.deadlineSeconds} s deadline; batches of ${DEPLOYED.fetchBatch} worked ${DEPLOYED.fetchBatchConcurrency} at a time, ${a.invocationsAtOnce} invocations at once):`,
  );
  for (const c of scale) console.log(`  ${String(c.outlets).padStart(6)} outlets: ${c.invocations} invocations of ${c.invocationSeconds} s expected: ${c.cycleMinutes} minutes`);
  if (process.argv.includes('--json')) {
    console.log(
      JSON.stringify({
        cycles: runs.map((r) => ({
          outlets: r.cycle.outlets,
          itemsPerOutlet: r.cycle.itemsPerOutlet,
          seconds: r.cycle.seconds,
          floorSeconds: r.cycle.floorSeconds,
          itemsPerSecond: r.cycle.itemsPerSecond,
          peakRssMb: r.cycle.peakRssMb,
        })),
        steady: last.steady,
        incremental: last.incremental,
        purePathItemsPerSecond,
        ...(itemPath ? { itemPath } : {}),
        parseTimeVsRssParser,
        costPerMonthUsd,
        naiveCostPerMonthUsd,
        scale,
      }),
    );
  }
}
