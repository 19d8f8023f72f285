/**
 * `feedmerge eval`: dedup quality as a number. Serves a corpus's feeds over local HTTP, runs one
 * cycle into fresh embedded stores (the real fetch → dedup path), and scores `stories` against the
 * corpus's truth.json.
 *
 * A corpus folder holds either `outlets.json` (an array of `{ id, name, file }`, the format of
 * the development corpora) or `feeds.json` (a feeds file with URLs relative to `feeds/`, like examples/),
 * plus `truth.json`.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Outlet } from '../shared/core/model.ts';
import { ConfigError, parseOutletsJson } from '../shared/core/config.ts';
import { scoreClusters, type Score, type Truth } from './score.ts';
import { createRuntime } from '../functions/runtime.ts';
import { openStores } from './embedded.ts';
import { serveDirectory } from './http.ts';
import { runCycle, type CycleSummary } from './cycle.ts';
import { RequestMeter, meterDynamo, meterS3, type DynamoCounts } from '../functions/storage/meter.ts';
import type { AwsClients } from '../functions/storage/clients.ts';
import { storyJson } from './output.ts';
import { count } from './plural.ts';

export interface CostSummary {
  readonly dynamodb: Record<string, DynamoCounts>;
  readonly s3: Record<string, number>;
  readonly perItem: { readonly dynamoRequests: number; readonly readUnits: number; readonly writeUnits: number; readonly s3Requests: number };
}

export interface EvalResult {
  readonly corpus: string;
  readonly score: Score;
  readonly cycle: Omit<CycleSummary, 'reports'>;
  /** The first cycle: every item new. */
  readonly cost: CostSummary;
  /** A second cycle whose server ignores conditional requests: every item already seen. */
  readonly rerunCost: CostSummary;
}

export async function evaluateCorpus(corpusDir: string, log: (line: string) => void): Promise<EvalResult> {
  const truthPath = join(corpusDir, 'truth.json');
  if (!existsSync(truthPath)) throw new ConfigError(`${corpusDir}: no truth.json`);
  const truth = JSON.parse(readFileSync(truthPath, 'utf8')) as Truth;
  const stateDir = mkdtempSync(join(tmpdir(), 'feedmerge-eval-'));
  const serving = { conditional: true };
  const server = await serveDirectory(corpusDir, 0, serving);
  const meter = new RequestMeter();
  const observe = (clients: AwsClients) => {
    meterDynamo(clients.dynamodb, meter);
    meterS3(clients.s3, meter);
  };
  try {
    const outlets = corpusOutlets(corpusDir, server.url);
    const stores = await openStores(stateDir, { own: true });
    const rt = createRuntime({ ...process.env, ...stores.env }, { connection: stores.connection, observe });
    try {
      await rt.bucket.putOutlets(outlets);
      meter.reset();
      const { reports: _reports, ...cycle } = await runCycle(rt, log);
      const cost = costOf(meter, cycle.items);
      const stories = (await rt.table.listStories()).map(storyJson);
      serving.conditional = false;
      meter.reset();
      const rerun = await runCycle(rt, log);
      const rerunCost = costOf(meter, rerun.items);
      return { corpus: corpusDir, score: scoreClusters(truth, stories), cycle, cost, rerunCost };
    } finally {
      rt.close();
      await stores.close();
    }
  } finally {
    await server.close();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

function costOf(meter: RequestMeter, items: number): CostSummary {
  const t = meter.totals();
  const per = (x: number) => Math.round((x / Math.max(1, items)) * 100) / 100;
  return {
    dynamodb: Object.fromEntries([...meter.dynamodb].map(([k, v]) => [k.replace(/Command$/, ''), { ...v }])),
    s3: Object.fromEntries([...meter.s3].map(([k, v]) => [k.replace(/Command$/, ''), v])),
    perItem: { dynamoRequests: per(t.dynamoRequests), readUnits: per(t.readUnits), writeUnits: per(t.writeUnits), s3Requests: per(t.s3Requests) },
  };
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

function costLine(c: CostSummary): string {
  const p = c.perItem;
  return `${p.dynamoRequests} DynamoDB requests, ${p.readUnits} RCU, ${p.writeUnits} WCU (indexes included), ${p.s3Requests} S3 requests`;
}

export function formatScore(r: EvalResult): string {
  const s = r.score;
  const f = (x: number | null) => (x === null ? 'n/a' : x.toFixed(3));
  const lines = [
    `corpus ${r.corpus}: ${count(s.truthItems, 'item')}, ${count(s.truthPairs, 'same-story pair')}`,
    `precision ${f(s.precision)}  recall ${f(s.recall)}  F1 ${s.f1.toFixed(3)}  (${s.correctPairs}/${s.predictedPairs} predicted pairs correct)`,
    `stories ${s.predictedStories}; items missing ${s.missingItems}; unknown copies ${s.unknownCopies}; items in several stories ${s.itemsInSeveralStories}`,
    `hard negatives falsely merged: ${s.hardNegativeFalseMerges} of ${s.hardNegatives}`,
    ...Object.entries(s.recallByTransform).map(([t, v]) => `  recall ${t.padEnd(14)} ${f(v.recall)} (${v.found}/${v.pairs})`),
    `cycle: ${count(r.cycle.items, 'item')} → ${count(r.cycle.newStories, 'new story', 'new stories')}, ${count(r.cycle.merged, 'copy', 'copies')} merged (${r.cycle.nearMerged} near); ${(r.cycle.durationMs / 1000).toFixed(2)} s`,
    `cost per item, all new:      ${costLine(r.cost)}`,
    `cost per item, all seen (200, no 304): ${costLine(r.rerunCost)}`,
    `  DynamoDB requests, all new: ${Object.entries(r.cost.dynamodb).map(([k, v]) => `${k} ${v.requests}`).join(', ')}`,
    `  S3 requests, all new: ${Object.entries(r.cost.s3).map(([k, v]) => `${k} ${v}`).join(', ')}`,
  ];
  return lines.join('\n');
}
