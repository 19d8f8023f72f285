/**
 * `feedmerge eval`: dedup quality as a number. Serves a corpus's feeds over local HTTP, runs one
 * cycle into fresh embedded stores (the real fetch → dedup path), and scores `stories` against the
 * corpus's truth.json.
 *
 * A corpus folder holds either `outlets.json` (an array of `{ id, name, file }`, the format of
 * ../shared/corpus/*) or `feeds.json` (a feeds file with URLs relative to `feeds/`, like examples/),
 * plus `truth.json`.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Outlet } from '../shared/model.ts';
import { ConfigError, parseOutletsJson } from '../shared/config.ts';
import { scoreClusters, type Score, type Truth } from '../shared/score.ts';
import { runtime } from '../functions/runtime.ts';
import { openStores } from './embedded.ts';
import { serveDirectory } from './http.ts';
import { runCycle, type CycleSummary } from './cycle.ts';
import { storyJson } from './output.ts';

export interface EvalResult {
  readonly corpus: string;
  readonly score: Score;
  readonly cycle: Omit<CycleSummary, 'reports'>;
}

export async function evaluateCorpus(corpusDir: string, log: (line: string) => void): Promise<EvalResult> {
  const truthPath = join(corpusDir, 'truth.json');
  if (!existsSync(truthPath)) throw new ConfigError(`${corpusDir}: no truth.json`);
  const truth = JSON.parse(readFileSync(truthPath, 'utf8')) as Truth;
  const stateDir = mkdtempSync(join(tmpdir(), 'feedmerge-eval-'));
  const server = await serveDirectory(corpusDir, 0);
  try {
    const outlets = corpusOutlets(corpusDir, server.url);
    const stores = await openStores(stateDir, { own: true });
    try {
      await runtime().bucket.putOutlets(outlets);
      const { reports: _reports, ...cycle } = await runCycle(log);
      const stories = (await runtime().table.listStories()).map(storyJson);
      return { corpus: corpusDir, score: scoreClusters(truth, stories), cycle };
    } finally {
      await stores.close();
    }
  } finally {
    await server.close();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

function corpusOutlets(dir: string, baseUrl: string): Outlet[] {
  const outletsJson = join(dir, 'outlets.json');
  if (existsSync(outletsJson)) {
    const list = JSON.parse(readFileSync(outletsJson, 'utf8')) as Array<{ id: string; name: string; file: string }>;
    return list.map((o) => ({ id: o.id, name: o.name, url: new URL(o.file, baseUrl).href }));
  }
  const feedsJson = join(dir, 'feeds.json');
  if (!existsSync(feedsJson)) throw new ConfigError(`${dir}: neither outlets.json nor feeds.json`);
  return parseOutletsJson(readFileSync(feedsJson, 'utf8'), feedsJson, new URL('feeds/', baseUrl).href).outlets;
}

export function formatScore(r: EvalResult): string {
  const s = r.score;
  const f = (x: number | null) => (x === null ? 'n/a' : x.toFixed(3));
  const lines = [
    `corpus ${r.corpus}: ${s.truthItems} items, ${s.truthPairs} same-story pairs`,
    `precision ${f(s.precision)}  recall ${f(s.recall)}  F1 ${s.f1.toFixed(3)}  (${s.correctPairs}/${s.predictedPairs} predicted pairs correct)`,
    `stories ${s.predictedStories}; items missing ${s.missingItems}; unknown copies ${s.unknownCopies}; items in several stories ${s.itemsInSeveralStories}`,
    `hard negatives falsely merged: ${s.hardNegativeFalseMerges} of ${s.hardNegatives}`,
    ...Object.entries(s.recallByTransform).map(([t, v]) => `  recall ${t.padEnd(14)} ${f(v.recall)} (${v.found}/${v.pairs})`),
  ];
  return lines.join('\n');
}
