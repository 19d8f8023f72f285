/**
 * One cycle over every hostile feed of the test suite (test/fixtures/hostile.ts) and the worst feeds the
 * default limits let through, with healthy outlets, on the embedded stores — in a process of its own, so
 * that its peak resident memory is the cycle's alone. `bench/run.ts` runs it and reads the last line:
 * `{ "outlets", "fetched", "failed", "items", "seconds", "peakRssMb" }`.
 *
 * The default body cap (10 MiB) and item cap (1,000) apply: what is measured is what a deployed fetcher
 * with default settings would hold. Only the deadline is shortened (3 s), which bounds time, not memory.
 */
import { escapeXml, rssDoc, rssItem } from '../test/fixtures/hostile.ts';
import * as F from '../test/fixtures/hostile.ts';
import { startHarness, type Behaviour } from '../test/integration/harness.ts';
import type { Outlet } from '../shared/core/model.ts';
import { article } from './articles.ts';

const NOW = Date.now();

/** Feeds that fill the default caps with real work: every item new, every byte parsed. */
function worstFeeds(): Record<string, Behaviour> {
  // 1,000 distinct ~9.8 KB articles: just under the 10 MiB body cap and at the 1,000-item cap.
  const items = Array.from({ length: 1_000 }, (_, i) => {
    const a = article(900_000 + i);
    return rssItem({ title: a.title, link: `https://full.example/${i}`, guid: `full-${i}`, pubDate: new Date(NOW - i * 60_000).toUTCString(), content: `${a.html}\n${a.html}` });
  });
  const oneHugeItem = rssDoc({
    channel: 'One Huge Item',
    items: [rssItem({ title: 'Huge', link: 'https://huge.example/1', guid: 'huge-1', content: `<p>${'word '.repeat(1_900_000)}</p>` })],
  });
  const manyItems = rssDoc({
    channel: 'Hundred Thousand Items',
    items: Array.from({ length: 100_000 }, (_, i) => `<item><title>${escapeXml(`t${i}`)}</title><guid>g${i}</guid></item>`),
  });
  return {
    'full-feed': { kind: 'feed', body: rssDoc({ channel: 'Full Feed', items }) },
    'one-huge-item': { kind: 'feed', body: oneHugeItem },
    'hundred-thousand-items': { kind: 'feed', body: manyItems },
    'fifty-megabytes': { kind: 'huge', bytes: 50 * 1024 * 1024 },
    hang: { kind: 'hang' },
  };
}

/** Every fixture feed of the hostile suite that is a document (not a server behaviour). */
function fixtureFeeds(): Record<string, Behaviour> {
  const out: Record<string, Behaviour> = {};
  const documents: Record<string, string | Buffer> = {
    'json-feed-11': F.jsonFeed11(NOW),
    'future-date': F.futureDateFeed(NOW),
    'xxe-2': F.xxeFeed(2),
    latin1: F.latin1Feed('latin1'),
    'utf16-bom': F.utf16Feed(true),
    'utf16-no-bom': F.utf16Feed(false),
    undeclared: F.undeclaredUtf8Feed('undeclared'),
  };
  for (const [name, fn] of Object.entries(F)) {
    if (typeof fn !== 'function' || fn.length !== 0 || !/Feed$|Xml$/.test(name)) continue;
    const doc: unknown = (fn as () => unknown)();
    if (typeof doc === 'string' || Buffer.isBuffer(doc)) documents[name] = doc;
  }
  for (const [name, doc] of Object.entries(documents)) out[name] = { kind: 'feed', body: doc.toString(Buffer.isBuffer(doc) ? 'latin1' : 'utf8') };
  for (const [name, doc] of Object.entries({ html: F.HTML_ERROR_PAGE, json: F.JSON_NOT_A_FEED, truncatedJson: F.JSON_TRUNCATED, xml: F.XML_NOT_A_FEED })) {
    out[`not-a-feed-${name}`] = { kind: 'feed', body: doc };
  }
  return out;
}

const h = await startHarness({ FEEDMERGE_FETCH_TIMEOUT_MS: '3000' });
try {
  const outlets: Outlet[] = [];
  const serve = (id: string, behaviour: Behaviour) => {
    h.routes.set(`/${id}.xml`, behaviour);
    outlets.push({ id, name: id, url: `${h.baseUrl}${id}.xml` });
  };
  // `--only a,b`: just those outlets (and the healthy ones), to see which feed costs what.
  const only = process.argv.includes('--only') ? new Set(process.argv[process.argv.indexOf('--only') + 1]!.split(',')) : undefined;
  for (const [id, behaviour] of Object.entries({ ...fixtureFeeds(), ...worstFeeds() })) {
    if (!only || only.has(id.toLowerCase())) serve(id.toLowerCase(), behaviour);
  }
  for (const outlet of F.HEALTHY) serve(outlet.id, { kind: 'feed', body: F.healthyFeed(outlet, NOW) });
  await h.registerOutlets(outlets);
  const started = Date.now();
  const summary = await h.cycle();
  const healthyDone = F.HEALTHY.every((o) => summary.reports.find((r) => r.outletId === o.id)?.status === 'fetched');
  if (!healthyDone) throw new Error('a healthy outlet did not complete');
  console.log(
    JSON.stringify({
      outlets: summary.outlets,
      fetched: summary.fetched,
      failed: summary.failed,
      items: summary.items,
      seconds: (Date.now() - started) / 1000,
      // maxRSS is in KiB: the process's peak, parsing and storage servers included.
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
} finally {
  await h.close();
}
