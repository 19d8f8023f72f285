/**
 * npm run bench — speed of the pure path and DynamoDB cost per ingest event.
 *
 * 1. Pure path (extract → boilerplate → normalise → fingerprint → headline → candidate keys)
 *    over synthetic ~5 KB HTML articles, one core, several runs: median items/s.
 * 2. Cost per event, against embedded dynalite + s3rver with request meters: a new story, an exact
 *    copy, a near copy (excerpt), an earlier and fuller copy, a headline-only copy, an already-seen item.
 * 3. Peak memory of a cycle over hostile feeds (bench/hostile-cycle.ts, a child process).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FeedItem, Outlet } from '../shared/core/model.ts';
import { article, rng, sentence } from './articles.ts';
import { fingerprintFeed } from '../shared/dedup/fingerprint.ts';
import { identifyDocument } from '../shared/dedup/identity.ts';
import { keysOf } from '../shared/dedup/keys.ts';
import { ingestFeed } from '../shared/dedup/ingest.ts';
import { openStores } from '../cli/embedded.ts';
import { createRuntime } from '../functions/runtime.ts';
import { RequestMeter, meterDynamo, meterS3 } from '../functions/storage/meter.ts';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function benchPurePath(): void {
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
  run(); // warm-up (JIT)
  const rates = Array.from({ length: 11 }, run);
  console.log(`pure path: ${FEED * FEEDS} items of ${(bytes / 1024).toFixed(1)} KB HTML per run, 11 runs, one core`);
  console.log(`  items/s median ${median(rates).toFixed(0)} (min ${Math.min(...rates).toFixed(0)}, max ${Math.max(...rates).toFixed(0)})`);
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

benchPurePath();
if (!process.argv.includes('--pure-only')) {
  await benchCosts();
  benchHostileMemory();
}
