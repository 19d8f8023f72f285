/**
 * Real feeds against the reference reader: how many well-formed feeds feedmerge ingests completely.
 *
 *   node --import tsx bench/real-feeds.ts <folder of feed files>
 *
 * Python's feedparser (Debian's python3-feedparser, run by bench/feedparser_entries.py) says what each
 * file contains; the files are served over local HTTP, one outlet each, and one real cycle runs on the
 * embedded stores. A feed is ingested completely when its fetch succeeds, every distinct entry
 * feedparser finds became an item, and every entry's link is a copy's link. Feeds feedparser itself
 * finds ill-formed ("bozo") are listed apart. The feed files are not part of this repository: gather
 * them from other projects' test suites.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { startHarness } from '../test/integration/harness.ts';
import { storyJson } from '../cli/output.ts';
import type { Outlet } from '../shared/core/model.ts';

interface Reference {
  readonly bozo: boolean;
  readonly bozoException?: string;
  readonly version: string;
  readonly entries: ReadonlyArray<{ readonly id: string; readonly link: string; readonly title: string }>;
}

const folder = process.argv[2];
if (!folder) throw new Error('usage: node --import tsx bench/real-feeds.ts <folder>');
const files = readdirSync(folder).filter((f) => !f.startsWith('.') && !f.endsWith('.tsv') && statSync(join(folder, f)).isFile()).sort();

const python = spawnSync('/usr/bin/python3', [join(import.meta.dirname, 'feedparser_entries.py'), folder], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
if (python.status !== 0) throw new Error(`feedparser_entries.py failed: ${python.stderr}`);
const reference = JSON.parse(python.stdout) as Record<string, Reference>;

// The files' own bytes, whatever their encoding (the harness's server sends strings as UTF-8).
const server = createServer((req, res) => {
  const name = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname.slice(1));
  if (!files.includes(name)) return void res.writeHead(404).end();
  const type = name.endsWith('.json') ? 'application/feed+json' : 'application/xml';
  res.writeHead(200, { 'content-type': type }).end(readFileSync(join(folder, name)));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

const h = await startHarness();
try {
  const idOf = (file: string) => `f${files.indexOf(file)}`;
  const outlets: Outlet[] = files.map((f) => ({ id: idOf(f), name: f.slice(0, 60), url: `${base}${encodeURIComponent(f)}` }));
  await h.registerOutlets(outlets);
  const summary = await h.cycle();
  const stories = (await h.rt.table.listStories()).map(storyJson);
  const copyLinks = new Map<string, Set<string>>();
  for (const s of stories) for (const c of s.copies) copyLinks.set(c.outlet, (copyLinks.get(c.outlet) ?? new Set()).add(c.url));

  // feedparser resolved relative links against https://feeds.example/<file>; ours against the local server.
  const comparable = (link: string) => link.replace(base, 'https://feeds.example/');
  let wellFormed = 0;
  let complete = 0;
  const rows: string[] = [];
  for (const file of files) {
    const ref = reference[file];
    const report = summary.reports.find((r) => r.outletId === idOf(file));
    if (!ref || !report) continue;
    const distinct = new Set(ref.entries.map((e) => `${e.id}\u0000${e.link}\u0000${e.id || e.link ? '' : e.title}`)).size;
    const links = new Set([...(copyLinks.get(idOf(file)) ?? [])].map(comparable));
    const missingLinks = ref.entries.filter((e) => /^https?:\/\//.test(e.link) && !links.has(e.link)).length;
    const ok = report.status === 'fetched' && report.items === distinct && missingLinks === 0;
    if (!ref.bozo) {
      wellFormed++;
      if (ok) complete++;
    }
    if (!ok || ref.bozo) {
      const why = report.status !== 'fetched' ? `${report.status}: ${report.error ?? ''}` : `items ${report.items} of ${distinct}, links missing ${missingLinks}`;
      rows.push(`${ref.bozo ? 'ill-formed ' : ''}${ok ? 'ok' : 'INCOMPLETE'}  ${file}  (${ref.version})  ${why}${ref.bozo ? `  [feedparser: ${ref.bozoException}]` : ''}`);
    }
  }
  for (const row of rows) console.log(row);
  const share = wellFormed === 0 ? 0 : complete / wellFormed;
  console.log(`\nwell-formed feeds (feedparser): ${wellFormed}; ingested completely: ${complete} (${(100 * share).toFixed(1)} %)`);
  console.log(JSON.stringify({ files: files.length, wellFormed, complete, share: Number(share.toFixed(4)) }));
} finally {
  await h.close();
  server.close();
}
