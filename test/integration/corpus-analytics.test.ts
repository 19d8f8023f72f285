/**
 * The analysts' numbers on the development corpus (`../shared/corpus/dev`, beside the repository; the
 * suite is skipped where it is absent, e.g. in a clone elsewhere): one cycle through the CLI, then
 * `outlets stats`, `flows`, `stories`, `sql` and the report page are compared with the same figures
 * computed here independently — from the corpus's truth.json (which copies are one story) and the
 * publication dates rss-parser reads from its feed files — with code that shares nothing with
 * shared/analytics.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedmerge } from './cli-process.ts';

const CORPUS = resolve(process.env.FEEDMERGE_DEV_CORPUS ?? join(import.meta.dirname, '../../../shared/corpus/dev'));

interface Expected {
  stats: Array<{ outlet: string; items: number; firstPublished: number; copiesOfOthers: number; medianLagMinutes: number | null; syndicatedShare: number }>;
  flows: Array<{ from: string; to: string; count: number }>;
  stories: number;
}

/** The figures from the corpus's truth, computed the plainest way. */
async function expectedFromTruth(): Promise<Expected> {
  const outlets = JSON.parse(readFileSync(join(CORPUS, 'outlets.json'), 'utf8')) as Array<{ id: string; file: string }>;
  const truth = JSON.parse(readFileSync(join(CORPUS, 'truth.json'), 'utf8')) as { items: Array<{ outlet: string; link: string; story: string }> };
  const dates = new Map<string, number>();
  for (const o of outlets) {
    const feed = await new Parser().parseString(readFileSync(join(CORPUS, o.file), 'utf8'));
    for (const item of feed.items) dates.set(`${o.id} ${item.link}`, Date.parse(item.isoDate ?? ''));
  }
  const stories = new Map<string, Array<{ outlet: string; at: number }>>();
  for (const it of truth.items) {
    const at = dates.get(`${it.outlet} ${it.link}`);
    if (at === undefined || Number.isNaN(at)) throw new Error(`no date for ${it.outlet} ${it.link}`);
    const list = stories.get(it.story) ?? [];
    list.push({ outlet: it.outlet, at });
    stories.set(it.story, list);
  }
  const per: Record<string, { items: number; first: number; lags: number[] }> = {};
  const flows: Record<string, number> = {};
  for (const copies of stories.values()) {
    // Copies of the same minute: the first publisher is the one whose copy key (`outlet#item`) sorts first,
    // regardless of arrival; between two outlets that is the order of `outlet#`.
    const first = copies.reduce((a, b) => (b.at < a.at || (b.at === a.at && `${b.outlet}#` < `${a.outlet}#`) ? b : a));
    const carriers = new Set<string>();
    for (const c of copies) {
      per[c.outlet] ??= { items: 0, first: 0, lags: [] };
      per[c.outlet]!.items += 1;
      if (c.outlet !== first.outlet) {
        per[c.outlet]!.lags.push(Math.round((c.at - first.at) / 60000));
        carriers.add(c.outlet);
      }
    }
    per[first.outlet]!.first += 1;
    for (const to of carriers) flows[`${first.outlet}>${to}`] = (flows[`${first.outlet}>${to}`] ?? 0) + 1;
  }
  const med = (xs: number[]) => {
    if (xs.length === 0) return null;
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  };
  return {
    stories: stories.size,
    stats: Object.entries(per)
      .map(([outlet, p]) => ({
        outlet,
        items: p.items,
        firstPublished: p.first,
        copiesOfOthers: p.lags.length,
        medianLagMinutes: med(p.lags),
        syndicatedShare: Math.round((p.lags.length / p.items) * 1000) / 1000,
      }))
      .sort((a, b) => b.items - a.items || a.outlet.localeCompare(b.outlet)),
    flows: Object.entries(flows)
      .map(([k, count]) => ({ from: k.split('>')[0]!, to: k.split('>')[1]!, count }))
      .sort((a, b) => b.count - a.count || a.from.localeCompare(b.from) || a.to.localeCompare(b.to)),
  };
}

describe.skipIf(!existsSync(join(CORPUS, 'truth.json')))('analysts\u2019 numbers on the development corpus agree with its truth', () => {
  let dir: string;
  let state: string;
  let expected: Expected;
  const cli = async (...args: string[]) => {
    const r = await feedmerge(...args, '--state', state);
    if (r.code !== 0) throw new Error(`feedmerge ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'feedmerge-corpus-analytics-'));
    state = join(dir, 'state');
    const outlets = JSON.parse(readFileSync(join(CORPUS, 'outlets.json'), 'utf8')) as Array<{ id: string; name: string; file: string }>;
    writeFileSync(join(dir, 'feeds.json'), JSON.stringify({ outlets: outlets.map((o) => ({ id: o.id, name: o.name, url: o.file })) }));
    expected = await expectedFromTruth();
    await cli('run', '--once', '--feeds', join(dir, 'feeds.json'), '--serve-dir', CORPUS, '--serve-port', '0', '--port', '0');
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('outlets stats and flows', async () => {
    expect(JSON.parse(await cli('outlets', 'stats', '--format', 'json'))).toEqual(expected.stats);
    expect(JSON.parse(await cli('flows', '--format', 'json'))).toEqual(expected.flows);
  });

  it('stories: every story once, its first publisher and lags as computed', async () => {
    const stories = JSON.parse(await cli('stories', '--format', 'json')) as Array<{ outlet: string; copies: Array<{ outlet: string; lagMinutes: number }> }>;
    expect(stories).toHaveLength(expected.stories);
    const first = new Map<string, number>();
    for (const s of stories) first.set(s.outlet, (first.get(s.outlet) ?? 0) + 1);
    expect(Object.fromEntries(first)).toEqual(Object.fromEntries(expected.stats.filter((s) => s.firstPublished > 0).map((s) => [s.outlet, s.firstPublished])));
  });

  it('sql over the analytics copy', async () => {
    const rows = JSON.parse(
      await cli(
        'sql',
        `SELECT outlet, count(*) AS items, sum(CASE WHEN outlet <> first_outlet THEN 1 ELSE 0 END) AS others,
                median(CASE WHEN outlet <> first_outlet THEN lag_minutes END) AS lag
         FROM copies GROUP BY outlet ORDER BY items DESC, outlet`,
        '--format',
        'json',
      ),
    ) as Array<{ outlet: string; items: number; others: number; lag: number | null }>;
    expect(rows).toEqual(expected.stats.map((s) => ({ outlet: s.outlet, items: s.items, others: s.copiesOfOthers, lag: s.medianLagMinutes })));
    const stories = JSON.parse(await cli('sql', 'SELECT count(*) AS n FROM stories', '--format', 'json')) as Array<{ n: number }>;
    expect(stories[0]!.n).toBe(expected.stories);
  });

  it('the report page', async () => {
    const out = join(dir, 'report.html');
    await cli('report', '--out', out);
    const html = readFileSync(out, 'utf8');
    for (const s of expected.stats) {
      const row = new RegExp(`<tr data-outlet="${s.outlet}">(.*?)</tr>`).exec(html)?.[1] ?? '';
      const cell = (key: string) => new RegExp(`data-key="${key}">([^<]*)<`).exec(row)?.[1];
      expect([cell('items'), cell('firstPublished'), cell('copiesOfOthers'), cell('medianLagMinutes'), cell('syndicatedShare')]).toEqual(
        [s.items, s.firstPublished, s.copiesOfOthers, s.medianLagMinutes ?? '', s.syndicatedShare].map(String),
      );
    }
    expect(html).toContain(`data-total="stories">${expected.stories}<`);
  });
});
