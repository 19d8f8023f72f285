/**
 * The analysts' surfaces against a fixture with known answers, driven as scripts drive them (separate
 * processes, stdout parsed): `outlets stats`, `flows`, `story`, `stories` and `sql` give the same numbers,
 * and those are the numbers worked out by hand below.
 *
 * Three invented outlets; four stories with known publication times (T = 2026-11-02 08:00 UTC):
 *   ferry:   alpha T,        beta +30 min, gamma +90 min
 *   budget:  beta T+1 d,     alpha +60 min
 *   choir:   gamma T+2 d     (alone)
 *   quarry:  alpha T+3 d,    gamma +120 min
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeXml, gibberish } from '../fixtures/hostile.ts';
import { feedmerge, feedmergeWith } from './cli-process.ts';

const T = Date.UTC(2026, 10, 2, 8);
/** Debian's chromium (.ci/run installs it). */
const CHROMIUM = '/usr/bin/chromium';
const MIN = 60_000;

/** An invented article: 5 paragraphs of made-up words, different per slug. */
const paragraphs = (slug: string) => Array.from({ length: 5 }, (_, i) => `${gibberish(`${slug}-${i}`, 24).join(' ')}.`);
const STORIES = { ferry: 'Ferry returns to island route', budget: 'Council passes harbour budget', choir: 'Choir tours the valley', quarry: 'Quarry expansion refused' } as const;
type Slug = keyof typeof STORIES;

const CARRIED: Record<string, Array<[Slug, number]>> = {
  alpha: [['ferry', 0], ['budget', 24 * 60 + 60], ['quarry', 3 * 24 * 60]],
  beta: [['ferry', 30], ['budget', 24 * 60]],
  gamma: [['ferry', 90], ['choir', 2 * 24 * 60], ['quarry', 3 * 24 * 60 + 120]],
};

function rss(outlet: string): string {
  const items = CARRIED[outlet]!.map(([slug, minutes]) => {
    const body = [`<p>By ${outlet} staff</p>`, ...paragraphs(slug).map((p) => `<p>${p}</p>`)].join('');
    return `<item><title>${escapeXml(STORIES[slug])}</title><link>https://${outlet}.example/${slug}</link><guid>${outlet}-${slug}</guid>
<pubDate>${new Date(T + minutes * MIN).toUTCString()}</pubDate><description>${escapeXml(body)}</description></item>`;
  });
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>${outlet}</title>${items.join('\n')}</channel></rss>`;
}

const EXPECTED_STATS = [
  { outlet: 'alpha', items: 3, firstPublished: 2, copiesOfOthers: 1, medianLagMinutes: 60, syndicatedShare: 0.333 },
  { outlet: 'gamma', items: 3, firstPublished: 1, copiesOfOthers: 2, medianLagMinutes: 105, syndicatedShare: 0.667 },
  { outlet: 'beta', items: 2, firstPublished: 1, copiesOfOthers: 1, medianLagMinutes: 30, syndicatedShare: 0.5 },
];
const EXPECTED_FLOWS = [
  { from: 'alpha', to: 'gamma', count: 2 },
  { from: 'alpha', to: 'beta', count: 1 },
  { from: 'beta', to: 'alpha', count: 1 },
];

describe('analysts\u2019 numbers agree everywhere, and are the known answers', () => {
  let dir: string;
  let state: string;
  const json = async <T>(...args: string[]): Promise<T> => {
    const r = await feedmerge(...args, '--state', state);
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as T;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'feedmerge-analytics-'));
    state = join(dir, 'state');
    mkdirSync(join(dir, 'feeds'));
    for (const outlet of Object.keys(CARRIED)) writeFileSync(join(dir, 'feeds', `${outlet}.xml`), rss(outlet));
    const outlets = Object.keys(CARRIED).map((id) => ({ id, name: id[0]!.toUpperCase() + id.slice(1), url: `${id}.xml` }));
    writeFileSync(join(dir, 'feeds.json'), JSON.stringify({ outlets }));
    const run = await feedmerge('run', '--feeds', join(dir, 'feeds.json'), '--serve-dir', join(dir, 'feeds'), '--serve-port', '0', '--state', state, '--once');
    expect(run.code, run.stderr).toBe(0);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('outlets stats', async () => {
    expect(await json('outlets', 'stats', '--format', 'json')).toEqual(EXPECTED_STATS);
  });

  it('flows', async () => {
    expect(await json('flows', '--format', 'json')).toEqual(EXPECTED_FLOWS);
  });

  it('stories and story: each copy\u2019s lag, the first publisher, the evidence and the text', async () => {
    type Listed = { id: string; outlet: string; title: string; copies: Array<{ outlet: string; lagMinutes: number; match: string; evidence: string }> };
    const stories = await json<Listed[]>('stories', '--format', 'json');
    expect(stories).toHaveLength(4);
    const ferry = stories.find((s) => s.title === STORIES.ferry)!;
    expect(ferry.outlet).toBe('alpha');
    expect(ferry.copies.map((c) => [c.outlet, c.lagMinutes])).toEqual([['alpha', 0], ['beta', 30], ['gamma', 90]]);
    const detail = await json<Listed & { text: string[] }>('story', ferry.id, '--format', 'json');
    expect(detail.copies).toEqual(ferry.copies);
    // Whichever was fetched first founded the story; the others are word-for-word copies of it.
    expect(detail.copies.filter((c) => c.match === 'first').map((c) => c.evidence)).toEqual(['founded the story']);
    for (const c of detail.copies.filter((c) => c.match !== 'first')) expect(c).toMatchObject({ match: 'exact', evidence: expect.stringContaining('content hash') });
    expect(detail.text).toEqual(paragraphs('ferry'));
    // The filters: copies, words in titles, a limit, a time range.
    expect((await json<Listed[]>('stories', '--format', 'json', '--min-copies', '3')).map((s) => s.title)).toEqual([STORIES.ferry]);
    expect((await json<Listed[]>('stories', '--format', 'json', '--search', 'HARBOUR budget')).map((s) => s.title)).toEqual([STORIES.budget]);
    expect(await json<Listed[]>('stories', '--format', 'json', '--limit', '2')).toHaveLength(2);
    const range = await json<Listed[]>('stories', '--format', 'json', '--since', '2026-11-03', '--until', '2026-11-05');
    expect(range.map((s) => s.title).sort()).toEqual([STORIES.budget, STORIES.choir].sort());
  });

  it('sql: the same numbers from the analytics copy', async () => {
    const perOutlet = await json<Array<{ outlet: string; items: number; first: number; others: number }>>(
      'sql',
      `SELECT c.outlet, count(*) AS items,
              (SELECT count(*) FROM stories s WHERE s.first_outlet = c.outlet) AS first,
              sum(CASE WHEN c.outlet <> c.first_outlet THEN 1 ELSE 0 END) AS others
       FROM copies c GROUP BY c.outlet ORDER BY items DESC, c.outlet`,
      '--format',
      'json',
    );
    expect(perOutlet).toEqual(EXPECTED_STATS.map((s) => ({ outlet: s.outlet, items: s.items, first: s.firstPublished, others: s.copiesOfOthers })));
    const flows = await json<Array<{ from: string; to: string; count: number }>>(
      'sql',
      'SELECT first_outlet AS "from", outlet AS "to", count(DISTINCT story_id) AS "count" FROM copies WHERE outlet <> first_outlet GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2',
      '--format',
      'json',
    );
    expect(flows).toEqual(EXPECTED_FLOWS);
    const lags = await json<Array<{ lag_minutes: number }>>('sql', "SELECT lag_minutes FROM copies WHERE outlet = 'gamma' ORDER BY lag_minutes", '--format', 'json');
    expect(lags.map((r) => r.lag_minutes)).toEqual([0, 90, 120]);
  });

  it.skipIf(!existsSync(CHROMIUM))('report: renders in headless Chromium, no console error, no request leaves the page, its numbers are outlets stats\u2019', async () => {
    const out = join(dir, 'report.html');
    const r = await feedmerge('report', '--out', out, '--state', state);
    expect(r.code, r.stderr).toBe(0);
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROMIUM });
    try {
      const page = await browser.newPage({ viewport: { width: 390, height: 800 } });
      const problems: string[] = [];
      page.on('console', (m) => void (m.type() === 'error' && problems.push(m.text())));
      page.on('pageerror', (e) => void problems.push(e.message));
      page.on('request', (req) => void (req.url().startsWith('file:') || problems.push(`request to ${req.url()}`)));
      await page.goto(pathToFileURL(out).href);
      expect(await page.locator('svg.chart').count()).toBe(2);
      expect(await page.locator('table.matrix td[data-from="alpha"][data-to="gamma"]').textContent()).toBe('2');
      const shown = await page.locator('table.outlets tbody tr').evaluateAll((rows) =>
        rows.map((row) => {
          const cell = (key: string) => row.querySelector(`[data-key="${key}"]`)!.textContent!;
          return {
            outlet: row.getAttribute('data-outlet'),
            items: Number(cell('items')),
            firstPublished: Number(cell('firstPublished')),
            copiesOfOthers: Number(cell('copiesOfOthers')),
            medianLagMinutes: cell('medianLagMinutes') === '' ? null : Number(cell('medianLagMinutes')),
            syndicatedShare: Number(cell('syndicatedShare')),
          };
        }),
      );
      expect(shown).toEqual(await json('outlets', 'stats', '--format', 'json'));
      expect(await page.locator('[data-total="stories"]').textContent()).toBe('4');
      // Nothing wider than a phone.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('without the analytics copy (FEEDMERGE_ANALYTICS=false), sql has no rows until export-analytics writes them', async () => {
    const off = join(dir, 'state-off');
    const run = await feedmergeWith(
      { FEEDMERGE_ANALYTICS: 'false' },
      'run', '--feeds', join(dir, 'feeds.json'), '--serve-dir', join(dir, 'feeds'), '--serve-port', '0', '--state', off, '--once',
    );
    expect(run.code, run.stderr).toBe(0);
    const count = async () => JSON.parse((await feedmerge('sql', 'SELECT count(*) AS n FROM copies', '--format', 'json', '--state', off)).stdout) as Array<{ n: number }>;
    expect(await count()).toEqual([{ n: 0 }]);
    const exported = await feedmerge('export-analytics', '--state', off);
    expect(exported).toMatchObject({ code: 0, stderr: expect.stringContaining('analytics copy rewritten for 4 stories') });
    expect(await count()).toEqual([{ n: 8 }]);
    // Idempotent: a second export changes nothing.
    await feedmerge('export-analytics', '--state', off);
    expect(await count()).toEqual([{ n: 8 }]);
  }, 60_000);

  it('--stats reports the requests on stderr, Query and BatchGet only, no Scan', async () => {
    const r = await feedmerge('outlets', 'stats', '--stats', '--state', state);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^requests: DynamoDB \d+ \(.*Query \d+.*; no Scan\), [\d.]+ read units; S3/m);
    expect(r.stderr).not.toMatch(/Scan \d/);
  });

  it('usage errors name the bad value and exit 2; an unknown story exits 1', async () => {
    expect(await feedmerge('story', 'nope', '--state', state)).toMatchObject({ code: 2, stderr: expect.stringContaining('"nope"') });
    expect(await feedmerge('story', 'f'.repeat(24), '--state', state)).toMatchObject({ code: 1, stderr: expect.stringMatching(/no story f{24}/) });
    expect(await feedmerge('flows', '--since', 'yesterday', '--state', state)).toMatchObject({ code: 2, stderr: expect.stringContaining('"yesterday"') });
    expect(await feedmerge('sql', 'SELEC 1', '--state', state)).toMatchObject({ code: 2, stderr: expect.stringMatching(/syntax error/) });
  });
});
